/** Assessment queries: drafts and results, plain drizzle. */
import type { Database, Transaction } from '@db/client';
import { assessmentDrafts, assessmentResults, users } from '@db/schema';
import { and, desc, eq } from 'drizzle-orm';

type Reader = Database | Transaction;

export type ResultRow = typeof assessmentResults.$inferSelect;

export async function readDraft(db: Reader, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ answers: assessmentDrafts.answers })
    .from(assessmentDrafts)
    .where(eq(assessmentDrafts.userId, userId));
  return row?.answers ?? null;
}

export async function saveDraft(tx: Transaction, userId: string, answers: string, now: Date): Promise<void> {
  await tx
    .insert(assessmentDrafts)
    .values({ userId, answers, updatedAt: now })
    .onConflictDoUpdate({ target: assessmentDrafts.userId, set: { answers, updatedAt: now } });
}

export async function deleteDraft(tx: Transaction, userId: string): Promise<void> {
  await tx.delete(assessmentDrafts).where(eq(assessmentDrafts.userId, userId));
}

export async function insertResult(tx: Transaction, row: ResultRow): Promise<boolean> {
  const inserted = await tx
    .insert(assessmentResults)
    .values(row)
    .onConflictDoNothing({ target: [assessmentResults.userId, assessmentResults.submissionId] })
    .returning({ id: assessmentResults.id });
  return inserted.length > 0;
}

export async function findBySubmission(
  tx: Reader,
  userId: string,
  submissionId: string,
): Promise<ResultRow | null> {
  const [row] = await tx
    .select()
    .from(assessmentResults)
    .where(and(eq(assessmentResults.userId, userId), eq(assessmentResults.submissionId, submissionId)));
  return row ?? null;
}

/** A learner's results, newest first (all of them, or the latest `limit`). */
export async function resultsOf(db: Reader, userId: string, limit = -1): Promise<ResultRow[]> {
  return db
    .select()
    .from(assessmentResults)
    .where(eq(assessmentResults.userId, userId))
    .orderBy(desc(assessmentResults.createdAt))
    .limit(limit);
}

/** A shared result with its owner's name (the shared page names the person it describes). */
export async function findShared(
  db: Reader,
  token: string,
): Promise<{ row: ResultRow; ownerName: string } | null> {
  const [found] = await db
    .select({ row: assessmentResults, ownerName: users.displayName })
    .from(assessmentResults)
    .innerJoin(users, eq(users.id, assessmentResults.userId))
    .where(eq(assessmentResults.shareToken, token));
  return found ?? null;
}

export async function setShareToken(
  tx: Transaction,
  userId: string,
  resultId: string,
  token: string | null,
): Promise<boolean> {
  const updated = await tx
    .update(assessmentResults)
    .set({ shareToken: token })
    .where(and(eq(assessmentResults.id, resultId), eq(assessmentResults.userId, userId)))
    .returning({ id: assessmentResults.id });
  return updated.length > 0;
}

/** Each person's latest answers taken with `version` (one response per person, for the item analysis). */
export async function latestAnswersOfVersion(db: Reader, version: number): Promise<string[]> {
  const rows = await db
    .select({ userId: assessmentResults.userId, answers: assessmentResults.answers })
    .from(assessmentResults)
    .where(eq(assessmentResults.version, version))
    .orderBy(desc(assessmentResults.createdAt));
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (seen.has(r.userId)) return [];
    seen.add(r.userId);
    return [r.answers];
  });
}
