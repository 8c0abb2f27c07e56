/** Operators: codes and membership granted by hand (the admin pages and the command-line tools). */
import { type Transaction, write } from '@db/client';
import { type Code, normalizeCode } from '../../billing/codes';
import type { Grant } from '../../billing/entitlements';
import { newId } from '../accounts/tokens';
import { db } from '../platform/db';
import { mirrorCode } from './checkout';
import * as q from './queries';
import { isStripeOutage } from './stripe-client';

/** Work done inside the transaction of a change, such as the admin's audit entry: both happen or neither. */
export type InSameTransaction<T = void> = (tx: Transaction, detail: T) => Promise<void>;

/**
 * Creates a code (checked with `newCodeFrom`); false when a code of that name exists. A discount code is
 * then mirrored to Stripe when payments are configured; should Stripe be unreachable, the first
 * checkout with the code mirrors it instead.
 */
export async function createCode(
  code: Omit<Code, 'redemptions'>,
  now: Date,
  also?: InSameTransaction,
): Promise<boolean> {
  const created = await write(await db(), async (tx) => {
    if (!(await q.insertCode(tx, code, now))) return false;
    await also?.(tx);
    return true;
  });
  if (created && code.kind === 'discount') {
    try {
      await mirrorCode({ ...code, redemptions: 0 });
    } catch (error) {
      if (!isStripeOutage(error)) throw error;
    }
  }
  return created;
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

/** Every code, oldest first. */
export async function listCodes(): Promise<Code[]> {
  return q.allCodes(await db());
}
