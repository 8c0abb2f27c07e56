/** Learning queries: plain reads and writes of progress, attempts and certificates. */
import { type Database, hotRead, type Transaction } from '@db/client';
import { certificates, lessonProgress, quizAttempts } from '@db/schema';
import { and, desc, eq, sql } from 'drizzle-orm';
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

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Every progress row of a learner (at most one per lesson). Read on every lesson page a learner opens. */
export async function readProgress(db: Reader, userId: string): Promise<LessonProgress[]> {
  const statement = hotRead(db as Database, PROGRESS_SQL);
  if (statement) {
    return (statement.all(userId) as ProgressRow[]).map((r) => ({
      lessonSlug: r.lesson_slug,
      startedAt: new Date(r.started_at),
      lastSeenAt: new Date(r.last_seen_at),
      readAt: date(r.read_at),
      bestScore: r.best_score,
      quizPassedAt: date(r.quiz_passed_at),
    }));
  }
  return db
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

/** Creates the row on first visit; later visits only move `last_seen_at`. */
export async function touchProgress(tx: Transaction, userId: string, slug: string, now: Date): Promise<void> {
  await tx
    .insert(lessonProgress)
    .values({ userId, lessonSlug: slug, startedAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.lessonSlug],
      set: { lastSeenAt: now },
    });
}

export async function setRead(tx: Transaction, userId: string, slug: string, now: Date): Promise<void> {
  await tx
    .update(lessonProgress)
    .set({ readAt: sql`coalesce(${lessonProgress.readAt}, ${now.getTime()})` })
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonSlug, slug)));
}

export async function recordScore(
  tx: Transaction,
  userId: string,
  slug: string,
  score: number,
  passed: boolean,
  now: Date,
): Promise<void> {
  await tx
    .update(lessonProgress)
    .set({
      bestScore: sql`max(coalesce(${lessonProgress.bestScore}, 0), ${score})`,
      ...(passed ? { quizPassedAt: sql`coalesce(${lessonProgress.quizPassedAt}, ${now.getTime()})` } : {}),
    })
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonSlug, slug)));
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

export async function recentAttempts(db: Reader, userId: string, limit: number): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId))
    .orderBy(desc(quizAttempts.createdAt))
    .limit(limit);
}

export async function attemptDates(db: Reader, userId: string): Promise<Date[]> {
  const rows = await db
    .select({ at: quizAttempts.createdAt })
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId));
  return rows.map((r) => r.at);
}

export async function allAttempts(db: Reader, userId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId))
    .orderBy(quizAttempts.createdAt);
}

export type CertificateRow = typeof certificates.$inferSelect;

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
