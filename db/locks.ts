/**
 * Waiting for the write lock without blocking the event loop, and the error a write gives up with. An
 * embedded file is probed by a connection of its own; a remote database (sqld, Turso) answers SQLITE_BUSY
 * over the protocol, and the write asks again (writes.ts). Either way the wait ends at the busy timeout.
 */
import Sqlite from 'libsql';
import type { Database } from './types';

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
  /**
   * A write gave up on the lock: after the busy timeout, or met SQLITE_BUSY where it could not wait
   * (called in the async context of the code that asked for it).
   */
  gaveUp(): void;
}

let lockObserver: LockObserver | null = null;

export function observeLocks(observer: LockObserver): void {
  lockObserver = observer;
}

/** Tells the observer that a write gave up (writes.ts calls it in the writer's async context). */
export function reportGaveUp(): void {
  lockObserver?.gaveUp();
}

/**
 * Per database: how long a writer may wait for the lock, and for an embedded file a connection that only
 * checks whether the write lock is free (see `waitForWriteLock`). A remote database has no probe.
 */
const lockStates = new WeakMap<Database, { busyTimeoutMs: number; probe: Sqlite.Database | null }>();

/** `path` is the embedded file, or null for a remote database (or an in-memory one, which has no lock). */
export function trackLocks(db: Database, path: string | null, busyTimeoutMs: number): void {
  lockStates.set(db, { busyTimeoutMs, probe: path === null ? null : new Sqlite(path, { timeout: 0 }) });
}

export function untrackLocks(db: Database): void {
  lockStates.get(db)?.probe?.close();
  lockStates.delete(db);
}

/** Whether writes to `db` are preceded by the probe (an embedded file) or find the lock themselves (remote). */
export function hasLockProbe(db: Database): boolean {
  return Boolean(lockStates.get(db)?.probe);
}

/**
 * The pause before another try at a lock that was busy, counted as a retry; throws DatabaseBusyError
 * instead once the busy timeout has passed since `since`.
 */
export async function pauseForLock(db: Database, since: number, tries: number): Promise<void> {
  const busyTimeoutMs = lockStates.get(db)?.busyTimeoutMs ?? 0;
  const waited = Date.now() - since;
  if (waited >= busyTimeoutMs) throw new DatabaseBusyError(waited);
  lockObserver?.retried();
  const pause = LOCK_POLL_MS[Math.min(tries, LOCK_POLL_MS.length - 1)] ?? 50;
  await new Promise((resolve) => setTimeout(resolve, Math.min(pause, busyTimeoutMs - waited)));
}

/**
 * Waits, without blocking the event loop, until the write lock of an embedded file is free, or throws
 * DatabaseBusyError once the busy timeout has passed since `since`. Returns at once for a database
 * without a probe (remote: writes.ts retries the transaction's first statement instead).
 *
 * The pooled connections cannot be allowed to meet a held lock: their busy wait blocks the event loop
 * (the driver is synchronous), and a statement that fails with SQLITE_BUSY is left unreset, so that
 * connection's every later COMMIT fails ("SQL statements in progress"). So the probe connection, whose
 * `exec` finalises its statements and which never waits, takes and drops the lock (~3 µs) until it gets
 * it; the transaction then begins at once. Should another process take the lock in that instant, the
 * pooled connection's own busy wait covers it.
 */
export async function waitForWriteLock(db: Database, since: number): Promise<void> {
  const probe = lockStates.get(db)?.probe;
  if (!probe) return;
  for (let tries = 0; ; tries += 1) {
    try {
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return;
    } catch (error) {
      if (!isBusyError(error)) throw error;
    }
    await pauseForLock(db, since, tries);
  }
}
