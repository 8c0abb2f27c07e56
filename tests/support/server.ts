/** Starts the built app (dist/) as a real process on a free port with its own database, as production runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './server-flags';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  origin: string;
  dataDir: string;
  databasePath: string;
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
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'academy-server-'));
  const databasePath = join(dataDir, 'academy.db');
  let log = '';
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'src/server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${databasePath}`,
      SITE_URL: `http://127.0.0.1:${port}`,
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

  const origin = `http://127.0.0.1:${port}`;
  const ready = await Promise.race([
    (async () => {
      while (!log.includes('is ready on')) await new Promise((r) => setTimeout(r, 50));
      return true;
    })(),
    exited.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(false), expectReady ? 120_000 : 30_000)),
  ]);
  const server: RunningServer = {
    origin,
    dataDir,
    databasePath,
    process: child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  if (expectReady && !ready) {
    await server.stop('SIGKILL');
    throw new Error(`The server did not become ready:\n${log}`);
  }
  return server;
}
