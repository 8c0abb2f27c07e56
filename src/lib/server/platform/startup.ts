/**
 * What the app server starts before it serves: the database migrated and seeded, lock waits and
 * backlogs reported to the metrics, and the background loops (background.ts). Called by
 * readiness, which the launcher (src/server.mjs) awaits before it announces the server, and by the
 * middleware before any other request, so no page meets an unmigrated database (`astro dev` included).
 * The command-line tools call `prepareDatabase` instead: they migrate, but start no loops, so mail they
 * queue is left in the outbox for the server to deliver with its own transport.
 */
import { observeLocks } from '@db/client';
import { startBackgroundWork } from './background';
import { db, prepareDatabase } from './db';
import { countBusyRetry, countBusyTimeout, registerDatabaseGauges } from './metrics';
import { currentRequest, outsideRequest } from './request-context';

let starting: Promise<void> | null = null;
let started = false;
let observed = false;

/** Once per process, even when a failed start is tried again (a metric can be registered only once). */
function observeDatabase(): void {
  if (observed) return;
  observed = true;
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
}

async function start(): Promise<void> {
  observeDatabase();
  const database = await prepareDatabase(new Date());
  startBackgroundWork(database);
  started = true;
}

/** Starts the app once per process. A failed start is forgotten, so the next readiness check tries again. */
export function startApp(): Promise<void> {
  if (starting === null) {
    // Started from inside a request; the loops and lock reports must not stay part of it.
    starting = outsideRequest(start).catch((error: unknown) => {
      starting = null;
      throw error;
    });
  }
  return starting;
}

/** True once the start-up has finished: the middleware's per-request check costs one comparison. */
export function appStarted(): boolean {
  return started;
}
