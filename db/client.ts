/**
 * The database module's public face: everything the rest of the code imports from `@db/client`, kept
 * under the names it always had. Each concern lives in its own file:
 * - `types.ts`: `Database`, `Transaction`, `OpenDatabase`;
 * - `connection.ts`: opening and closing (opening only opens: no migrations, seed data or loops);
 * - `writes.ts`: `write()`, the one way to write (queued per process, committed in groups);
 * - `locks.ts`: waiting for another process's write lock, and the error a write gives up with;
 * - `reads.ts`: the embedded file's read connection and its prepared statements.
 */
export {
  closeDatabase,
  type DatabaseConfig,
  embeddedPath,
  isEmbedded,
  openDatabase,
  POOLED_CONNECTIONS,
} from './connection';
export { DatabaseBusyError, isBusyError, type LockObserver, observeLocks } from './locks';
export { hotRead, readJsonRows, readRow, readRows } from './reads';
export type { Database, OpenDatabase, Transaction } from './types';
export { write } from './writes';
