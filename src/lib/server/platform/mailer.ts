/** The process's email sender: delivers the outbox every few seconds, and right after something is queued. */
import type { Database } from '@db/client';
import { config } from './config';
import { logTransport, smtpTransport } from './email-transport';
import { log } from './log';
import { deliverDue } from './outbox';
import { outsideRequest } from './request-context';

const INTERVAL_MS = 5_000;
let database: Database | null = null;
let running: Promise<void> | null = null;

const transport = config.smtpUrl
  ? smtpTransport(config.smtpUrl, config.emailFrom)
  : logTransport((email) => log.info({ email }, 'email not sent (no SMTP_URL): here it is'));

function run(): Promise<void> {
  if (!database || running) return running ?? Promise.resolve();
  const db = database;
  running = deliverDue(db, transport, new Date())
    .then((report) => {
      if (report.failed > 0) log.warn(report, 'email delivery failed; the messages stay in the outbox');
    })
    .catch((error: unknown) => log.error({ err: error }, 'email delivery run failed'))
    .finally(() => {
      running = null;
    });
  return running;
}

/**
 * Starts the loop once per process: the app server's background work does (background.ts). The
 * command-line tools never do, so mail they queue is left in the outbox for the server to deliver with
 * its own transport, instead of a short-lived process (perhaps without SMTP_URL) marking it sent;
 * `kickMailer` does nothing there.
 */
export function startMailer(db: Database): void {
  if (database) return;
  database = db;
  // The database is first opened inside a request (readiness); the loop must not stay part of it.
  outsideRequest(() => setInterval(run, INTERVAL_MS).unref());
}

/**
 * Delivers what is due now instead of waiting for the next tick; never throws. The run is not part of
 * the request that queued the mail: its log lines and lock waits are not that request's.
 */
export function kickMailer(): void {
  void outsideRequest(run);
}
