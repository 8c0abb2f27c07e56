/** Figures for the admin: code outcomes, per-lesson and per-question course statistics, assessment elements, the funnel. */

import { type FunnelWeek, funnelByWeek, mean, weekStart } from '../../admin/funnel';
import { type CodeOutcome, codeOutcomes, type PersonFacts } from '../../admin/outcomes';
import { hasPaid } from '../../admin/paying';
import type { ElementRow, LessonRow, QuestionRow } from '../../admin/tables';
import { CURRENT_VERSION, SCALES } from '../../assessment/schema';
import type { ScaleScores } from '../../assessment/scoring';
import { firstTrialAt } from '../../billing/trials';
import { type Answers, gradeQuiz } from '../../quiz/grading';
import { getCourse, getQuiz } from '../content/service';
import { db } from '../platform/db';
import * as q from './queries';

/** When the person's first trial began, by the one definition (trials.ts): their trial grant or a subscription's. */
function trialStartOf(firstGrant: Date | undefined, subs: readonly q.SubscriptionFacts[]): Date | null {
  return firstTrialAt([
    ...(firstGrant ? [{ kind: 'grant' as const, source: 'trial', startsAt: firstGrant }] : []),
    ...subs.map((s) => ({
      kind: 'subscription' as const,
      id: s.id,
      trialStart: s.trialStart,
      refused: s.refused,
    })),
  ]);
}

const byUser = <T extends { userId: string }>(rows: readonly T[]): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row]);
  return map;
};

/** The outcome of every code, in the order given. */
export async function outcomesOf(codes: readonly string[]): Promise<CodeOutcome[]> {
  const database = await db();
  const [redemptions, subscriptions, trials, results] = await Promise.all([
    q.allRedemptions(database),
    q.allSubscriptions(database),
    q.firstTrials(database),
    q.allResults(database),
  ]);
  const uses = [
    ...redemptions.map((r) => ({ code: r.code, userId: r.userId, at: r.at })),
    ...subscriptions.flatMap((s) => (s.code ? [{ code: s.code, userId: s.userId, at: s.createdAt }] : [])),
  ];
  const subsOf = byUser(subscriptions);
  const resultsOf = byUser(results);
  const trialOf = new Map(trials.map((t) => [t.userId, new Date(Number(t.at))]));
  const facts = (userId: string): PersonFacts => {
    const subs = subsOf.get(userId) ?? [];
    return {
      results: resultsOf.get(userId) ?? [],
      trialAt: trialStartOf(trialOf.get(userId), subs),
      subscriptions: subs,
    };
  };
  return codeOutcomes(codes, uses, facts);
}

export async function lessonTable(): Promise<LessonRow[]> {
  const [course, stats] = await Promise.all([getCourse(), q.lessonStats(await db())]);
  const bySlug = new Map(stats.map((s) => [s.slug, s]));
  return course.lessons.map((l) => {
    const s = bySlug.get(l.slug);
    return {
      slug: l.slug,
      title: l.title,
      started: s?.started ?? 0,
      read: s?.read ?? 0,
      passed: s?.passed ?? 0,
      averageScore: s?.averageScore ?? null,
    };
  });
}

/** How many of each lesson's latest whole-quiz attempts the question figures are drawn from. */
export const ATTEMPTS_PER_QUIZ = 1000;

/** Per question, how many of the latest whole attempts got it fully right: hard or unclear questions show up low. */
export async function questionTable(): Promise<QuestionRow[]> {
  const database = await db();
  const course = await getCourse();
  const rows: QuestionRow[] = [];
  for (const lesson of course.lessons) {
    const quiz = await getQuiz(lesson.slug);
    if (!quiz) continue;
    const attempts = await q.latestWholeAttempts(database, lesson.slug, ATTEMPTS_PER_QUIZ);
    const right = new Map<string, number>();
    for (const json of attempts) {
      for (const r of gradeQuiz(quiz, JSON.parse(json) as Answers).questions)
        if (r.correct) right.set(r.questionId, (right.get(r.questionId) ?? 0) + 1);
    }
    for (const question of quiz.questions) {
      rows.push({
        lesson: lesson.slug,
        questionId: question.id,
        prompt: question.prompt,
        answered: attempts.length,
        right: right.get(question.id) ?? 0,
      });
    }
  }
  return rows;
}

/** Element figures from results of the current assessment version only (scores of versions don't line up). */
export async function elementTable(): Promise<ElementRow[]> {
  const perUser = byUser((await q.allResults(await db())).filter((r) => r.version === CURRENT_VERSION));
  const firsts: { scores: ScaleScores; index: number }[] = [];
  const pairs: { first: ScaleScores; last: ScaleScores; change: number }[] = [];
  for (const results of perUser.values()) {
    const first = results[0];
    const last = results[results.length - 1];
    if (!first || !last) continue;
    const firstScores = JSON.parse(first.scores) as ScaleScores;
    firsts.push({ scores: firstScores, index: first.trustIndex });
    if (results.length >= 2)
      pairs.push({
        first: firstScores,
        last: JSON.parse(last.scores) as ScaleScores,
        change: last.trustIndex - first.trustIndex,
      });
  }
  const scaleRows = SCALES.map((scale) => ({
    scale,
    average: mean(firsts.map((f) => f.scores[scale])),
    people: firsts.length,
    change: mean(pairs.map((p) => p.last[scale] - p.first[scale])),
    retook: pairs.length,
  }));
  return [
    ...scaleRows,
    {
      scale: 'trust-index' as const,
      average: mean(firsts.map((f) => f.index)),
      people: firsts.length,
      change: mean(pairs.map((p) => p.change)),
      retook: pairs.length,
    },
  ];
}

export const FUNNEL_WEEKS = 12;

/** People who signed up in each of the last `FUNNEL_WEEKS` ISO weeks, and how far they have come. */
export async function funnelTable(now: Date): Promise<FunnelWeek[]> {
  const from = new Date(weekStart(now).getTime() - (FUNNEL_WEEKS - 1) * 7 * 86_400_000);
  const database = await db();
  const [signUps, trials, subscriptions] = await Promise.all([
    q.signUpsSince(database, from),
    q.firstTrials(database),
    q.allSubscriptions(database),
  ]);
  const trialOf = new Map(trials.map((t) => [t.userId, new Date(Number(t.at))]));
  const subsOf = byUser(subscriptions);
  const journeys = signUps.map((u) => {
    const subs = subsOf.get(u.userId) ?? [];
    const trial = trialStartOf(trialOf.get(u.userId), subs);
    const paid = subs.filter(hasPaid).map((s) => s.createdAt.getTime());
    return {
      signedUpAt: u.signedUpAt,
      assessedAt: u.assessedAt,
      trialAt: trial,
      paidAt: paid.length > 0 ? new Date(Math.min(...paid)) : null,
    };
  });
  return funnelByWeek(journeys, from, now);
}
