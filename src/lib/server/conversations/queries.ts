/** Conversation practice queries: plain reads and writes of runs. */
import { type Database, readRows, type Transaction } from '@db/client';
import { conversationRuns } from '@db/schema';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';

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

const SUMMARY_SQL = `SELECT s.value AS slug,
    (SELECT max(r.score) FROM conversation_runs r WHERE r.user_id = ?1 AND r.conversation_slug = s.value
      AND r.finished_at IS NOT NULL) AS best,
    (SELECT count(*) FROM conversation_runs r WHERE r.user_id = ?1 AND r.conversation_slug = s.value
      AND r.finished_at IS NOT NULL) AS finished,
    (SELECT r.id FROM conversation_runs r WHERE r.user_id = ?1 AND r.conversation_slug = s.value
      AND r.finished_at IS NULL ORDER BY r.started_at DESC LIMIT 1) AS open_run
  FROM json_each(?2) s`;

/**
 * Per conversation the learner has played (of `slugs`): the best finished score, finished runs, the run
 * to continue. Read on every dashboard: each figure is a lookup in its partial index (migration 0019),
 * so a learner who left thousands of runs open costs what one who left none does.
 */
export async function summariesOf(
  db: Database,
  userId: string,
  slugs: readonly string[],
): Promise<Map<string, RunSummary>> {
  const rows = await readRows<{
    slug: string;
    best: number | null;
    finished: number;
    open_run: string | null;
  }>(db, SUMMARY_SQL, [userId, JSON.stringify(slugs)]);
  return new Map(
    rows
      .filter((r) => Number(r.finished) > 0 || r.open_run !== null)
      .map((r) => [
        r.slug,
        {
          slug: r.slug,
          best: r.best === null ? null : Number(r.best),
          finished: Number(r.finished),
          openRunId: r.open_run,
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
