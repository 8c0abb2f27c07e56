/**
 * The remote-database run (`npm run test:remote`): every database a test starts is served by its own
 * Hrana test server (tests/support/hrana-test-server, the protocol server @libsql/client's own CI uses),
 * so the app reaches it at `DATABASE_URL=http://127.0.0.1:<port>` exactly as it would reach sqld. One
 * server process per database: the test server gives every HTTP request of one process the same database
 * file, so a fresh process on a free port is how two test files (or two app servers in one file) get
 * databases of their own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Set by `npm run test:remote` (vitest.config.ts, project "remote"). */
export const REMOTE_DATABASE = process.env['TEST_DATABASE'] === 'remote';

/**
 * How long a test's own writes (factories, fixtures) wait for a lock the app holds. Over the protocol
 * every statement of a transaction is a round trip (5–10 ms to the test server on a busy machine), so
 * the app's write groups hold the lock far longer than on the file, and a test writing beside twenty
 * concurrent requests waits longer for its turn. App servers get the same (support/server.ts).
 */
export const TEST_WRITER_BUSY_TIMEOUT_MS = REMOTE_DATABASE ? 30_000 : 5_000;

/** server_v2.py, ended with the test worker that started it (run-attached.py). */
const SERVER = fileURLToPath(new URL('./hrana-test-server/run-attached.py', import.meta.url));
/** Debian's Python, which has python3-aiohttp (README, "Tests"). */
const PYTHON = process.env['HRANA_PYTHON'] ?? '/usr/bin/python3';

export interface HranaServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a Hrana test server on `port` over the SQLite file at `path` (created if missing). */
export async function startHranaServer(path: string, port: number): Promise<HranaServer> {
  let log = '';
  const child = spawn(PYTHON, [SERVER], {
    env: {
      ...process.env,
      PERSISTENT_DB: path,
      HRANA_HOST: '127.0.0.1',
      HRANA_PORT: String(port),
      // Short: a write lock held by one client is answered SQLITE_BUSY after 100 ms and the app asks again
      // (db/writes.ts), as it would after sqld's own wait; a longer wait would stall every client of the
      // test server (see server_v2.py). Not 0: each request's fresh connection sets the journal mode, which
      // can meet another connection's lock for a moment.
      HRANA_BUSY_TIMEOUT_MS: '100',
      LOG_LEVEL: 'WARNING',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Warnings and errors only (LOG_LEVEL above), kept short: only the start matters if it fails.
  child.stderr?.on('data', (d: Buffer) => {
    if (log.length < 20_000) log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test that never stops its server (one killed to test a crash leaves its database running) must
  // not leave the process behind when the test file's worker ends.
  const reap = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The Hrana test server exited at start:\n${log}`);
    const answered = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The Hrana test server did not start within 20 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
