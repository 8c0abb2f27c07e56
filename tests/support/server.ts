/** Starts the built app (dist/) as a real process on a free port with its own database, as production runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HranaServer, REMOTE_DATABASE, startHranaServer } from './remote-database';
import { SERVER_NODE_FLAGS } from './server-flags';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  origin: string;
  dataDir: string;
  /** The database's file: the app's own (embedded), or the one the Hrana test server serves (remote run). */
  databasePath: string;
  /** How the app reaches its database: `file:…`, or `http://…` in the remote run (`npm run test:remote`). */
  databaseUrl: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Waits until the launcher says it is ready (it checks /readyz itself), or fails with its output. */
export async function startServer(
  options: {
    env?: Record<string, string>;
    expectReady?: boolean;
    /** An existing data folder (its academy.db is used and the folder kept on stop), e.g. to restart on it. */
    dataDir?: string;
  } = {},
): Promise<RunningServer> {
  const { env = {}, expectReady = true } = options;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'academy-server-'));
  const databasePath = join(dataDir, 'academy.db');
  // The remote run serves the same file over the protocol, unless the test chose a DATABASE_URL itself.
  const hrana: HranaServer | null =
    REMOTE_DATABASE && env['DATABASE_URL'] === undefined
      ? await startHranaServer(databasePath, await freePort())
      : null;
  const databaseUrl = hrana?.url ?? `file:${databasePath}`;

  /** Starts the app on a free port and waits until the launcher says it is ready (it checks /readyz itself). */
  async function launch(port: number) {
    let log = '';
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'src/server.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        SITE_URL: `http://127.0.0.1:${port}`,
        // The test server runs every statement under one lock, and each is a round trip: a test writing
        // its fixtures beside twenty concurrent requests holds the app's writes back for longer than the
        // default 5 s on a busy machine. A test that is about the timeout sets its own.
        ...(hrana ? { DATABASE_BUSY_TIMEOUT_MS: '30000' } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = await Promise.race([
      (async () => {
        while (!log.includes('is ready on')) await new Promise((r) => setTimeout(r, 50));
        return true;
      })(),
      exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), expectReady ? 120_000 : 30_000)),
    ]);
    return { port, child, exited, ready, log: () => log };
  }

  // A port found free can be taken before the app listens on it (another test's server, or the local end
  // of a connection to a Hrana server): the app then exits with EADDRINUSE, and starts again on another.
  let launched = await launch(await freePort());
  for (let retry = 0; retry < 4 && !launched.ready && launched.log().includes('EADDRINUSE'); retry += 1) {
    await launched.exited;
    launched = await launch(await freePort());
  }
  const { port, child, exited, ready, log } = launched;
  const origin = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    origin,
    dataDir,
    databasePath,
    databaseUrl,
    process: child,
    output: log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      await hrana?.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  if (expectReady && !ready) {
    await server.stop('SIGKILL');
    throw new Error(`The server did not become ready:\n${log()}`);
  }
  return server;
}
