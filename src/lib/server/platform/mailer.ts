/** The process's email sender: delivers the outbox every few seconds, and right after something is queued. */
import type { Database } from '@db/client';
import { config } from './config';
import { logTransport, smtpTransport } from './email-transport';
import { deliverDue } from './outbox';

const INTERVAL_MS = 5_000;
let database: Database | null = null;
let running: Promise<void> | null = null;

const transport = config.smtpUrl ? smtpTransport(config.smtpUrl, config.emailFrom) : logTransport();

function run(): Promise<void> {
  if (!database || running) return running ?? Promise.resolve();
  const db = database;
  running = deliverDue(db, transport, new Date())
    .then(() => undefined)
    .catch((error: unknown) => console.error('[email] delivery run failed:', error))
    .finally(() => {
      running = null;
    });
  return running;
}

let held = false;

/**
 * For the command-line tools: mail they queue is left in the outbox for the server to deliver with its
 * own transport, instead of a short-lived process (perhaps without SMTP_URL) marking it sent.
 */
export function holdMail(): void {
  held = true;
}

/** Starts the loop once per process (called when the database is opened), unless mail is held. */
export function startMailer(db: Database): void {
  if (database || held) return;
  database = db;
  setInterval(run, INTERVAL_MS).unref();
}

/** Delivers what is due now instead of waiting for the next tick; never throws. */
export function kickMailer(): void {
  void run();
}
