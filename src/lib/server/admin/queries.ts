/** Admin reads: the audit log, learner search, and the figures behind code outcomes and course analytics. Plain drizzle. */
import type { Database } from '@db/client';
import {
  assessmentResults,
  auditLog,
  codeRedemptions,
  grants,
  lessonProgress,
  quizAttempts,
  sessions,
  subscriptions,
  users,
} from '@db/schema';
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  min,
  or,
  sql,
} from 'drizzle-orm';
import { union } from 'drizzle-orm/sqlite-core';

export type AuditRow = typeof auditLog.$inferSelect;

export async function auditPage(db: Database, limit: number, offset: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset);
}

export interface AuditPerson {
  id: string;
  email: string;
  displayName: string;
}

/** The accounts an audit page names (actors and targets), in one query; deleted ones are absent. */
export async function peopleByIds(db: Database, ids: readonly string[]): Promise<AuditPerson[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
}

export async function auditCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

/** `%text%` for LIKE, with the wildcards in what was typed taken literally. */
const contains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Email or name containing what was typed (LIKE is case-blind for ASCII). */
const learnerMatch = (text: string) =>
  text === ''
    ? undefined
    : or(
        sql`${users.email} LIKE ${contains(text.toLowerCase())} ESCAPE '\\'`,
        sql`${users.displayName} LIKE ${contains(text)} ESCAPE '\\'`,
      );

export interface LearnerRow {
  id: string;
  email: string;
  displayName: string;
  role: 'learner' | 'admin';
  createdAt: Date;
  emailVerifiedAt: Date | null;
}

const learnerColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  createdAt: users.createdAt,
  emailVerifiedAt: users.emailVerifiedAt,
};

export async function searchLearners(
  db: Database,
  text: string,
  limit: number,
  offset: number,
): Promise<LearnerRow[]> {
  return db
    .select(learnerColumns)
    .from(users)
    .where(learnerMatch(text))
    .orderBy(desc(users.createdAt), asc(users.id))
    .limit(limit)
    .offset(offset);
}

export async function countLearners(db: Database, text: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(learnerMatch(text));
  return row?.n ?? 0;
}

export async function findLearner(db: Database, id: string): Promise<LearnerRow | null> {
  const [row] = await db.select(learnerColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function liveSessionCount(db: Database, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
  return row?.n ?? 0;
}

// ── Code outcomes ──

export async function allRedemptions(db: Database) {
  return db
    .select({ code: codeRedemptions.code, userId: codeRedemptions.userId, at: codeRedemptions.redeemedAt })
    .from(codeRedemptions);
}

export interface SubscriptionFacts {
  id: string;
  userId: string;
  code: string | null;
  status: string;
  trialStart: Date | null;
  trialEnd: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  /** Refused by this site (a second trial or membership): it gave no trial. */
  refused: boolean;
}

export async function allSubscriptions(db: Database): Promise<SubscriptionFacts[]> {
  return db
    .select({
      id: subscriptions.id,
      userId: subscriptions.userId,
      code: subscriptions.code,
      status: subscriptions.status,
      trialStart: subscriptions.trialStart,
      trialEnd: subscriptions.trialEnd,
      endedAt: subscriptions.endedAt,
      createdAt: subscriptions.createdAt,
      refused: sql<boolean>`${subscriptions.refused} IS NOT NULL`.mapWith(Boolean),
    })
    .from(subscriptions);
}

/** Each person's first trial grant (local trial or trial code). */
export async function firstTrials(db: Database): Promise<{ userId: string; at: number }[]> {
  return db
    .select({ userId: grants.userId, at: sql<number>`min(${grants.startsAt})` })
    .from(grants)
    .where(eq(grants.source, 'trial'))
    .groupBy(grants.userId);
}

export interface ResultFacts {
  userId: string;
  createdAt: Date;
  trustIndex: number;
  scores: string;
  /** The assessment version: element figures compare results only within one. */
  version: number;
}

/** Every assessment result, oldest first (results are few next to progress rows). */
export async function allResults(db: Database): Promise<ResultFacts[]> {
  return db
    .select({
      userId: assessmentResults.userId,
      createdAt: assessmentResults.createdAt,
      trustIndex: assessmentResults.trustIndex,
      scores: assessmentResults.scores,
      version: assessmentResults.version,
    })
    .from(assessmentResults)
    .orderBy(asc(assessmentResults.createdAt));
}

// ── Course analytics ──

export interface LessonStats {
  slug: string;
  started: number;
  read: number;
  passed: number;
  averageScore: number | null;
}

export async function lessonStats(db: Database): Promise<LessonStats[]> {
  return db
    .select({
      slug: lessonProgress.lessonSlug,
      started: count(),
      read: count(lessonProgress.readAt),
      passed: count(lessonProgress.quizPassedAt),
      averageScore: sql<number | null>`avg(${lessonProgress.bestScore})`,
    })
    .from(lessonProgress)
    .groupBy(lessonProgress.lessonSlug);
}

/** The answers of a lesson's latest whole-quiz attempts (retakes keep earlier right answers, so they are left out). */
export async function latestWholeAttempts(db: Database, slug: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ answers: quizAttempts.answers })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.lessonSlug, slug), isNull(quizAttempts.retakeOf)))
    .orderBy(desc(quizAttempts.createdAt))
    .limit(limit);
  return rows.map((r) => r.answers);
}

export interface SignUpFacts {
  userId: string;
  signedUpAt: Date;
  assessedAt: Date | null;
}

/**
 * People who signed up since `from`, with their first assessment. A join, not a correlated subquery:
 * drizzle writes a single-table select's columns unqualified, so a subquery's `user_id = id` compared
 * the results table with itself and counted no one.
 */
/**
 * What counts as a sign-up in every figure and the funnel: a learner's account. An operator's admin
 * account (`npm run admin -- create-admin`, or a learner promoted to admin) is staff, not a customer.
 */
const learnerAccount = eq(users.role, 'learner');

export async function signUpsSince(db: Database, from: Date): Promise<SignUpFacts[]> {
  return db
    .select({
      userId: users.id,
      signedUpAt: users.createdAt,
      assessedAt: min(assessmentResults.createdAt),
    })
    .from(users)
    .leftJoin(assessmentResults, eq(assessmentResults.userId, users.id))
    .where(and(gte(users.createdAt, from), learnerAccount))
    .groupBy(users.id);
}

// ── Overview figures: one indexed count each ──

export async function signUpsBetween(db: Database, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(gte(users.createdAt, from), lt(users.createdAt, to), learnerAccount));
  return row?.n ?? 0;
}

/** People holding a membership grant at `now`: every source of membership is reduced to grants. */
export async function membersAt(db: Database, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(grants.userId) })
    .from(grants)
    .where(
      and(
        eq(grants.product, 'membership'),
        or(isNull(grants.endsAt), gt(grants.endsAt, now)),
        lte(grants.startsAt, now),
      ),
    );
  return row?.n ?? 0;
}

/** People whose membership trial (a local trial grant or a Stripe trial) ends in [from, to). */
export async function trialsEndingBetween(db: Database, from: Date, to: Date): Promise<number> {
  const local = db
    .select({ userId: grants.userId })
    .from(grants)
    .where(
      and(
        eq(grants.product, 'membership'),
        eq(grants.source, 'trial'),
        gte(grants.endsAt, from),
        lt(grants.endsAt, to),
      ),
    );
  const stripe = db
    .select({ userId: subscriptions.userId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.status, 'trialing'),
        isNull(subscriptions.refused),
        gte(subscriptions.trialEnd, from),
        lt(subscriptions.trialEnd, to),
      ),
    );
  const people = await union(local, stripe);
  return people.length;
}

export async function assessmentsBetween(db: Database, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(assessmentResults)
    .where(and(gte(assessmentResults.createdAt, from), lt(assessmentResults.createdAt, to)));
  return row?.n ?? 0;
}

const DAY = 86_400_000;

export interface OverviewFigures {
  signUps7: number;
  signUps30: number;
  members: number;
  trialsEnding7: number;
  assessments7: number;
  /** The same counts one period earlier, for the change: the 7 or 30 days before, members a week ago. */
  previous: { signUps7: number; signUps30: number; members: number; assessments7: number };
}

/** Each figure is one indexed count; windows are the last (or next) whole days counted from `now`. */
export async function overviewFiguresIn(database: Database, now: Date): Promise<OverviewFigures> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const ahead = new Date(now.getTime() + 7 * DAY);
  const [signUps7, signUps30, members, trialsEnding7, assessments7, ...previous] = await Promise.all([
    signUpsBetween(database, ago(7), now),
    signUpsBetween(database, ago(30), now),
    membersAt(database, now),
    trialsEndingBetween(database, now, ahead),
    assessmentsBetween(database, ago(7), now),
    signUpsBetween(database, ago(14), ago(7)),
    signUpsBetween(database, ago(60), ago(30)),
    membersAt(database, ago(7)),
    assessmentsBetween(database, ago(14), ago(7)),
  ]);
  const [signUpsBefore7 = 0, signUpsBefore30 = 0, membersBefore = 0, assessmentsBefore7 = 0] = previous;
  return {
    signUps7,
    signUps30,
    members,
    trialsEnding7,
    assessments7,
    previous: {
      signUps7: signUpsBefore7,
      signUps30: signUpsBefore30,
      members: membersBefore,
      assessments7: assessmentsBefore7,
    },
  };
}
