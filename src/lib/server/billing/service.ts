/** Billing without a payment step: codes that cost nothing (a trial, a free product) and the local trial. */
import { type Transaction, write } from '@db/client';
import {
  type Code,
  DEFAULT_TRIAL_DAYS,
  grantFor,
  normalizeCode,
  productOf,
  type Refusal,
  refusalFor,
} from '../../billing/codes';
import { trialStartedMessage } from '../../billing/emails';
import type { Grant } from '../../billing/entitlements';
import { formatLongDate } from '../../platform/dates';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { kickMailer } from '../platform/mailer';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

export async function lookUpCode(input: string): Promise<Code | null> {
  const code = normalizeCode(input);
  return code === null ? null : q.findCode(await db(), code);
}

/** Why this person (or a visitor, null) can't use the code for its own product now, or null. */
async function refusalIn(
  reader: Parameters<typeof q.hadTrial>[0],
  code: Code | null,
  userId: string | null,
  now: Date,
): Promise<Refusal | null> {
  return refusalFor(code, {
    product: code ? productOf(code) : 'membership',
    now,
    usedByThem: code !== null && userId !== null && (await q.hasRedeemed(reader, code.code, userId)),
    hadTrial: userId !== null && (await q.hadTrial(reader, userId)),
  });
}

export async function checkCode(
  code: Code | null,
  userId: string | null,
  now: Date,
): Promise<Refusal | null> {
  return refusalIn(await db(), code, userId, now);
}

export type Redeemed =
  | { kind: 'granted'; code: Code }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'needs-payment'; code: Code };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal);
  }
}

/**
 * Redeems a code that costs nothing: checks every rule, counts the use, records the redemption and
 * grants the product, all in one transaction — or nothing at all. A code that needs payment (a discount)
 * is left for checkout.
 */
export async function redeem(user: SessionUser, input: string, now: Date): Promise<Redeemed> {
  const userId = user.id;
  const normal = normalizeCode(input);
  try {
    const result = await write(await db(), async (tx): Promise<Redeemed> => {
      const code = normal === null ? null : await q.findCode(tx, normal);
      const refusal = await refusalIn(tx, code, userId, now);
      if (refusal || !code) return { kind: 'refused', refusal: refusal ?? 'unknown' };
      const grant = grantFor(code, now);
      if (!grant) return { kind: 'needs-payment', code };
      if (!(await q.useCode(tx, code.code))) throw new Refused('used-up');
      if (!(await q.insertRedemption(tx, newId(), code.code, userId, now))) throw new Refused('already-used');
      await q.insertGrant(tx, newId(), userId, grant, now, code.code);
      if (grant.source === 'trial' && grant.endsAt) await trialStartedEmail(tx, user, grant.endsAt, now);
      return { kind: 'granted', code };
    });
    if (result.kind === 'granted' && result.code.kind === 'trial') kickMailer();
    return result;
  } catch (error) {
    // A lost race rolls the whole transaction back; the person gets the reason.
    if (error instanceof Refused) return { kind: 'refused', refusal: error.refusal };
    throw error;
  }
}

/** Queues the "trial started" email inside the transaction that started it. */
async function trialStartedEmail(tx: Transaction, user: SessionUser, endsAt: Date, now: Date): Promise<void> {
  const link = new URL('/lessons', config.siteUrl).href;
  await enqueueEmail(
    tx,
    trialStartedMessage(user.email, user.displayName, formatLongDate(endsAt), link),
    now,
  );
}

/**
 * The free trial without a payment provider (the embedded default): 7 days of membership, once per
 * person, with an email saying until when.
 */
export async function startLocalTrial(
  user: SessionUser,
  now: Date,
): Promise<{ kind: 'started'; endsAt: Date } | { kind: 'refused'; refusal: Refusal }> {
  const result = await write(await db(), async (tx) => {
    if (await q.hadTrial(tx, user.id)) return { kind: 'refused', refusal: 'trial-taken' } as const;
    const endsAt = new Date(now.getTime() + DEFAULT_TRIAL_DAYS * 86_400_000);
    await q.insertGrant(
      tx,
      newId(),
      user.id,
      { product: 'membership', source: 'trial', startsAt: now, endsAt },
      now,
    );
    await trialStartedEmail(tx, user, endsAt, now);
    return { kind: 'started', endsAt } as const;
  });
  if (result.kind === 'started') kickMailer();
  return result;
}

/** The person's grants, for the billing page. */
export async function grantsHeldBy(userId: string): Promise<Grant[]> {
  return q.grantsOf(await db(), userId);
}

export async function redemptionsBy(userId: string): Promise<{ code: string; redeemedAt: Date }[]> {
  return q.redemptionsOf(await db(), userId);
}

/** Everything billing stores about a person, for "download my data". */
export async function billingData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const [held, redeemed] = await Promise.all([
    q.grantsOf(database, userId),
    q.redemptionsOf(database, userId),
  ]);
  return { grants: held, codesRedeemed: redeemed };
}

// ── Operators: codes and membership granted by hand (the admin pages and the command-line tools) ──

/** Work done inside the transaction of a change, such as the admin's audit entry: both happen or neither. */
export type InSameTransaction<T = void> = (tx: Transaction, detail: T) => Promise<void>;

/** Creates a code (checked with `newCodeFrom`); false when a code of that name exists. */
export async function createCode(
  code: Omit<Code, 'redemptions'>,
  now: Date,
  also?: InSameTransaction,
): Promise<boolean> {
  return write(await db(), async (tx) => {
    if (!(await q.insertCode(tx, code, now))) return false;
    await also?.(tx);
    return true;
  });
}

/** Turns a code on or off; the code as it was before, or null when there is no such code. */
export async function setCodeActive(
  input: string,
  active: boolean,
  also?: InSameTransaction<Code>,
): Promise<Code | null> {
  const code = normalizeCode(input);
  if (code === null) return null;
  return write(await db(), async (tx) => {
    const before = await q.findCode(tx, code);
    if (!before || !(await q.setCodeActive(tx, code, active))) return null;
    await also?.(tx, before);
    return before;
  });
}

/** Membership granted by an operator from now, until `endsAt` (null: until revoked). */
export async function grantAdminMembership(
  userId: string,
  endsAt: Date | null,
  now: Date,
  also?: InSameTransaction<Grant>,
): Promise<Grant> {
  const grant: Grant = { product: 'membership', source: 'admin', startsAt: now, endsAt };
  await write(await db(), async (tx) => {
    await q.insertGrant(tx, newId(), userId, grant, now);
    await also?.(tx, grant);
  });
  return grant;
}

/** Ends the person's admin grants of membership now (other sources stand); how many it ended. */
export async function revokeAdminMembership(
  userId: string,
  now: Date,
  also?: InSameTransaction<number>,
): Promise<number> {
  return write(await db(), async (tx) => {
    const ended = await q.endAdminMembership(tx, userId, now);
    await also?.(tx, ended);
    return ended;
  });
}

/** The code whose grant gives the person the assessment now, for the result it is recorded on. */
export function codeBehindAssessment(tx: Transaction, userId: string, now: Date): Promise<string | null> {
  return q.codeBehindAssessment(tx, userId, now);
}

/** The person's subscriptions as last read from Stripe, newest first. */
export async function subscriptionsHeldBy(userId: string): Promise<q.SubscriptionRow[]> {
  return q.subscriptionsOf(await db(), userId);
}

/** Every code, oldest first. */
export async function listCodes(): Promise<Code[]> {
  return q.allCodes(await db());
}
