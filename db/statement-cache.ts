/**
 * Prepared statements kept per connection to an embedded database.
 *
 * `@libsql/client` prepares every statement again on each call, and on this schema a prepare costs
 * 50–100 µs (an insert compiles the triggers of its table), more than running most statements: the
 * quiz POST and the uncached dashboard each spent about a millisecond preparing. The driver's
 * statements can be run again (SQLite resets one before it steps it again, after an error too), so
 * `prepare` on a `libsql` connection returns the statement it prepared before for the same text, kept
 * in a small LRU per connection; a closed connection's statements go with it.
 *
 * What makes reuse safe: one connection runs one statement at a time (the driver is synchronous and
 * every read is drained with `all()`), and every caller sets the modes it needs (`raw`,
 * `safeIntegers`) before each run, as `@libsql/client` does. A statement prepared before a migration
 * is prepared again by SQLite itself when it sees the schema changed.
 */
import Sqlite from 'libsql';
import { LRUCache } from 'lru-cache';

type Statement = ReturnType<Sqlite.Database['prepare']>;

/** Statements kept per connection: far more than the distinct SQL texts the app runs on a hot path. */
export const STATEMENTS_PER_CONNECTION = 256;

const kept = new WeakMap<Sqlite.Database, LRUCache<string, Statement>>();
let installed = false;

/** How many statements a connection keeps now (for the tests of the bound). */
export function keptStatements(connection: Sqlite.Database): number {
  return kept.get(connection)?.size ?? 0;
}

/** From now on, every `libsql` connection in this process reuses its prepared statements. Idempotent. */
export function keepPreparedStatements(): void {
  if (installed) return;
  installed = true;
  const prepare = Sqlite.prototype.prepare;
  function keptPrepare(this: Sqlite.Database, sql: string): Statement {
    let statements = kept.get(this);
    if (!statements) {
      statements = new LRUCache<string, Statement>({ max: STATEMENTS_PER_CONNECTION });
      kept.set(this, statements);
    }
    let statement = statements.get(sql);
    if (!statement) {
      // A statement that fails to prepare (a syntax error, a missing table) throws and is not kept.
      statement = prepare.call(this, sql);
      statements.set(sql, statement);
    }
    return statement;
  }
  // The driver's type is generic over the bind parameters; at run time a statement is a statement.
  Sqlite.prototype.prepare = keptPrepare as typeof prepare;
}
