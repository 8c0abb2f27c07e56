/** The process's weekly-summary loop: every quarter of an hour, queue the summaries that are due (started by the app server's background work). */
import type { Database } from '@db/client';
import { config } from '../platform/config';
import { kickMailer } from '../platform/mailer';
import { queueWeeklySummaries } from './summary';

const INTERVAL_MS = 15 * 60_000;
let started = false;

function run(db: Database): void {
  queueWeeklySummaries(db, new Date(), { siteUrl: config.siteUrl })
    .then((queued) => {
      if (queued > 0) kickMailer();
    })
    .catch((error: unknown) => console.error('[teams] weekly summary run failed:', error));
}

/** Starts the loop once per process; the first run comes shortly after start-up, not during it. */
export function startWeeklySummaries(db: Database): void {
  if (started) return;
  started = true;
  setTimeout(() => run(db), 20_000).unref();
  setInterval(() => run(db), INTERVAL_MS).unref();
}
