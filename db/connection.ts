/**
 * Opens the database: one libsql client (and its drizzle wrapper) per process, with the pragmas every
 * connection needs. Opening only opens: migrations, seed data and background loops are started by
 * whoever needs them (the app server's start-up, a command-line tool, a test).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { trackLocks, untrackLocks } from './locks';
import { closeReader, openReader } from './reads';
import { keepPreparedStatements } from './statement-cache';
import * as schema from './schema';
import type { OpenDatabase } from './types';

/**
 * At most this many pooled connections per embedded database. libsql opens them as concurrent calls
 * need them (reads while a write transaction holds one) and keeps them open; with the read connection
 * and the lock probe a process holds at most POOLED_CONNECTIONS + 2 connections to the file.
 */
export const POOLED_CONNECTIONS = 8;

export interface DatabaseConfig {
  /** `file:./data/academy.db`, `libsql://…` (Turso) or `http://…` (sqld). */
  url: string;
  authToken?: string | undefined;
  /** How long a writer waits for the lock another process (or, remote, another client) holds before giving up with DatabaseBusyError. */
  busyTimeoutMs: number;
}

export function isEmbedded(url: string): boolean {
  return url.startsWith('file:');
}

/** The filesystem path of an embedded database URL, or null for a remote one. */
export function embeddedPath(url: string): string | null {
  if (!isEmbedded(url)) return null;
  const rest = url.slice('file:'.length).split('?')[0] ?? '';
  if (rest.startsWith('//')) return fileURLToPath(url.split('?')[0] ?? url);
  return rest;
}

/**
 * Opens a database. An embedded file also gets its read connection (reads.ts) and its lock probe
 * (locks.ts); a remote database (sqld, Turso) has neither: every read goes over the protocol, and a
 * write finds a held lock by the server's SQLITE_BUSY answer (writes.ts).
 */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  const path = embeddedPath(config.url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  if (path !== null) keepPreparedStatements();
  const client = createClient({
    url: config.url,
    ...(config.authToken ? { authToken: config.authToken } : {}),
    // libsql applies this busy timeout (ms) to every pooled connection; foreign keys are on by default.
    timeout: config.busyTimeoutMs,
    concurrency: POOLED_CONNECTIONS,
  });
  if (path !== null) {
    // WAL is a property of the file: set once, it holds for every later connection and process.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  const db = drizzle(client, { schema });
  const file = path !== null && path !== ':memory:' ? path : null;
  if (file !== null) openReader(db, file, config.busyTimeoutMs);
  trackLocks(db, file, config.busyTimeoutMs);
  return { client, db };
}

export function closeDatabase(opened: OpenDatabase): void {
  closeReader(opened.db);
  untrackLocks(opened.db);
  opened.client.close();
}
