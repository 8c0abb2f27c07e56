/** The process's database: opened once, migrated before the first request is served. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, type OpenDatabase, observeLocks, openDatabase } from '@db/client';
import { seedDefaults } from '@db/seed';
import type { Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { startBoosterEmails } from '../boosters/email-loop';
import { startDigests } from '../ledger/digest-loop';
import { startAssignmentReminders } from '../teams/reminder-loop';
import { config } from './config';
import { startMailer } from './mailer';
import { countBusyRetry, countBusyTimeout, registerDatabaseGauges } from './metrics';
import { currentRequest } from './request-context';

/** Migrations ship beside the build; the server runs from the project root. */
export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');

let opening: Promise<OpenDatabase> | null = null;

observeLocks({
  retried: countBusyRetry,
  gaveUp() {
    countBusyTimeout();
    // The request's write failed even if the page catches it: the middleware answers 503.
    const request = currentRequest();
    if (request) request.databaseBusy = true;
  },
});
registerDatabaseGauges(db);

async function openAndMigrate(): Promise<OpenDatabase> {
  const opened = await openDatabase({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
    busyTimeoutMs: config.databaseBusyTimeoutMs,
  });
  await migrate(opened.db, { migrationsFolder: MIGRATIONS_FOLDER });
  await seedDefaults(opened.db, new Date());
  startMailer(opened.db);
  startDigests(opened.db);
  startBoosterEmails(opened.db);
  startAssignmentReminders(opened.db);
  return opened;
}

/** The migrated database. A failed open is forgotten, so the next caller (e.g. /readyz) tries again. */
export function database(): Promise<OpenDatabase> {
  if (opening === null) {
    opening = openAndMigrate().catch((error: unknown) => {
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

/** How many migrations this build expects (from drizzle-kit's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
