/** The process's assignment-reminder loop: every few minutes, queue the reminders that are due (started with the database, like the digests). */
import type { Database } from '@db/client';
import { config } from '../platform/config';
import { kickMailer } from '../platform/mailer';
import { queueAssignmentReminders } from './assignments';

const INTERVAL_MS = 10 * 60_000;
let started = false;

function run(db: Database): void {
  (async () => {
    const queued = await queueAssignmentReminders(db, new Date(), { siteUrl: config.siteUrl });
    if (queued > 0) kickMailer();
  })().catch((error: unknown) => console.error('[teams] reminder run failed:', error));
}

/** Starts the loop once per process; the first run comes shortly after start-up, not during it. */
export function startAssignmentReminders(db: Database): void {
  if (started) return;
  started = true;
  setTimeout(() => run(db), 15_000).unref();
  setInterval(() => run(db), INTERVAL_MS).unref();
}
