/**
 * `npm run db:backup -- <file>`: a consistent copy of the embedded database, taken while the server runs.
 *
 * `VACUUM INTO` reads one snapshot (a WAL read transaction: writers go on meanwhile) and writes it as a
 * fresh, compact database file with no WAL beside it; the copy is then checked with integrity_check.
 * Restoring is copying that file back while the server is stopped (README, "Backups").
 */
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { embeddedPath } from '@db/client';
import Sqlite from 'libsql';

const USAGE = 'Usage: npm run db:backup -- <file>   (the file must not exist yet)';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const target = process.argv[2];
if (!target || target.startsWith('-')) fail(USAGE, 2);

const url = process.env['DATABASE_URL'] ?? 'file:./data/academy.db';
const source = embeddedPath(url);
if (source === null) {
  fail(
    `DATABASE_URL points at a libsql server (${url.replace(/\/\/[^@]*@/, '//').split('?')[0]}), not a file.\n` +
      "This command copies an embedded SQLite file only. Use the server's own backups: Turso's point-in-time\n" +
      "restore, or sqld's snapshots / bottomless replication to object storage.",
  );
}
if (source === ':memory:') fail('DATABASE_URL is an in-memory database: there is nothing to back up.');
try {
  if (!statSync(source).isFile()) fail(`${source} is not a database file.`);
} catch {
  fail(`There is no database at ${source} (DATABASE_URL=${url}).`);
}

const destination = resolve(target);
// Creating the file exclusively is the check: it fails if anything is already there, without a race.
try {
  closeSync(openSync(destination, 'wx'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST')
    fail(`${destination} already exists; a backup never overwrites a file. Choose a new name.`);
  fail(`Cannot create ${destination}: ${(error as Error).message}`);
}

const started = Date.now();
try {
  const database = new Sqlite(source, { timeout: 5000 });
  try {
    database.prepare('VACUUM INTO ?').run(destination);
  } finally {
    database.close();
  }
  const copy = new Sqlite(destination, { readonly: true });
  try {
    const row = copy.prepare('PRAGMA integrity_check').get() as Record<string, unknown> | undefined;
    const integrity = row ? Object.values(row)[0] : undefined;
    if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${String(integrity)}`);
  } finally {
    copy.close();
  }
} catch (error) {
  rmSync(destination, { force: true });
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
}
const bytes = statSync(destination).size;
console.log(
  `Backed up ${source} to ${destination} (${(bytes / 1024 / 1024).toFixed(1)} MB, integrity ok) in ${Date.now() - started} ms.`,
);
