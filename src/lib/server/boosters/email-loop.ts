/** The process's booster email loop: every few minutes, queue the booster emails that are due (started with the database, like the digests). */
import type { Database } from '@db/client';
import { grantsHeldBy } from '../billing/service';
import { config } from '../platform/config';
import { kickMailer } from '../platform/mailer';
import { type BoosterEmailOptions, queueBoosterEmails } from './email';

const INTERVAL_MS = 5 * 60_000;
let started = false;
type ContentLookups = Pick<BoosterEmailOptions, 'ask' | 'timeZoneOf'>;
let lookups: ContentLookups | null = null;

/**
 * The service hands the loop its way of asking deck items and of finding a member's time zone when it
 * loads. The loop can't import them: they read the course content, which the command-line tools (that
 * open the database too) don't bundle. The server loads the service with its middleware, long before
 * the first run.
 */
export function provideLookups(provided: ContentLookups): void {
  lookups = provided;
}

function run(db: Database): void {
  if (!lookups) return;
  queueBoosterEmails(db, new Date(), {
    siteUrl: config.siteUrl,
    grantsOf: grantsHeldBy,
    ...lookups,
  })
    .then((queued) => {
      if (queued > 0) kickMailer();
    })
    .catch((error: unknown) => console.error('[boosters] email run failed:', error));
}

/** Starts the loop once per process; the first run comes shortly after start-up, not during it. */
export function startBoosterEmails(db: Database): void {
  if (started) return;
  started = true;
  setTimeout(() => run(db), 12_000).unref();
  setInterval(() => run(db), INTERVAL_MS).unref();
}
