/**
 * The database as a test opens it beside the running app: for setup (factories, fixtures) and for
 * checking what was stored.
 *
 * On the embedded file a test's statement waits for the app's write lock through SQLite's busy timeout.
 * The Hrana test server answers SQLITE_BUSY after its own 100 ms (remote-database.ts), and the app's write
 * groups hold the lock longer than that over the protocol, so in the remote run a test's statement asks
 * again, as the app's writes do (db/writes.ts), until TEST_WRITER_BUSY_TIMEOUT_MS. Asking again is safe:
 * a statement or batch answered SQLITE_BUSY changed nothing (a batch runs as one transaction).
 */
import { type OpenDatabase, openDatabase } from '@db/client';
import { isBusyError } from '@db/locks';
import { REMOTE_DATABASE, TEST_WRITER_BUSY_TIMEOUT_MS } from './remote-database';

export async function openTestWriter(url: string): Promise<OpenDatabase> {
  const opened = await openDatabase({ url, busyTimeoutMs: TEST_WRITER_BUSY_TIMEOUT_MS });
  if (REMOTE_DATABASE) askAgainWhileBusy(opened.client);
  return opened;
}

type Client = OpenDatabase['client'];

/** Drizzle calls the client's methods through the object, so replacing them covers every query it runs. */
function askAgainWhileBusy(client: Client): void {
  const execute = client.execute.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const batch = client.batch.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { execute: unknown }).execute = (...args: unknown[]) => whileBusy(() => execute(...args));
  (client as { batch: unknown }).batch = (...args: unknown[]) => whileBusy(() => batch(...args));
}

async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const started = performance.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusyError(error) || performance.now() - started + pause > TEST_WRITER_BUSY_TIMEOUT_MS)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
