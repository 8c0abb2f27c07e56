/** Survey queries: rounds, invitations, responses, opt-outs and the share link, plain drizzle. */
import { type Database, readRow, type Transaction } from '@db/client';
import {
  ledgerCustomers,
  outbox,
  rateLimitBuckets,
  surveyBatches,
  surveyInvitations,
  surveyOptOutLinks,
  surveyOptOuts,
  surveyResponses,
  surveyRounds,
  surveyShares,
  users,
} from '@db/schema';
import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';

type Reader = Database | Transaction;

export type RoundRow = typeof surveyRounds.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export async function roundsOf(db: Reader, userId: string): Promise<RoundRow[]> {
  return db
    .select()
    .from(surveyRounds)
    .where(eq(surveyRounds.userId, userId))
    .orderBy(asc(surveyRounds.number));
}

export async function latestRound(db: Reader, userId: string): Promise<RoundRow | null> {
  const [row] = await db
    .select()
    .from(surveyRounds)
    .where(eq(surveyRounds.userId, userId))
    .orderBy(desc(surveyRounds.number))
    .limit(1);
  return row ?? null;
}

export async function insertRound(tx: Transaction, row: RoundRow): Promise<void> {
  await tx.insert(surveyRounds).values(row);
}

export async function closeRound(
  tx: Transaction,
  userId: string,
  roundId: string,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(surveyRounds)
    .set({ closedAt: now })
    .where(and(eq(surveyRounds.id, roundId), eq(surveyRounds.userId, userId)))
    .returning({ id: surveyRounds.id });
  return updated.length > 0;
}

export async function invitationsOf(db: Reader, userId: string): Promise<InvitationRow[]> {
  return db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.userId, userId))
    .orderBy(asc(surveyInvitations.createdAt), asc(surveyInvitations.recipient));
}

export async function invitationsOfRound(db: Reader, roundId: string): Promise<InvitationRow[]> {
  return db.select().from(surveyInvitations).where(eq(surveyInvitations.roundId, roundId));
}

export async function insertInvitations(tx: Transaction, rows: InvitationRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(surveyInvitations).values(rows);
}

/** The invitation behind a link, with its round and the name and address of the member it is about. */
export async function invitationByHash(db: Reader, tokenHash: string) {
  const [row] = await db
    .select({
      invitation: surveyInvitations,
      round: surveyRounds,
      memberName: users.displayName,
    })
    .from(surveyInvitations)
    .innerJoin(surveyRounds, eq(surveyRounds.id, surveyInvitations.roundId))
    .innerJoin(users, eq(users.id, surveyInvitations.userId))
    .where(eq(surveyInvitations.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks the link used; false when it already was (a second submit, or two at once). */
export async function useInvitation(tx: Transaction, invitationId: string): Promise<boolean> {
  const updated = await tx
    .update(surveyInvitations)
    .set({ used: true })
    .where(and(eq(surveyInvitations.id, invitationId), eq(surveyInvitations.used, false)))
    .returning({ id: surveyInvitations.id });
  return updated.length > 0;
}

export async function insertResponse(tx: Transaction, row: ResponseRow): Promise<void> {
  await tx.insert(surveyResponses).values(row);
}

export async function responsesOf(db: Reader, userId: string): Promise<ResponseRow[]> {
  return db.select().from(surveyResponses).where(eq(surveyResponses.userId, userId));
}

export async function ledgerCustomersByIds(
  db: Reader,
  userId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: ledgerCustomers.id, name: ledgerCustomers.name })
    .from(ledgerCustomers)
    .where(and(eq(ledgerCustomers.userId, userId), inArray(ledgerCustomers.id, [...ids])));
}

export async function optedOut(db: Reader, addressHashes: readonly string[]): Promise<Set<string>> {
  if (addressHashes.length === 0) return new Set();
  const rows = await db
    .select({ hash: surveyOptOuts.addressHash })
    .from(surveyOptOuts)
    .where(inArray(surveyOptOuts.addressHash, [...addressHashes]));
  return new Set(rows.map((r) => r.hash));
}

export async function insertOptOutLinks(
  tx: Transaction,
  rows: (typeof surveyOptOutLinks.$inferSelect)[],
): Promise<void> {
  if (rows.length > 0) await tx.insert(surveyOptOutLinks).values(rows);
}

export async function optOutLink(db: Reader, tokenHash: string): Promise<{ addressHash: string } | null> {
  const [row] = await db
    .select({ addressHash: surveyOptOutLinks.addressHash })
    .from(surveyOptOutLinks)
    .where(eq(surveyOptOutLinks.tokenHash, tokenHash));
  return row ?? null;
}

export async function insertOptOut(tx: Transaction, addressHash: string, now: Date): Promise<void> {
  await tx.insert(surveyOptOuts).values({ addressHash, createdAt: now }).onConflictDoNothing();
}

export async function bucketsOf(db: Reader, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(rateLimitBuckets)
    .where(inArray(rateLimitBuckets.key, [...keys]));
}

export async function saveBucket(
  tx: Transaction,
  key: string,
  tokens: number,
  updatedAt: Date,
): Promise<void> {
  await tx
    .insert(rateLimitBuckets)
    .values({ key, tokens, updatedAt })
    .onConflictDoUpdate({ target: rateLimitBuckets.key, set: { tokens, updatedAt } });
}

export async function shareTokenOf(db: Reader, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ token: surveyShares.token })
    .from(surveyShares)
    .where(eq(surveyShares.userId, userId));
  return row?.token ?? null;
}

export async function setShare(
  tx: Transaction,
  userId: string,
  token: string | null,
  now: Date,
): Promise<void> {
  if (token === null) {
    await tx.delete(surveyShares).where(eq(surveyShares.userId, userId));
    return;
  }
  await tx
    .insert(surveyShares)
    .values({ userId, token, createdAt: now })
    .onConflictDoUpdate({ target: surveyShares.userId, set: { token, createdAt: now } });
}

export async function sharedOwner(
  db: Reader,
  token: string,
): Promise<{ userId: string; name: string } | null> {
  const [row] = await db
    .select({ userId: surveyShares.userId, name: users.displayName })
    .from(surveyShares)
    .innerJoin(users, eq(users.id, surveyShares.userId))
    .where(eq(surveyShares.token, token));
  return row ?? null;
}

/** Per member who has invited anyone: the figures an admin watches for self-invitation (decision 021). */
export async function invitationStats(db: Reader) {
  return db
    .select({
      userId: surveyInvitations.userId,
      email: users.email,
      invitations: sql<number>`count(*)`,
      emailed: sql<number>`sum(${surveyInvitations.delivery} = 'email')`,
      links: sql<number>`sum(${surveyInvitations.delivery} = 'link')`,
      sameDomain: sql<number>`sum(${surveyInvitations.flag} = 'same-domain')`,
      answered: sql<number>`sum(${surveyInvitations.used})`,
      linksAnswered: sql<number>`sum(${surveyInvitations.used} and ${surveyInvitations.delivery} = 'link')`,
    })
    .from(surveyInvitations)
    .innerJoin(users, eq(users.id, surveyInvitations.userId))
    .groupBy(surveyInvitations.userId, users.email)
    .orderBy(desc(sql`sum(${surveyInvitations.flag} = 'same-domain')`), desc(sql`count(*)`))
    .limit(500);
}

/** Survey invitations still waiting in the outbox (found by their subject's ending). */
export async function pendingInvitationEmails(tx: Transaction, subjectEnd: string) {
  return tx
    .select({ id: outbox.id, to: outbox.to })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), like(outbox.subject, `%${subjectEnd}`)));
}

export async function deleteOutboxMessage(tx: Transaction, id: string): Promise<void> {
  await tx.delete(outbox).where(eq(outbox.id, id));
}

/** Records an invitation form as handled; false when the same form was handled before. */
export async function claimBatch(
  tx: Transaction,
  userId: string,
  submissionId: string,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(surveyBatches)
    .values({ userId, submissionId, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: surveyBatches.submissionId });
  return inserted.length > 0;
}

const SUMMARY_SQL = `SELECT
    (SELECT count(*) FROM survey_rounds WHERE user_id = ?1) AS rounds,
    (SELECT count(*) FROM survey_responses WHERE user_id = ?1) AS responses,
    (SELECT closed_at IS NULL FROM survey_rounds WHERE user_id = ?1 ORDER BY number DESC LIMIT 1) AS open`;

/** How many rounds and answers a member has, and whether the latest round is still open (the dashboard's card). */
export async function surveyCounts(
  db: Database,
  userId: string,
): Promise<{ rounds: number; responses: number; open: boolean }> {
  const row = await readRow<{ rounds: number; responses: number; open: number | null }>(db, SUMMARY_SQL, [
    userId,
  ]);
  return {
    rounds: Number(row?.rounds ?? 0),
    responses: Number(row?.responses ?? 0),
    open: Number(row?.open ?? 0) === 1,
  };
}
