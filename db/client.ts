/** Opens the database: one libsql client (and its drizzle wrapper) per process, with the pragmas every connection needs. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import Sqlite from 'libsql';
import * as schema from './schema';

export type Database = LibSQLDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

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
  /** A write gave up after the busy timeout (called in the async context of the code that asked for it). */
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
    concurrency: POOLED_CONNECTIONS,
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
    if (waited >= probe.busyTimeoutMs) throw new DatabaseBusyError(waited);
    lockObserver?.retried();
    const pause = LOCK_POLL_MS[Math.min(tries, LOCK_POLL_MS.length - 1)] ?? 50;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, probe.busyTimeoutMs - waited)));
  }
}

/** The tail of each database's queue of write groups in this process. */
const writers = new WeakMap<Database, Promise<void>>();
/** Each database's client, to reopen its connections after a lock timeout. */
const clients = new WeakMap<Database, Client>();

/** A write waiting for its group's transaction. */
interface QueuedWrite {
  fn: (tx: Transaction) => Promise<unknown>;
  requested: number;
  /** Runs a callback in the async context of the code that asked for the write (its request). */
  inContext: <R>(callback: () => R) => R;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Per database, the writes asked for in this turn of the event loop: committed together at its end. */
const forming = new WeakMap<Database, QueuedWrite[]>();
const MAX_GROUP = 64;

/**
 * Runs `fn` in a write transaction: atomically, and in order with every other write of this process.
 *
 * The embedded driver is synchronous: a second connection's `BEGIN IMMEDIATE` would block the event loop
 * on the file lock while the first transaction, which needs the event loop to finish, holds it — a
 * deadlock until the busy timeout. So writes are queued here and the loop stays free. A lock held by
 * another process is waited for up to the busy timeout (counted from the call, so writes queued behind
 * a locked one do not wait in turn) while requests go on, then DatabaseBusyError. Every write in the
 * product goes through this function.
 *
 * Group commit: the writes asked for in one turn of the event loop share one transaction, begun at the
 * end of that turn, each in its own savepoint. A write that throws is rolled back to its savepoint and
 * rejects alone; the others commit. Each promise settles only after the COMMIT, so a resolved write is
 * stored, and a failed COMMIT rejects every write of the group with nothing stored. Under load one
 * BEGIN, lock check and COMMIT then serve many writes (decision 011).
 */
export function write<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let group = forming.get(db);
    if (!group || group.length >= MAX_GROUP) {
      const fresh: QueuedWrite[] = [];
      forming.set(db, fresh);
      setImmediate(() => {
        if (forming.get(db) === fresh) forming.delete(db);
        void commitGroup(db, fresh);
      });
      group = fresh;
    }
    group.push({
      fn,
      requested: Date.now(),
      inContext: AsyncLocalStorage.snapshot(),
      resolve: resolve as (value: unknown) => void,
      reject,
    });
  });
}

async function commitGroup(db: Database, group: QueuedWrite[]): Promise<void> {
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
    await waitForWriteLock(db, Math.min(...group.map((w) => w.requested)));
    const [only] = group;
    const outcomes: Outcome[] =
      group.length === 1 && only
        ? [{ ok: true, value: await db.transaction(only.fn) }]
        : await db.transaction((tx) => eachInSavepoint(tx, group));
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.value);
      else w.reject(outcome?.error);
    });
  } catch (error) {
    // Should the pooled connection still have met the lock (another process took it right after the
    // probe), its failed statement is left open and every later COMMIT there would fail: start again on
    // fresh connections.
    if (isBusyError(error)) clients.get(db)?.reconnect();
    for (const w of group)
      w.inContext(() => {
        if (error instanceof DatabaseBusyError) lockObserver?.gaveUp();
        w.reject(error);
      });
  } finally {
    release();
  }
}

/**
 * The writes of a group, each in a savepoint of the group's transaction. `write_group` marks the
 * transaction itself: after a write failed, releasing and setting it again proves the transaction is
 * still open (an I/O error can end it, and then nothing in the group may be kept).
 */
async function eachInSavepoint(tx: Transaction, group: QueuedWrite[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await tx.run(sql.raw('SAVEPOINT write_group'));
  for (const w of group) {
    try {
      outcomes.push({ ok: true, value: await tx.transaction(w.fn) });
    } catch (error) {
      if (isBusyError(error)) throw error;
      await tx.run(sql.raw('RELEASE write_group'));
      await tx.run(sql.raw('SAVEPOINT write_group'));
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

export function closeDatabase(opened: OpenDatabase): void {
  readers.get(opened.db)?.connection.close();
  readers.delete(opened.db);
  lockProbes.get(opened.db)?.connection.close();
  lockProbes.delete(opened.db);
  opened.client.close();
}
