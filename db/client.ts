/** Opens the database: one libsql client (and its drizzle wrapper) per process, with the pragmas every connection needs. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import Sqlite from 'libsql';
import * as schema from './schema';

export type Database = LibSQLDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseConfig {
  /** `file:./data/academy.db`, `libsql://…` (Turso) or `http://…` (sqld). */
  url: string;
  authToken?: string | undefined;
  /** How long a writer waits for the lock before giving up with DatabaseBusyError (embedded file only). */
  busyTimeoutMs: number;
}

/** Pauses between looks at a write lock another process holds; the last value repeats. */
const LOCK_POLL_MS = [2, 5, 10, 20, 40, 50] as const;

/** A write gave up: another process held the database's write lock for the whole busy timeout. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

/** SQLITE_BUSY from the driver, bare (BEGIN) or wrapped by drizzle (a statement). */
export function isBusyError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth += 1) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}

/** Told about lock waits, for the metrics; set once by the server. */
export interface LockObserver {
  /** Another attempt at a lock that was busy. */
  retried(): void;
  /** A write gave up after the busy timeout. */
  gaveUp(): void;
}

let lockObserver: LockObserver | null = null;

export function observeLocks(observer: LockObserver): void {
  lockObserver = observer;
}

/**
 * Per embedded database: a connection that only checks whether the write lock is free, and how long a
 * writer may wait for it. See `waitForWriteLock`.
 */
const lockProbes = new WeakMap<Database, { connection: Sqlite.Database; busyTimeoutMs: number }>();

export interface OpenDatabase {
  client: Client;
  db: Database;
}

type Statement = ReturnType<Sqlite.Database['prepare']>;

/** Per embedded database: one extra connection, used only for reads, and its prepared statements. */
const readers = new WeakMap<Database, { connection: Sqlite.Database; statements: Map<string, Statement> }>();

/**
 * A prepared statement on the read connection, for reads on every request (the session lookup).
 * Going through @libsql/client and drizzle costs ~50 µs a call; a prepared statement ~4 µs. Each call
 * is its own read transaction, so it sees every committed write at once. Null for a remote database,
 * where callers use drizzle as usual.
 */
export function hotRead(db: Database, sql: string): Statement | null {
  const reader = readers.get(db);
  if (!reader) return null;
  let statement = reader.statements.get(sql);
  if (!statement) {
    statement = reader.connection.prepare(sql);
    reader.statements.set(sql, statement);
  }
  return statement;
}

/**
 * Rows of a read outside any transaction, by one SQL text: through the read connection's prepared
 * statement for an embedded database, else through the libsql client (a remote database).
 */
export async function readRows<T>(db: Database, sql: string, args: (string | number)[]): Promise<T[]> {
  const statement = hotRead(db, sql);
  if (statement) return statement.all(args) as T[];
  // Every Database comes from drizzle(client), which keeps the client as $client.
  const client = (db as Database & { $client: Client }).$client;
  return (await client.execute({ sql, args })).rows as unknown as T[];
}

/** The first row of such a read, or null. */
export async function readRow<T>(db: Database, sql: string, args: (string | number)[]): Promise<T | null> {
  const statement = hotRead(db, sql);
  if (statement) return (statement.get(args) as T | undefined) ?? null;
  return (await readRows<T>(db, sql, args))[0] ?? null;
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

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  const path = embeddedPath(config.url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = createClient({
    url: config.url,
    ...(config.authToken ? { authToken: config.authToken } : {}),
    // libsql applies this busy timeout (ms) to every pooled connection; foreign keys are on by default.
    timeout: config.busyTimeoutMs,
    concurrency: 8,
  });
  if (path !== null) {
    // WAL is a property of the file: set once, it holds for every later connection and process.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  const db = drizzle(client, { schema });
  clients.set(db, client);
  if (path !== null && path !== ':memory:') {
    const connection = new Sqlite(path, { timeout: config.busyTimeoutMs });
    readers.set(db, { connection, statements: new Map() });
    lockProbes.set(db, { connection: new Sqlite(path, { timeout: 0 }), busyTimeoutMs: config.busyTimeoutMs });
  }
  return { client, db };
}

/**
 * Waits, without blocking the event loop, until the write lock is free, or throws DatabaseBusyError once
 * `busyTimeoutMs` has passed since `since`.
 *
 * The pooled connections cannot be allowed to meet a held lock: their busy wait blocks the event loop
 * (the driver is synchronous), and a statement that fails with SQLITE_BUSY is left unreset, so that
 * connection's every later COMMIT fails ("SQL statements in progress"). So the probe connection, whose
 * `exec` finalises its statements and which never waits, takes and drops the lock (~3 µs) until it gets
 * it; the transaction then begins at once. Should another process take the lock in that instant, the
 * pooled connection's own busy wait covers it.
 */
async function waitForWriteLock(db: Database, since: number): Promise<void> {
  const probe = lockProbes.get(db);
  if (!probe) return;
  for (let tries = 0; ; tries += 1) {
    try {
      probe.connection.exec('BEGIN IMMEDIATE');
      probe.connection.exec('ROLLBACK');
      return;
    } catch (error) {
      if (!isBusyError(error)) throw error;
    }
    const waited = Date.now() - since;
    if (waited >= probe.busyTimeoutMs) {
      lockObserver?.gaveUp();
      throw new DatabaseBusyError(waited);
    }
    lockObserver?.retried();
    const pause = LOCK_POLL_MS[Math.min(tries, LOCK_POLL_MS.length - 1)] ?? 50;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, probe.busyTimeoutMs - waited)));
  }
}

/** The tail of each database's queue of writers in this process. */
const writers = new WeakMap<Database, Promise<void>>();
/** Each database's client, to reopen its connections after a lock timeout. */
const clients = new WeakMap<Database, Client>();

/**
 * Runs `fn` in a write transaction, one at a time per process.
 *
 * The embedded driver is synchronous: a second connection's `BEGIN IMMEDIATE` would block the event loop
 * on the file lock while the first transaction, which needs the event loop to finish, holds it — a
 * deadlock until the busy timeout. Queuing writers here keeps the loop free. A lock held by another
 * process is waited for up to the busy timeout (counted from the call, so writes queued behind a
 * locked one do not wait in turn) while requests go on, then DatabaseBusyError. Every write in the
 * product goes through this function.
 */
export async function write<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const requested = Date.now();
  const previous = writers.get(db) ?? Promise.resolve();
  let release = (): void => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  writers.set(
    db,
    previous.then(() => done),
  );
  await previous;
  try {
    await waitForWriteLock(db, requested);
    return await db.transaction(fn);
  } catch (error) {
    // Should the pooled connection still have met the lock (another process took it right after the
    // probe), its failed statement is left open and every later COMMIT there would fail: start again on
    // fresh connections.
    if (isBusyError(error)) clients.get(db)?.reconnect();
    throw error;
  } finally {
    release();
  }
}

export function closeDatabase(opened: OpenDatabase): void {
  readers.get(opened.db)?.connection.close();
  readers.delete(opened.db);
  lockProbes.get(opened.db)?.connection.close();
  lockProbes.delete(opened.db);
  opened.client.close();
}
