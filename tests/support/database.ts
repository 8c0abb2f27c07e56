/** A fresh, migrated database in a temporary folder, one per test file (so workers never share one). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, type OpenDatabase, openDatabase } from '@db/client';
import { migrate } from 'drizzle-orm/libsql/migrator';

export const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export interface TestDatabase extends OpenDatabase {
  url: string;
  dispose(): void;
}

export async function testDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'academy-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const opened = await openDatabase({ url, busyTimeoutMs: 2000 });
  await migrate(opened.db, { migrationsFolder: MIGRATIONS });
  return {
    ...opened,
    url,
    dispose() {
      closeDatabase(opened);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
