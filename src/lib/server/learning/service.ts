/** Learning: visits, "mark as read", quiz submissions and certificates — the rules and transactions. */
import { type Transaction, write } from '@db/client';
import type { Course, LessonMeta } from '../../content/course';
import type { Module } from '../../content/elements';
import { PASS_SCORE } from '../../conversations/engine';
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';
import {
  type CourseProgress,
  courseProgress,
  type LessonStatus,
  lessonStatus,
  type Practice,
  weeklyStreak,
  weekStart,
} from '../../progress/progress';
import {
  type Answers,
  type Grade,
  gradeQuiz,
  missedQuestionIds,
  type Revision,
  revisionSince,
} from '../../quiz/grading';
import type { QuizFile } from '../../quiz/schema';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { addToDeck } from '../boosters/service';
import { getCourse, getQuiz, quizSlugs } from '../content/service';
import { conversationsByModule } from '../conversations/content';
import { allRuns, passedConversations } from '../conversations/queries';
import { config } from '../platform/config';
import { db } from '../platform/db';
import * as q from './queries';

export type { AttemptRow, AttemptSummary, CertificateRow } from './queries';

/** Visits within this window are one visit: a reader reloading a page writes nothing. */
const VISIT_WINDOW_MS = 10 * 60_000;
/** When each learner last opened each lesson, as far as this process saw; losing an entry costs one write. */
const lastVisits = new BoundedCache<string, number>({
  name: 'lesson-visits',
  maxBytes: 4 * 1024 * 1024,
  maxEntryBytes: 1024,
  sizeOf: (_, key) => ENTRY_OVERHEAD_BYTES + stringBytes(key) + 8,
});

/**
 * Records that a learner opened a lesson they may read ("started", and "continue where you left off").
 * Runs while a lesson page is served, so repeated opens within a few minutes cost no write. Returns
 * whether it wrote.
 */
export async function recordVisit(userId: string, slug: string, now: Date): Promise<boolean> {
  const key = `${userId} ${slug}`;
  const last = lastVisits.get(key);
  if (last !== undefined && now.getTime() - last < VISIT_WINDOW_MS) return false;
  lastVisits.set(key, now.getTime());
  await write(await db(), (tx) => q.saveProgress(tx, userId, slug, now, {}));
  return true;
}

/** Conversation practice as progress counts it (decision 022), read with `reader` (a transaction sees its own writes). */
async function practiceOf(
  reader: Parameters<typeof passedConversations>[0],
  userId: string,
): Promise<Practice> {
  const [conversations, passed] = await Promise.all([
    conversationsByModule(),
    passedConversations(reader, userId, PASS_SCORE),
  ]);
  return { conversations, passed };
}

/**
 * After a change that may have completed `module` (a lesson completed, or a practice conversation
 * passed, just now), issues the certificates that this can earn: the module's, and the course's. Only a
 * completing change calls this, so most writes skip it entirely.
 */
export async function issueModuleCertificates(
  tx: Transaction,
  user: SessionUser,
  module: Module,
  now: Date,
): Promise<string[]> {
  const [course, withQuiz] = await Promise.all([getCourse(), quizSlugs()]);
  const rows = await q.readProgressInTx(tx, user.id);
  const practice = await practiceOf(tx, user.id);
  const progress = courseProgress(course, rows, (s) => withQuiz.has(s), practice);
  const scopes: string[] = progress.completedModules.includes(module) ? [module] : [];
  if (progress.courseComplete) scopes.push('course');
  const issued: string[] = [];
  for (const scope of scopes) {
    const fresh = await q.insertCertificate(tx, {
      id: newId(),
      userId: user.id,
      scope,
      recipientName: user.displayName,
      issuedAt: now,
    });
    if (fresh) issued.push(scope);
  }
  return issued;
}

/** The certificates completing lesson `slug` can earn (see `issueModuleCertificates`). */
async function issueCertificates(
  tx: Transaction,
  user: SessionUser,
  course: Course,
  slug: string,
  now: Date,
): Promise<string[]> {
  const lesson = course.bySlug.get(slug);
  return lesson ? issueModuleCertificates(tx, user, lesson.module, now) : [];
}

/** Whether a saved change completed the lesson just now (see `saveProgress`). */
function completedNow(
  saved: { readAt: Date | null; quizPassedAt: Date | null },
  hasQuiz: boolean,
  now: Date,
): boolean {
  const at = now.getTime();
  if (saved.readAt === null) return false;
  if (!hasQuiz) return saved.readAt.getTime() === at;
  if (saved.quizPassedAt === null) return false;
  return saved.readAt.getTime() === at || saved.quizPassedAt.getTime() === at;
}

export async function markRead(
  user: SessionUser,
  slug: string,
  now: Date,
): Promise<{ certificates: string[] }> {
  const [course, withQuiz] = await Promise.all([getCourse(), quizSlugs()]);
  return write(await db(), async (tx) => {
    const saved = await q.saveProgress(tx, user.id, slug, now, { read: true });
    const earned = completedNow(saved, withQuiz.has(slug), now)
      ? await issueCertificates(tx, user, course, slug, now)
      : [];
    return { certificates: earned };
  });
}

export interface Submission {
  slug: string;
  /** The form's one-time id. */
  submissionId: string;
  /** Answers to the questions the form asked. */
  answers: Answers;
  /** "Retake only what I missed": the attempt whose right answers are kept. */
  retakeOf: string | null;
}

export type SubmitResult =
  | { kind: 'graded'; attemptId: string; grade: Grade; certificates: string[] }
  | { kind: 'bad-request'; message: string };

/**
 * The answers a "retake only what I missed" form keeps from the attempt it retakes: the right ones, to
 * questions the quiz still has (answers to questions replaced since are not carried forward).
 */
export function keptAnswers(quiz: QuizFile, base: q.AttemptRow): Answers {
  const answers = JSON.parse(base.answers) as Answers;
  const missed = new Set(missedQuestionIds(gradeQuiz(quiz, answers)));
  const current = new Set(quiz.questions.map((question) => question.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => current.has(id) && !missed.has(id)));
}

/**
 * Grades a submission and stores the attempt, the best score and any certificate it earns, in one
 * transaction. The same submission id again (a double click, a retried POST, 20 at once) finds the
 * attempt already stored — the unique (user, submission) index decides, across processes too — and
 * returns it: graded once.
 */
export async function submitQuiz(
  user: SessionUser,
  submission: Submission,
  now: Date,
): Promise<SubmitResult> {
  const quiz = await getQuiz(submission.slug);
  if (!quiz) return { kind: 'bad-request', message: 'That lesson has no quiz.' };
  const course = await getCourse();
  return write(await db(), async (tx): Promise<SubmitResult> => {
    let answers = submission.answers;
    if (submission.retakeOf !== null) {
      const base = await q.findOwnAttempt(tx, user.id, submission.slug, submission.retakeOf);
      if (!base) return { kind: 'bad-request', message: 'The attempt you are retaking was not found.' };
      answers = { ...keptAnswers(quiz, base), ...submission.answers };
    }
    const missing = quiz.questions.filter((question) => !answers[question.id]?.length);
    if (missing.length > 0) return { kind: 'bad-request', message: 'Some questions were not answered.' };
    const grade = gradeQuiz(quiz, answers);
    const attemptId = newId();
    const stored = await q.insertAttempt(tx, {
      id: attemptId,
      userId: user.id,
      lessonSlug: submission.slug,
      submissionId: submission.submissionId,
      answers: JSON.stringify(answers),
      score: grade.score,
      passed: grade.passed,
      retakeOf: submission.retakeOf,
      createdAt: now,
    });
    if (!stored) {
      // This submission was graded before: answer with that attempt, change nothing.
      const existing = await q.findAttemptBySubmission(tx, user.id, submission.submissionId);
      if (!existing || existing.lessonSlug !== submission.slug) {
        return { kind: 'bad-request', message: 'That form was for another quiz.' };
      }
      const first = gradeQuiz(quiz, JSON.parse(existing.answers) as Answers);
      return { kind: 'graded', attemptId: existing.id, grade: first, certificates: [] };
    }
    const saved = await q.saveProgress(tx, user.id, submission.slug, now, {
      score: { score: grade.score, passed: grade.passed },
    });
    // A pass puts the quiz's questions in the learner's booster deck (questions already there keep their schedule).
    if (grade.passed) {
      const items = grade.questions.map((r) => ({
        kind: 'quiz-question' as const,
        source: submission.slug,
        ref: r.questionId,
        correct: r.correct,
      }));
      await addToDeck(tx, user.id, items, now);
    }
    const earned = completedNow(saved, true, now)
      ? await issueCertificates(tx, user, course, submission.slug, now)
      : [];
    return { kind: 'graded', attemptId, grade, certificates: earned };
  });
}

export interface AttemptView {
  attempt: q.AttemptRow;
  answers: Answers;
  /** Today's quiz graded against the stored answers: what "retake only what I missed" asks again. */
  grade: Grade;
  /** Seeds the option order this attempt showed, and that a retake of its misses shows again. */
  orderSeed: string;
  /** How the quiz changed since the attempt (questions replaced by a content revision). */
  revision: Revision;
}

/**
 * An attempt of this user at this lesson's quiz, graded again from its stored answers; null if not
 * theirs. Its option order is that of the whole-quiz attempt it descends from, so every retake of the
 * misses shows the options where the learner first saw them.
 */
export async function getAttempt(
  userId: string,
  slug: string,
  attemptId: string,
): Promise<AttemptView | null> {
  const quiz = await getQuiz(slug);
  if (!quiz || !/^[a-z2-7]{26}$/.test(attemptId)) return null;
  const database = await db();
  const attempt = await q.findOwnAttempt(database, userId, slug, attemptId);
  if (!attempt) return null;
  const answers = JSON.parse(attempt.answers) as Answers;
  const orderSeed = (await q.chainRootSubmission(database, userId, attempt.id)) ?? attempt.submissionId;
  return {
    attempt,
    answers,
    grade: gradeQuiz(quiz, answers),
    orderSeed,
    revision: revisionSince(quiz, answers),
  };
}

export interface Dashboard {
  progress: CourseProgress;
  /** Whether the learner has opened any lesson yet. */
  started: boolean;
  recentAttempts: q.AttemptSummary[];
  streak: number;
  certificates: q.CertificateRow[];
}

/** Everything "My learning" shows, from one read. */
export async function dashboardOf(userId: string, now: Date): Promise<Dashboard> {
  const database = await db();
  const [course, withQuiz, data, practice] = await Promise.all([
    getCourse(),
    quizSlugs(),
    q.readDashboard(database, userId),
    practiceOf(database, userId),
  ]);
  // Activity: lessons opened and read, and one date for each week with a quiz.
  const activity = [
    ...data.progress.flatMap((r) => [r.startedAt, r.lastSeenAt, ...(r.readAt ? [r.readAt] : [])]),
    ...data.attemptWeeks.map(weekStart),
  ];
  return {
    progress: courseProgress(course, data.progress, (slug) => withQuiz.has(slug), practice),
    started: data.progress.length > 0,
    recentAttempts: data.recentAttempts,
    streak: weeklyStreak(activity, now),
    certificates: data.certificates,
  };
}

/**
 * Each lesson's status for this learner, from one progress read: for pages that only mark lessons done
 * (the assessment result's learning path), without the dashboard's streak, attempts and certificates.
 */
export async function lessonStatusesOf(userId: string): Promise<Map<string, LessonStatus>> {
  const [withQuiz, rows] = await Promise.all([quizSlugs(), q.readProgress(await db(), userId)]);
  return new Map(rows.map((r) => [r.lessonSlug, lessonStatus(r, withQuiz.has(r.lessonSlug))]));
}

/**
 * The lesson "continue" means for this learner — the last one opened and not complete, else the next in
 * course order; null when the course is done. For the pages that end a journey (trial started, email
 * confirmed) and offer the way back into the course.
 */
export async function continueLessonOf(userId: string, now: Date): Promise<LessonMeta | null> {
  return (await dashboardOf(userId, now)).progress.continueWith;
}

/** A certificate by its public verification id; null when there is none. */
export async function verifyCertificate(id: string): Promise<q.CertificateRow | null> {
  if (!/^[a-z2-7]{26}$/.test(id)) return null;
  return q.findCertificate(await db(), id);
}

/** Whether a certificate id once verified, before its holder deleted their account. */
export async function certificateWithdrawn(id: string): Promise<boolean> {
  if (!/^[a-z2-7]{26}$/.test(id)) return false;
  return q.isWithdrawnCertificate(await db(), id);
}

/** Everything learning stores about a person, for "download my data". */
export async function learningData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const [progress, attempts, certificates, runs] = await Promise.all([
    q.readProgress(database, userId),
    q.allAttempts(database, userId),
    q.certificatesOf(database, userId),
    allRuns(database, userId),
  ]);
  return {
    lessonProgress: progress,
    quizAttempts: attempts.map(({ userId: _owner, answers, ...rest }) => ({
      ...rest,
      answers: JSON.parse(answers),
    })),
    certificates: certificates.map(({ userId: _owner, ...rest }) => rest),
    conversationRuns: runs.map(({ userId: _owner, submissionId: _form, choices, ...rest }) => ({
      ...rest,
      choices: JSON.parse(choices),
    })),
  };
}

/** A certificate's public verification page, on the site's own address (SITE_URL). */
export function certificateUrl(id: string): URL {
  return new URL(`/certificates/${id}`, config.siteUrl);
}
