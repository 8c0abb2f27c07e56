/** Billing queries: codes, redemptions and grants, plain drizzle. */
import type { Database, Transaction } from '@db/client';
import {
  billingCustomers,
  codeRedemptions,
  codes,
  grants,
  stripeEvents,
  subscriptions,
  users,
} from '@db/schema';
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { mailboxDomains, mailboxKey } from '../../accounts/email';
import type { Code } from '../../billing/codes';
import { type Grant, LIVE_SUBSCRIPTION_STATUSES } from '../../billing/entitlements';
import type { TrialEvidence } from '../../billing/trials';
import { hashToken } from '../accounts/tokens';

type Reader = Database | Transaction;

export async function findCode(db: Reader, code: string): Promise<Code | null> {
  const [row] = await db.select().from(codes).where(eq(codes.code, code));
  return row ?? null;
}

export async function allCodes(db: Reader): Promise<Code[]> {
  return db.select().from(codes).orderBy(codes.createdAt);
}

export async function insertCode(
  tx: Transaction,
  code: Omit<Code, 'redemptions'>,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(codes)
    .values({ ...code, createdAt: now })
    .onConflictDoNothing()
    .returning({ code: codes.code });
  return inserted.length > 0;
}

export async function setCodeActive(tx: Transaction, code: string, active: boolean): Promise<boolean> {
  const updated = await tx
    .update(codes)
    .set({ active })
    .where(eq(codes.code, code))
    .returning({ code: codes.code });
  return updated.length > 0;
}

export async function hasRedeemed(db: Reader, code: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: codeRedemptions.id })
    .from(codeRedemptions)
    .where(and(eq(codeRedemptions.code, code), eq(codeRedemptions.userId, userId)));
  return row !== undefined;
}

/**
 * The records that may show a trial by this person (`hadTrial` in src/lib/billing/trials.ts judges
 * them): on this account or any other whose address reaches the same mailbox (`mailboxKey`:
 * plus-addresses, dotted Gmail addresses and letter case are one person) — trial grants, and Stripe
 * subscriptions that began with a trial (refused or not; the rule decides what counts).
 */
export async function trialEvidence(db: Reader, userId: string): Promise<TrialEvidence[]> {
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!me) return [];
  // The local trial and trial codes record the mailbox itself: one indexed look-up usually settles it.
  const [given] = await db
    .select({ source: grants.source, startsAt: grants.startsAt })
    .from(grants)
    .where(eq(grants.reference, trialReference(me.email)));
  if (given?.source === 'trial') return [{ kind: 'grant', ...given }];
  const key = mailboxKey(me.email);
  // Driven by the trials (far fewer than accounts), narrowed to the mailbox's domain(s); the key itself
  // is compared here, as SQL can't fold Gmail's dots.
  const sameDomain = or(
    ...mailboxDomains(me.email).map(
      (d) => sql`${users.email} LIKE ${`%@${d.replace(/[\\%_]/g, '\\$&')}`} ESCAPE '\\'`,
    ),
  );
  const fromGrants = await db
    .select({ email: users.email, source: grants.source, startsAt: grants.startsAt })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(eq(grants.source, 'trial'), sameDomain));
  const fromStripe = await db
    .select({
      email: users.email,
      id: subscriptions.id,
      trialStart: subscriptions.trialStart,
      refused: subscriptions.refused,
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .where(and(isNotNull(subscriptions.trialStart), sameDomain));
  const mine = (row: { email: string }): boolean => mailboxKey(row.email) === key;
  return [
    ...fromGrants
      .filter(mine)
      .map((g): TrialEvidence => ({ kind: 'grant', source: g.source, startsAt: g.startsAt })),
    ...fromStripe.filter(mine).map(
      (s): TrialEvidence => ({
        kind: 'subscription',
        id: s.id,
        trialStart: s.trialStart,
        refused: s.refused !== null,
      }),
    ),
  ];
}

/** Whether another subscription of the person holds membership and is set to renew (not refused, not ending). */
export async function otherRenewingMembership(db: Reader, userId: string, except: string): Promise<boolean> {
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        ne(subscriptions.id, except),
        isNull(subscriptions.refused),
        inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
        eq(subscriptions.cancelAtPeriodEnd, false),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Subscriptions this site refused that Stripe may still hold live (to cancel and refund again). */
export async function refusedButLive(db: Reader): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(isNotNull(subscriptions.refused), inArray(subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES])),
    );
}

/**
 * Counts one use of a code, only while it has uses left: the limit holds however many redemptions
 * race, because the check and the increment are one statement inside the redeeming transaction.
 */
export async function useCode(tx: Transaction, code: string): Promise<boolean> {
  const updated = await tx
    .update(codes)
    .set({ redemptions: sql`${codes.redemptions} + 1` })
    .where(
      and(
        eq(codes.code, code),
        or(isNull(codes.maxRedemptions), lt(codes.redemptions, codes.maxRedemptions)),
      ),
    )
    .returning({ code: codes.code });
  return updated.length > 0;
}

export async function insertRedemption(
  tx: Transaction,
  id: string,
  code: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(codeRedemptions)
    .values({ id, code, userId, redeemedAt: now })
    .onConflictDoNothing()
    .returning({ id: codeRedemptions.id });
  return inserted.length > 0;
}

export async function insertGrant(
  tx: Transaction,
  id: string,
  userId: string,
  grant: Grant,
  now: Date,
  code: string | null = null,
  reference: string | null = null,
): Promise<void> {
  await tx.insert(grants).values({ id, userId, ...grant, code, reference, createdAt: now });
}

/**
 * The reference a local or code trial grant carries: the mailbox it was given to, hashed. It outlives a
 * change of address, and its unique index makes a second trial for one mailbox impossible.
 */
export function trialReference(email: string): string {
  return `trial-mailbox:${hashToken(mailboxKey(email))}`;
}

export async function redemptionsOf(
  db: Reader,
  userId: string,
): Promise<{ code: string; redeemedAt: Date }[]> {
  return db
    .select({ code: codeRedemptions.code, redeemedAt: codeRedemptions.redeemedAt })
    .from(codeRedemptions)
    .where(eq(codeRedemptions.userId, userId));
}

export async function grantsOf(
  db: Reader,
  userId: string,
): Promise<Omit<typeof grants.$inferSelect, 'userId' | 'id' | 'reference' | 'code'>[]> {
  return db
    .select({
      product: grants.product,
      source: grants.source,
      startsAt: grants.startsAt,
      endsAt: grants.endsAt,
      createdAt: grants.createdAt,
    })
    .from(grants)
    .where(eq(grants.userId, userId));
}

// ——— Stripe mirrors ———

export async function customerIdOf(db: Reader, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, userId));
  return row?.id ?? null;
}

export async function userOfCustomer(
  db: Reader,
  customerId: string,
): Promise<{ id: string; email: string; displayName: string } | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(billingCustomers)
    .innerJoin(users, eq(users.id, billingCustomers.userId))
    .where(eq(billingCustomers.stripeCustomerId, customerId));
  return row ?? null;
}

/** Records the person's customer; when another request got there first, theirs stands. */
export async function insertCustomer(
  tx: Transaction,
  userId: string,
  customerId: string,
  now: Date,
): Promise<string> {
  await tx
    .insert(billingCustomers)
    .values({ userId, stripeCustomerId: customerId, createdAt: now })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: billingCustomers.stripeCustomerId })
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, userId));
  return row?.id ?? customerId;
}

/**
 * Ends a person's admin grants of membership that are open now or later, at `now`; how many it ended.
 * A grant that had not started yet ends as it starts.
 */
export async function endAdminMembership(tx: Transaction, userId: string, now: Date): Promise<number> {
  const open = and(
    eq(grants.userId, userId),
    eq(grants.source, 'admin'),
    eq(grants.product, 'membership'),
    or(isNull(grants.endsAt), gt(grants.endsAt, now)),
  );
  const ended = await tx
    .update(grants)
    .set({ endsAt: sql`max(${grants.startsAt}, ${now.getTime()})` })
    .where(open)
    .returning({ id: grants.id });
  return ended.length;
}

/** The code behind the newest grant that gives the assessment now (a free-product or trial code), or null. */
export async function codeBehindAssessment(db: Reader, userId: string, now: Date): Promise<string | null> {
  const [row] = await db
    .select({ code: grants.code })
    .from(grants)
    .where(
      and(
        eq(grants.userId, userId),
        isNotNull(grants.code),
        lte(grants.startsAt, now),
        or(isNull(grants.endsAt), gt(grants.endsAt, now)),
      ),
    )
    .orderBy(desc(grants.createdAt))
    .limit(1);
  return row?.code ?? null;
}

export type SubscriptionRow = typeof subscriptions.$inferSelect;

export async function subscriptionById(db: Reader, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

export async function subscriptionsOf(db: Reader, userId: string): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.createdAt));
}

export async function subscriptionOwners(db: Reader): Promise<{ id: string; userId: string }[]> {
  return db.select({ id: subscriptions.id, userId: subscriptions.userId }).from(subscriptions);
}

export async function allCustomers(db: Reader): Promise<{ userId: string; customerId: string }[]> {
  return db
    .select({ userId: billingCustomers.userId, customerId: billingCustomers.stripeCustomerId })
    .from(billingCustomers);
}

export async function upsertSubscription(tx: Transaction, row: SubscriptionRow): Promise<void> {
  const { id: _id, createdAt: _created, code, ...changes } = row;
  await tx
    .insert(subscriptions)
    .values(row)
    .onConflictDoUpdate({
      target: subscriptions.id,
      // The code it was bought with is kept from the first sighting on.
      set: { ...changes, code: sql`coalesce(${subscriptions.code}, ${code})` },
    });
}

/** The grant that mirrors something (a subscription, a purchase), created or brought up to date. */
export async function upsertMirroredGrant(
  tx: Transaction,
  id: string,
  userId: string,
  reference: string,
  grant: Grant,
  code: string | null,
  now: Date,
): Promise<void> {
  await tx
    .insert(grants)
    .values({ id, userId, ...grant, reference, code, createdAt: now })
    .onConflictDoUpdate({
      target: grants.reference,
      set: { startsAt: grant.startsAt, endsAt: grant.endsAt },
    });
}

/** Records an event as applied; false when it already was (the caller then does nothing). */
export async function claimEvent(
  tx: Transaction,
  id: string,
  type: string,
  createdAt: Date,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(stripeEvents)
    .values({ id, type, createdAt, appliedAt: now })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  return inserted.length > 0;
}

export async function eventApplied(db: Reader, id: string): Promise<boolean> {
  const [row] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, id));
  return row !== undefined;
}

/** How many subscriptions and purchases a person has: a new checkout attempt after each one completes. */
export async function completedPurchases(db: Reader, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(grants)
    .where(
      and(
        eq(grants.userId, userId),
        sql`${grants.reference} IS NOT NULL`,
        sql`${grants.reference} NOT LIKE 'trial-mailbox:%'`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function setStripeIds(
  tx: Transaction,
  code: string,
  couponId: string,
  promotionCodeId: string,
): Promise<void> {
  await tx
    .update(codes)
    .set({ stripeCouponId: couponId, stripePromotionCodeId: promotionCodeId })
    .where(eq(codes.code, code));
}

export async function stripeIdsOf(
  db: Reader,
  code: string,
): Promise<{ couponId: string | null; promotionCodeId: string | null }> {
  const [row] = await db
    .select({ couponId: codes.stripeCouponId, promotionCodeId: codes.stripePromotionCodeId })
    .from(codes)
    .where(eq(codes.code, code));
  return { couponId: row?.couponId ?? null, promotionCodeId: row?.promotionCodeId ?? null };
}

export async function grantByReference(
  db: Reader,
  userId: string,
  reference: string,
): Promise<{ product: 'membership' | 'assessment' } | null> {
  const [row] = await db
    .select({ product: grants.product })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.reference, reference)));
  return row ?? null;
}

/** A code used at a paid checkout: recorded once, and counted (the payment has already happened). */
export async function recordPaidRedemption(
  tx: Transaction,
  id: string,
  code: string,
  userId: string,
  now: Date,
): Promise<void> {
  if (await insertRedemption(tx, id, code, userId, now))
    await tx
      .update(codes)
      .set({ redemptions: sql`${codes.redemptions} + 1` })
      .where(eq(codes.code, code));
}
