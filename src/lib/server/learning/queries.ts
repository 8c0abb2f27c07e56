/** Learning queries: plain reads and writes of progress, attempts and certificates. */
import { type Database, readRows, type Transaction } from '@db/client';
import { certificates, lessonProgress, quizAttempts, withdrawnCertificates } from '@db/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { LessonProgress } from '../../progress/progress';

type Reader = Database | Transaction;

const PROGRESS_SQL = `SELECT lesson_slug, started_at, last_seen_at, read_at, best_score, quiz_passed_at
  FROM lesson_progress WHERE user_id = ?`;

interface ProgressRow {
  lesson_slug: string;
  started_at: number;
  last_seen_at: number;
  read_at: number | null;
  best_score: number | null;
  quiz_passed_at: number | null;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(Number(ms)));

const toProgress = (r: ProgressRow): LessonProgress => ({
  lessonSlug: r.lesson_slug,
  startedAt: new Date(Number(r.started_at)),
  lastSeenAt: new Date(Number(r.last_seen_at)),
  readAt: date(r.read_at),
  bestScore: r.best_score === null ? null : Number(r.best_score),
  quizPassedAt: date(r.quiz_passed_at),
});

/** Every progress row of a learner (at most one per lesson). */
export async function readProgress(db: Database, userId: string): Promise<LessonProgress[]> {
  return (await readRows<ProgressRow>(db, PROGRESS_SQL, [userId])).map(toProgress);
}

export interface AttemptSummary {
  id: string;
  lessonSlug: string;
  score: number;
  passed: boolean;
  createdAt: Date;
}

/** Inside a transaction the hot reader would not see the transaction's own writes: always drizzle. */
export async function readProgressInTx(tx: Transaction, userId: string): Promise<LessonProgress[]> {
  return tx
    .select({
      lessonSlug: lessonProgress.lessonSlug,
      startedAt: lessonProgress.startedAt,
      lastSeenAt: lessonProgress.lastSeenAt,
      readAt: lessonProgress.readAt,
      bestScore: lessonProgress.bestScore,
      quizPassedAt: lessonProgress.quizPassedAt,
    })
    .from(lessonProgress)
    .where(eq(lessonProgress.userId, userId));
}

export interface ProgressChange {
  /** The learner marked the lesson read. */
  read?: true;
  /** A graded attempt. */
  score?: { score: number; passed: boolean };
}

/**
 * Records a change to a learner's progress on a lesson in one statement (creating the row on the first
 * visit; an empty change just moves `last_seen_at`) and returns when the lesson was read and its quiz
 * first passed. Earlier times are kept, so a value equal to `now` means this change set it.
 */
export async function saveProgress(
  tx: Transaction,
  userId: string,
  slug: string,
  now: Date,
  change: ProgressChange,
): Promise<{ readAt: Date | null; quizPassedAt: Date | null }> {
  const passed = change.score?.passed === true;
  const [row] = await tx
    .insert(lessonProgress)
    .values({
      userId,
      lessonSlug: slug,
      startedAt: now,
      lastSeenAt: now,
      readAt: change.read ? now : null,
      bestScore: change.score?.score ?? null,
      quizPassedAt: passed ? now : null,
    })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonSlug],
      set: {
        lastSeenAt: now,
        ...(change.read ? { readAt: sql`coalesce(${lessonProgress.readAt}, ${now.getTime()})` } : {}),
        ...(change.score
          ? { bestScore: sql`max(coalesce(${lessonProgress.bestScore}, 0), ${change.score.score})` }
          : {}),
        ...(passed ? { quizPassedAt: sql`coalesce(${lessonProgress.quizPassedAt}, ${now.getTime()})` } : {}),
      },
    })
    .returning({ readAt: lessonProgress.readAt, quizPassedAt: lessonProgress.quizPassedAt });
  return { readAt: row?.readAt ?? null, quizPassedAt: row?.quizPassedAt ?? null };
}

export type AttemptRow = typeof quizAttempts.$inferSelect;

export async function findAttemptBySubmission(
  tx: Reader,
  userId: string,
  submissionId: string,
): Promise<AttemptRow | null> {
  const [row] = await tx
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.submissionId, submissionId)));
  return row ?? null;
}

export async function insertAttempt(
  tx: Transaction,
  attempt: typeof quizAttempts.$inferInsert,
): Promise<boolean> {
  const inserted = await tx
    .insert(quizAttempts)
    .values(attempt)
    .onConflictDoNothing({ target: [quizAttempts.userId, quizAttempts.submissionId] })
    .returning({ id: quizAttempts.id });
  return inserted.length > 0;
}

/** An attempt only if it belongs to this user and lesson. */
export async function findOwnAttempt(
  db: Reader,
  userId: string,
  slug: string,
  attemptId: string,
): Promise<AttemptRow | null> {
  const [row] = await db
    .select()
    .from(quizAttempts)
    .where(
      and(eq(quizAttempts.id, attemptId), eq(quizAttempts.userId, userId), eq(quizAttempts.lessonSlug, slug)),
    );
  return row ?? null;
}

/**
 * The submission id of the whole-quiz attempt that `attemptId` descends from through "retake only what
 * I missed" (itself for a whole attempt): the seed of the option order the whole chain shows.
 */
const CHAIN_ROOT_SQL = `
  WITH RECURSIVE chain(retake_of, submission_id, depth) AS (
    SELECT retake_of, submission_id, 0 FROM quiz_attempts WHERE id = ?1 AND user_id = ?2
    UNION ALL
    SELECT a.retake_of, a.submission_id, c.depth + 1
      FROM quiz_attempts a JOIN chain c ON a.id = c.retake_of AND a.user_id = ?2
      WHERE c.depth < 10000
  )
  SELECT submission_id FROM chain ORDER BY depth DESC LIMIT 1`;

export async function chainRootSubmission(
  db: Database,
  userId: string,
  attemptId: string,
): Promise<string | null> {
  const [row] = await readRows<{ submission_id: string }>(db, CHAIN_ROOT_SQL, [attemptId, userId]);
  return row ? String(row.submission_id) : null;
}

export async function allAttempts(db: Reader, userId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId))
    .orderBy(quizAttempts.createdAt);
}

export type CertificateRow = typeof certificates.$inferSelect;

/**
 * Everything the dashboard shows, in one statement (one read transaction instead of four): progress rows
 * (`p`), the five latest attempts (`a`), the weeks with a quiz (`w`) and certificates (`c`).
 */
/**
 * The weeks with a quiz attempt, newest first, at most 520 (ten years). A skip scan down the
 * (user_id, created_at) index: each step seeks the latest attempt before the week found last, so the cost
 * is one index seek per distinct week, not one row per attempt (a learner with 10,000 attempts read them
 * all, 3.7 ms a dashboard). Week n starts at n × 7 days − 3 days (Monday 00:00 UTC), as `weekIndex` says.
 */
const DASHBOARD_SQL = `
  WITH RECURSIVE weeks(week) AS (
    SELECT (MAX(created_at) + 259200000) / 604800000 FROM quiz_attempts WHERE user_id = ?1
    UNION ALL
    SELECT (SELECT (MAX(created_at) + 259200000) / 604800000 FROM quiz_attempts
             WHERE user_id = ?1 AND created_at < weeks.week * 604800000 - 259200000)
      FROM weeks WHERE weeks.week IS NOT NULL
    LIMIT 520
  )
  SELECT 'p' AS kind, lesson_slug AS a, started_at AS b, last_seen_at AS c, read_at AS d, best_score AS e, quiz_passed_at AS f
    FROM lesson_progress WHERE user_id = ?1
  UNION ALL SELECT * FROM (SELECT 'a', id, lesson_slug, score, passed, created_at, NULL
    FROM quiz_attempts WHERE user_id = ?1 ORDER BY created_at DESC LIMIT 5)
  UNION ALL SELECT 'w', NULL, week, NULL, NULL, NULL, NULL FROM weeks WHERE week IS NOT NULL
  UNION ALL SELECT 'c', id, scope, recipient_name, issued_at, NULL, NULL FROM certificates WHERE user_id = ?1`;

type DashboardRow = {
  kind: 'p' | 'a' | 'w' | 'c';
  a: string | null;
  b: string | number | null;
  c: string | number | null;
  d: number | null;
  e: number | null;
  f: number | null;
};

export interface DashboardData {
  progress: LessonProgress[];
  recentAttempts: AttemptSummary[];
  attemptWeeks: number[];
  certificates: CertificateRow[];
}

export async function readDashboard(db: Database, userId: string): Promise<DashboardData> {
  const data: DashboardData = { progress: [], recentAttempts: [], attemptWeeks: [], certificates: [] };
  for (const r of await readRows<DashboardRow>(db, DASHBOARD_SQL, [userId])) {
    if (r.kind === 'p') {
      data.progress.push(
        toProgress({
          lesson_slug: String(r.a),
          started_at: Number(r.b),
          last_seen_at: Number(r.c),
          read_at: r.d,
          best_score: r.e,
          quiz_passed_at: r.f,
        }),
      );
    } else if (r.kind === 'a') {
      data.recentAttempts.push({
        id: String(r.a),
        lessonSlug: String(r.b),
        score: Number(r.c),
        passed: Number(r.d) === 1,
        createdAt: new Date(Number(r.e)),
      });
    } else if (r.kind === 'w') {
      data.attemptWeeks.push(Number(r.b));
    } else {
      data.certificates.push({
        id: String(r.a),
        userId,
        scope: String(r.b),
        recipientName: String(r.c),
        issuedAt: new Date(Number(r.d)),
      });
    }
  }
  return data;
}

export async function certificatesOf(db: Reader, userId: string): Promise<CertificateRow[]> {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(certificates.issuedAt);
}

export async function insertCertificate(tx: Transaction, row: CertificateRow): Promise<boolean> {
  const inserted = await tx
    .insert(certificates)
    .values(row)
    .onConflictDoNothing({ target: [certificates.userId, certificates.scope] })
    .returning({ id: certificates.id });
  return inserted.length > 0;
}

export async function findCertificate(db: Reader, id: string): Promise<CertificateRow | null> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  return row ?? null;
}

/** True when the id was a certificate whose holder has since deleted their account. */
export async function isWithdrawnCertificate(db: Reader, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: withdrawnCertificates.id })
    .from(withdrawnCertificates)
    .where(eq(withdrawnCertificates.id, id));
  return row !== undefined;
}

/** Keeps only the ids of a person's certificates, so their verification links say "withdrawn". */
export async function withdrawCertificates(tx: Transaction, userId: string): Promise<void> {
  await tx
    .insert(withdrawnCertificates)
    .select(tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.userId, userId)))
    .onConflictDoNothing();
}
