/** The database for a command-line tool: the same DATABASE_URL as the server, migrated and seeded, closed afterwards. */
import { closeDatabase, type Database, openDatabase } from '@db/client';
import { seedDefaults } from '@db/seed';
import { migrate } from 'drizzle-orm/libsql/migrator';

export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const opened = await openDatabase({
    url: process.env['DATABASE_URL'] ?? 'file:./data/academy.db',
    authToken: process.env['DATABASE_AUTH_TOKEN'],
    busyTimeoutMs: 5000,
  });
  try {
    await migrate(opened.db, { migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname });
    await seedDefaults(opened.db, new Date());
    return await fn(opened.db);
  } finally {
    closeDatabase(opened);
  }
}
