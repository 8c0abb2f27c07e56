/**
 * Email goes through an outbox table: written in the same transaction as the action that sends it, then
 * delivered by a sender loop with back-off. Without SMTP configured, delivery is a log line with the
 * message (and its link) — the embedded default.
 */
import { type Database, type Transaction, write } from '@db/client';
import { outbox, users } from '@db/schema';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { type EmailMessage, withoutSecrets } from '../../platform/email';
import { greet } from '../../platform/email-layout';
import { newId } from '../accounts/tokens';

export type { EmailMessage };

export interface EmailTransport {
  send(message: EmailMessage): Promise<void>;
}

/** Minutes to wait after the 1st, 2nd, … failed attempt; the last value repeats. */
export const RETRY_MINUTES = [1, 5, 30, 120, 720] as const;
/** After this many failures the message stays in the outbox for an operator to look at. */
export const MAX_ATTEMPTS = 10;

/**
 * Queues a message inside the transaction of the action that causes it, so both commit or neither.
 * Mail to the address of an account that hasn't confirmed it is dropped (null), unless the message is
 * what confirms an address (`confirmsAddress`: the confirmation link, a password reset): whoever typed
 * someone else's address into an account can't have our mail sent there. Mail to a confirmed address
 * greets its account's owner by name.
 */
export async function enqueueEmail(
  tx: Transaction,
  message: EmailMessage,
  now: Date,
  options: { confirmsAddress?: boolean } = {},
): Promise<string | null> {
  const [account] = await tx
    .select({ displayName: users.displayName, confirmed: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, message.to));
  if (account && !account.confirmed && !options.confirmsAddress) return null;
  // The owner of a confirmed address is greeted by their own name; anyone else, by none (decision 019).
  const greeted = account?.confirmed ? greet(message, account.displayName) : message;
  const id = newId();
  await tx.insert(outbox).values({ id, ...greeted, createdAt: now, nextAttemptAt: now });
  return id;
}

export function nextAttemptDelayMs(failedAttempts: number): number {
  const minutes = RETRY_MINUTES[Math.min(failedAttempts, RETRY_MINUTES.length) - 1] ?? RETRY_MINUTES[0];
  return minutes * 60_000;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Sends what is due, oldest first. A failure reschedules that message; it never loses it. */
export async function deliverDue(
  db: Database,
  transport: EmailTransport,
  now: Date,
  limit = 20,
): Promise<DeliveryReport> {
  const due = await db
    .select()
    .from(outbox)
    .where(
      and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, now), sql`${outbox.attempts} < ${MAX_ATTEMPTS}`),
    )
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const message of due) {
    // Claim the row first (attempts + 1), so two processes never send the same message twice at once.
    const retryAt = new Date(now.getTime() + nextAttemptDelayMs(message.attempts + 1));
    const claimed = await write(db, (tx) =>
      tx
        .update(outbox)
        .set({ attempts: message.attempts + 1, nextAttemptAt: retryAt })
        .where(and(eq(outbox.id, message.id), eq(outbox.attempts, message.attempts), isNull(outbox.sentAt)))
        .returning({ id: outbox.id }),
    );
    if (claimed.length === 0) continue;
    try {
      await transport.send({ to: message.to, subject: message.subject, text: message.text });
      // Delivered: keep who, what and when for an operator, not the links.
      await write(db, (tx) =>
        tx
          .update(outbox)
          .set({ sentAt: now, lastError: null, text: withoutSecrets(message.text) })
          .where(eq(outbox.id, message.id)),
      );
      report.sent += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The last attempt failed: the message is never sent, and its links must not outlive it either.
      const gaveUp = message.attempts + 1 >= MAX_ATTEMPTS;
      await write(db, (tx) =>
        tx
          .update(outbox)
          .set({ lastError: reason.slice(0, 500), ...(gaveUp ? { text: withoutSecrets(message.text) } : {}) })
          .where(eq(outbox.id, message.id)),
      );
      report.failed += 1;
    }
  }
  return report;
}

/** Messages not yet sent (the backlog an operator watches). */
export async function outboxBacklog(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(outbox).where(isNull(outbox.sentAt));
  return Number(row?.n ?? 0);
}
