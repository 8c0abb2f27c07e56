/** Conversation practice queries: plain reads and writes of runs. */
import type { Database, Transaction } from '@db/client';
import { conversationRuns } from '@db/schema';
import { and, desc, eq, isNotNull, max, sql } from 'drizzle-orm';

type Reader = Database | Transaction;

export type RunRow = typeof conversationRuns.$inferSelect;

export async function findRunBySubmission(
  tx: Reader,
  userId: string,
  submissionId: string,
): Promise<RunRow | null> {
  const [row] = await tx
    .select()
    .from(conversationRuns)
    .where(and(eq(conversationRuns.userId, userId), eq(conversationRuns.submissionId, submissionId)))
    .limit(1);
  return row ?? null;
}

/** Inserts a new run; false when the same start form was sent before (the unique submission index). */
export async function insertRun(tx: Transaction, row: RunRow): Promise<boolean> {
  const inserted = await tx
    .insert(conversationRuns)
    .values(row)
    .onConflictDoNothing({ target: [conversationRuns.userId, conversationRuns.submissionId] })
    .returning({ id: conversationRuns.id });
  return inserted.length > 0;
}

export async function findOwnRun(db: Reader, userId: string, runId: string): Promise<RunRow | null> {
  const [row] = await db
    .select()
    .from(conversationRuns)
    .where(and(eq(conversationRuns.id, runId), eq(conversationRuns.userId, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * Stores a run's next state only if it still has `steps` answers: of two submissions of one turn, the
 * second finds the run moved on and changes nothing. False when it had moved on.
 */
export async function advanceRun(
  tx: Transaction,
  runId: string,
  steps: number,
  change: Pick<RunRow, 'choices' | 'steps' | 'trust' | 'position' | 'score' | 'updatedAt' | 'finishedAt'>,
): Promise<boolean> {
  const updated = await tx
    .update(conversationRuns)
    .set(change)
    .where(and(eq(conversationRuns.id, runId), eq(conversationRuns.steps, steps)))
    .returning({ id: conversationRuns.id });
  return updated.length > 0;
}

/** Every run of one conversation by one learner, newest first. */
export async function runsOf(db: Reader, userId: string, slug: string): Promise<RunRow[]> {
  return db
    .select()
    .from(conversationRuns)
    .where(and(eq(conversationRuns.userId, userId), eq(conversationRuns.conversationSlug, slug)))
    .orderBy(desc(conversationRuns.startedAt));
}

export interface RunSummary {
  slug: string;
  /** The best score of a finished run; null before one. */
  best: number | null;
  finished: number;
  /** The most recent unfinished run, to continue. */
  openRunId: string | null;
}

/** Per conversation the learner has played: the best finished score, finished runs, the run to continue. */
export async function summariesOf(db: Reader, userId: string): Promise<Map<string, RunSummary>> {
  const rows = await db
    .select({
      slug: conversationRuns.conversationSlug,
      best: max(conversationRuns.score),
      finished: sql<number>`count(${conversationRuns.finishedAt})`,
      openRunId: sql<string | null>`(SELECT r.id FROM conversation_runs r WHERE r.user_id = ${userId}
        AND r.conversation_slug = ${conversationRuns.conversationSlug} AND r.finished_at IS NULL
        ORDER BY r.started_at DESC LIMIT 1)`,
    })
    .from(conversationRuns)
    .where(eq(conversationRuns.userId, userId))
    .groupBy(conversationRuns.conversationSlug);
  return new Map(
    rows.map((r) => [
      r.slug,
      {
        slug: r.slug,
        best: r.best === null ? null : Number(r.best),
        finished: Number(r.finished),
        openRunId: r.openRunId,
      },
    ]),
  );
}

/** The conversations with a finished run scoring at least `passScore` (inside a transaction too). */
export async function passedConversations(
  db: Reader,
  userId: string,
  passScore: number,
): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ slug: conversationRuns.conversationSlug })
    .from(conversationRuns)
    .where(
      and(
        eq(conversationRuns.userId, userId),
        isNotNull(conversationRuns.finishedAt),
        sql`${conversationRuns.score} >= ${passScore}`,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

/** Every run of a learner, for "download my data". */
export async function allRuns(db: Reader, userId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(conversationRuns)
    .where(eq(conversationRuns.userId, userId))
    .orderBy(conversationRuns.startedAt);
}
