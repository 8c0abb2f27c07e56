/** Redeeming a code: looked up, checked against every rule, and what costs nothing granted at once. */
import { write } from '@db/client';
import { type Code, normalizeCode, type Refusal } from '../../billing/codes';
import { type Buyer, type Order, orderFor, productOrdered } from '../../billing/order';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { db } from '../platform/db';
import { kickMailer } from '../platform/mailer';
import * as q from './queries';
import { hadTrial, trialStartedEmail } from './trial';

type Reader = Parameters<typeof q.findCode>[0];

export async function lookUpCode(input: string): Promise<Code | null> {
  const code = normalizeCode(input);
  return code === null ? null : q.findCode(await db(), code);
}

/** What is known about a person (a visitor: null) for an order with `code`, read in `reader`. */
export async function buyerFor(
  reader: Reader,
  code: Code | null | undefined,
  userId: string | null,
  emailVerified: boolean,
): Promise<Buyer> {
  return {
    usedCode: Boolean(code && userId !== null && (await q.hasRedeemed(reader, code.code, userId))),
    hadTrial: userId !== null && (await hadTrial(reader, userId)),
    emailVerified,
  };
}

/** The redeem page's order: the product the code names, for this person (or a visitor, null). */
async function redeemOrder(
  reader: Reader,
  code: Code | null,
  user: Pick<SessionUser, 'id' | 'emailVerified'> | null,
  now: Date,
): Promise<Order> {
  const buyer = await buyerFor(reader, code, user?.id ?? null, user?.emailVerified ?? false);
  return orderFor({ product: productOrdered(code) }, code, buyer, now);
}

/** Why this person (or a visitor, null) can't use the code for its own product now, or null. */
export async function checkCode(
  code: Code | null,
  userId: string | null,
  now: Date,
): Promise<Refusal | null> {
  // The code's own refusal doesn't depend on the address (that is the order's `blocked`).
  const user = userId === null ? null : { id: userId, emailVerified: true };
  return (await redeemOrder(await db(), code, user, now)).refusal;
}

export type Redeemed =
  /** `endsAt`: when what it gave ends (a trial), or null for good. */
  | { kind: 'granted'; code: Code; endsAt: Date | null }
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
  const normal = normalizeCode(input);
  try {
    const result = await write(await db(), async (tx): Promise<Redeemed> => {
      const code = normal === null ? null : await q.findCode(tx, normal);
      const order = await redeemOrder(tx, code, user, now);
      if (order.refusal || !code) return { kind: 'refused', refusal: order.refusal ?? 'unknown' };
      if (!order.grant) return { kind: 'needs-payment', code };
      if (order.blocked) return { kind: 'refused', refusal: order.blocked };
      if (!(await q.useCode(tx, code.code))) throw new Refused('used-up');
      if (!(await q.insertRedemption(tx, newId(), code.code, user.id, now)))
        throw new Refused('already-used');
      const grant = order.grant;
      const mailbox = grant.source === 'trial' ? q.trialReference(user.email) : null;
      await q.insertGrant(tx, newId(), user.id, grant, now, code.code, mailbox);
      if (grant.source === 'trial' && grant.endsAt) await trialStartedEmail(tx, user, grant.endsAt, now);
      return { kind: 'granted', code, endsAt: grant.endsAt ?? null };
    });
    if (result.kind === 'granted' && result.code.kind === 'trial') kickMailer();
    return result;
  } catch (error) {
    // A lost race rolls the whole transaction back; the person gets the reason.
    if (error instanceof Refused) return { kind: 'refused', refusal: error.refusal };
    throw error;
  }
}

export async function redemptionsBy(userId: string): Promise<{ code: string; redeemedAt: Date }[]> {
  return q.redemptionsOf(await db(), userId);
}
