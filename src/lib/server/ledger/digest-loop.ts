/** The process's digest loop: every few minutes, queue the daily digests that are due (started by the app server's background work, like the mailer). */
import type { Database } from '@db/client';
import { grantsHeldBy } from '../billing/service';
import { config } from '../platform/config';
import { kickMailer } from '../platform/mailer';
import { queueDigests } from './digest';

const INTERVAL_MS = 5 * 60_000;
let started = false;

function run(db: Database): void {
  queueDigests(db, new Date(), { siteUrl: config.siteUrl, grantsOf: grantsHeldBy })
    .then((queued) => {
      if (queued > 0) kickMailer();
    })
    .catch((error: unknown) => console.error('[ledger] digest run failed:', error));
}

/** Starts the loop once per process; the first run comes shortly after start-up, not during it. */
export function startDigests(db: Database): void {
  if (started) return;
  started = true;
  setTimeout(() => run(db), 10_000).unref();
  setInterval(() => run(db), INTERVAL_MS).unref();
}
