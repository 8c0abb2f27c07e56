/** The membership trial: whether a person has had one (the one predicate), and the local trial itself. */
import { type Transaction, write } from '@db/client';
import { DEFAULT_TRIAL_DAYS, type Refusal } from '../../billing/codes';
import { trialStartedMessage } from '../../billing/emails';
import { hadTrial as trialShown } from '../../billing/trials';
import { formatLongDate } from '../../platform/dates';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { kickMailer } from '../platform/mailer';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

/**
 * Whether the person has had a membership trial, on any account of their mailbox: every check of "one
 * trial per person" asks this (a trial code, the local trial, checkout, a subscription Stripe completes).
 * `except` leaves out the one subscription being judged.
 */
export async function hadTrial(
  reader: Parameters<typeof q.trialEvidence>[0],
  userId: string,
  except: string | null = null,
): Promise<boolean> {
  return trialShown(await q.trialEvidence(reader, userId), except);
}

export async function mayTrial(userId: string): Promise<boolean> {
  return !(await hadTrial(await db(), userId));
}

/** Queues the "trial started" email inside the transaction that started it. */
export async function trialStartedEmail(
  tx: Transaction,
  user: SessionUser,
  endsAt: Date,
  now: Date,
): Promise<void> {
  const link = new URL('/lessons', config.siteUrl).href;
  await enqueueEmail(tx, trialStartedMessage(user.email, formatLongDate(endsAt), link), now);
}

/**
 * The free trial without a payment provider (the embedded default): 7 days of membership, once per
 * person, with an email saying until when.
 */
export async function startLocalTrial(
  user: SessionUser,
  now: Date,
): Promise<{ kind: 'started'; endsAt: Date } | { kind: 'refused'; refusal: Refusal }> {
  if (!user.emailVerified) return { kind: 'refused', refusal: 'unconfirmed' };
  const result = await write(await db(), async (tx) => {
    if (await hadTrial(tx, user.id)) return { kind: 'refused', refusal: 'trial-taken' } as const;
    const endsAt = new Date(now.getTime() + DEFAULT_TRIAL_DAYS * 86_400_000);
    await q.insertGrant(
      tx,
      newId(),
      user.id,
      { product: 'membership', source: 'trial', startsAt: now, endsAt },
      now,
      null,
      q.trialReference(user.email),
    );
    await trialStartedEmail(tx, user, endsAt, now);
    return { kind: 'started', endsAt } as const;
  });
  if (result.kind === 'started') kickMailer();
  return result;
}
