/** Every write in the product: queued per process, committed in groups, waiting for the lock without blocking. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import {
  DatabaseBusyError,
  hasLockProbe,
  isBusyError,
  pauseForLock,
  reportGaveUp,
  waitForWriteLock,
} from './locks';
import type { Database, Transaction } from './types';

/** The tail of each database's queue of write groups in this process. */
const writers = new WeakMap<Database, Promise<void>>();

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
    const since = Math.min(...group.map((w) => w.requested));
    let outcomes: Outcome[];
    if (hasLockProbe(db)) {
      await waitForWriteLock(db, since);
      const [only] = group;
      outcomes =
        group.length === 1 && only
          ? [{ ok: true, value: await db.transaction(only.fn) }]
          : await db.transaction((tx) => eachInSavepoint(tx, group, { began: false }));
    } else {
      outcomes = await remoteGroup(db, group, since);
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) w.resolve(outcome.value);
      else w.reject(outcome?.error);
    });
  } catch (error) {
    // Should the pooled connection still have met the lock (another process took it right after the
    // probe), its failed statement is left open and every later COMMIT there would fail: start again on
    // fresh connections. (Every Database comes from drizzle(client), which keeps the client as $client.)
    if (isBusyError(error) && hasLockProbe(db)) (db as Database & { $client: Client }).$client.reconnect();
    for (const w of group)
      w.inContext(() => {
        // Also a SQLITE_BUSY met later (after the probe, or from a remote server mid-transaction): the
        // request is answered 503 even when a form handler catches the error and renders something.
        if (error instanceof DatabaseBusyError || isBusyError(error)) reportGaveUp();
        w.reject(error);
      });
  } finally {
    release();
  }
}

/**
 * A group's transaction on a remote database, where no probe can look at the lock first. The client
 * sends BEGIN IMMEDIATE together with the transaction's first statement, the group's SAVEPOINT, so a
 * lock held by another client (another app process, a command-line tool) is met there, before any write
 * of the group has run: a SQLITE_BUSY answer to it is asked again after the same pauses as the probe's,
 * until the busy timeout, then DatabaseBusyError. A BUSY later in the transaction fails the group.
 */
async function remoteGroup(db: Database, group: QueuedWrite[], since: number): Promise<Outcome[]> {
  for (let tries = 0; ; tries += 1) {
    const progress = { began: false };
    try {
      return await db.transaction((tx) => eachInSavepoint(tx, group, progress));
    } catch (error) {
      if (progress.began || !isBusyError(error)) throw error;
    }
    await pauseForLock(db, since, tries);
  }
}

/**
 * The writes of a group, each in a savepoint of the group's transaction. `write_group` marks the
 * transaction itself: after a write failed, releasing and setting it again proves the transaction is
 * still open (an I/O error can end it, and then nothing in the group may be kept). `progress.began`
 * turns true once the transaction holds the lock, before the first write runs.
 */
async function eachInSavepoint(
  tx: Transaction,
  group: QueuedWrite[],
  progress: { began: boolean },
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await tx.run(sql.raw('SAVEPOINT write_group'));
  progress.began = true;
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
