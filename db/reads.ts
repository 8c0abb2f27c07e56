/**
 * Reads outside any transaction. An embedded database has one extra connection used only for reads,
 * with prepared statements; a remote database is read through the libsql client like everything else.
 */
import type { Client } from '@libsql/client';
import Sqlite from 'libsql';
import type { Database } from './types';

type Statement = ReturnType<Sqlite.Database['prepare']>;

/** Per embedded database: one extra connection, used only for reads, and its prepared statements. */
const readers = new WeakMap<Database, { connection: Sqlite.Database; statements: Map<string, Statement> }>();

export function openReader(db: Database, path: string, busyTimeoutMs: number): void {
  readers.set(db, { connection: new Sqlite(path, { timeout: busyTimeoutMs }), statements: new Map() });
}

export function closeReader(db: Database): void {
  readers.get(db)?.connection.close();
  readers.delete(db);
}

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

/**
 * The rows of a read that returns many, passed as one JSON text: `sql` selects a single value named
 * `json`, `json_group_array(json_array(…)) AS json` over the rows, and this parses it. The embedded driver crosses from
 * native code once per row and column (a year of booster answers, 730 rows of three integers, took
 * 1.9 ms as rows and 0.7 ms as one JSON text); SQLite builds the text in C. SQLite writes a REAL with 15
 * significant digits, not the 17 that keep a double exact, so a REAL column goes in as
 * `printf('%.17g', x)` and comes out as a string for the caller's Number().
 */
export async function readJsonRows<T extends readonly unknown[]>(
  db: Database,
  sql: string,
  args: (string | number)[],
): Promise<T[]> {
  const row = await readRow<{ json: unknown }>(db, sql, args);
  return typeof row?.json === 'string' ? (JSON.parse(row.json) as T[]) : [];
}
