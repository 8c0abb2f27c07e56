/**
 * The process's database, opened once. Opening only opens it: the app server's start-up (startup.ts)
 * and the command-line tools apply the migrations and the seed data themselves (`prepareDatabase`), and
 * only the app server starts the background loops (background.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, type OpenDatabase, openDatabase } from '@db/client';
import { seedDefaults } from '@db/seed';
import type { Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { config } from './config';

/** Migrations ship beside the build; the server runs from the project root. */
export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');

let opening: Promise<OpenDatabase> | null = null;

/** The open database. A failed open is forgotten, so the next caller (e.g. /readyz) tries again. */
export function database(): Promise<OpenDatabase> {
  if (opening === null) {
    opening = openDatabase({
      url: config.databaseUrl,
      authToken: config.databaseAuthToken,
      busyTimeoutMs: config.databaseBusyTimeoutMs,
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

export async function db(): Promise<Database> {
  return (await database()).db;
}

export async function client(): Promise<Client> {
  return (await database()).client;
}

/**
 * Brings the database to this build's schema and adds the data every installation starts with (the
 * default codes). Safe to run again: migrations already recorded are skipped, and the pending ones are
 * applied in one transaction. Two processes migrating the same empty database at the same moment: one
 * applies them, the other's attempt fails with nothing half-applied (the launcher then stops; restarted,
 * it finds them done).
 */
export async function prepareDatabase(now: Date): Promise<Database> {
  const opened = await db();
  await migrate(opened, { migrationsFolder: MIGRATIONS_FOLDER });
  await seedDefaults(opened, now);
  return opened;
}

/** How many migrations this build expects (from drizzle-kit's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
