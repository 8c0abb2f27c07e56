/** Billing queries: codes, redemptions and grants, plain drizzle. */
import type { Database, Transaction } from '@db/client';
import { codeRedemptions, codes, grants, subscriptions } from '@db/schema';
import { and, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Code } from '../../billing/codes';
import type { Grant } from '../../billing/entitlements';

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

export async function hadTrial(db: Reader, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.source, 'trial')));
  return row !== undefined;
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
): Promise<void> {
  await tx.insert(grants).values({ id, userId, ...grant, code, createdAt: now });
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

export async function subscriptionsOf(db: Reader, userId: string): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.createdAt));
}
