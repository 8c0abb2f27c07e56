/**
 * A fresh, migrated database in a temporary folder, one per test file (so workers never share one);
 * in the remote run (`npm run test:remote`) served over the protocol by a Hrana test server of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, type OpenDatabase, openDatabase } from '@db/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { REMOTE_DATABASE, startHranaServer } from './remote-database';
import { freePort } from './server';

export const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export interface TestDatabase extends OpenDatabase {
  url: string;
  dispose(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'academy-test-'));
  const path = join(dir, 'test.db');
  const hrana = REMOTE_DATABASE ? await startHranaServer(path, await freePort()) : null;
  const url = hrana?.url ?? `file:${path}`;
  const opened = await openDatabase({ url, busyTimeoutMs: 2000 });
  await migrate(opened.db, { migrationsFolder: MIGRATIONS });
  return {
    ...opened,
    url,
    async dispose() {
      closeDatabase(opened);
      await hrana?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
