/**
 * The app server's background loops, started once its database is migrated (startup.ts). A feature with
 * periodic work exports one `start…(db)` function, idempotent, whose timers are `unref()`ed, and adds
 * one line here. The command-line tools never call this: mail they queue waits in the outbox for the
 * server, which delivers it with its own transport.
 */
import type { Database } from '@db/client';
import { startBoosterEmails } from '../boosters/email-loop';
import { startDigests } from '../ledger/digest-loop';
import { startAssignmentReminders } from '../teams/reminder-loop';
import { startWeeklySummaries } from '../teams/summary-loop';
import { startMailer } from './mailer';

export function startBackgroundWork(db: Database): void {
  startMailer(db);
  startDigests(db);
  startBoosterEmails(db);
  startAssignmentReminders(db);
  startWeeklySummaries(db);
}
