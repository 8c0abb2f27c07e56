/** Trust boosters: the deck, the daily review, answers and their schedule, settings and the stop link — the rules and transactions. */
import { timingSafeEqual } from 'node:crypto';
import { type Database, write } from '@db/client';
import type { Entitlements } from '../../billing/entitlements';
import type { BoosterSummary } from '../../boosters/card-html';
import type { AnswerForm } from '../../boosters/forms';
import { SESSION_SIZES } from '../../boosters/forms';
import { type BoosterQuestion, parseItemKey } from '../../boosters/items';
import { ratingFor, retentionPercent, review } from '../../boosters/schedule';
import { type SessionPlan, todaysSession } from '../../boosters/session';
import { boosterStreakOfDays } from '../../boosters/streak';
import { lessonAccess } from '../../content/access';
import { dayBounds, formatLocal, localDayNumber } from '../../ledger/time';
import { allowsSeveral, scoreQuestion } from '../../quiz/grading';
import { shuffleOptions } from '../../quiz/shuffle';
import { newId } from '../accounts/tokens';
import { getCourse } from '../content/service';
import '../conversations/review-items';
import { settingsOf as ledgerSettingsOf } from '../ledger/service';
import { db } from '../platform/db';
import { type Asked, addToDeck, askableOf, DUE_LIMIT, memoryOf } from './deck';
import { provideLookups } from './email-loop';
import { resolveItem } from './items';
import * as q from './queries';
import { newStopKey, stopSignature } from './stop-link';

export { addToDeck };

const DAY_MS = 86_400_000;
/** How far back answers are read for the streak: a streak longer than this shows as this long. */
const STREAK_WINDOW_DAYS = 400;
const ID = /^[a-z2-7]{26}$/;

/** The learner's time zone: the one they chose for the ledger, UTC until they choose one. */
async function timeZoneOf(userId: string): Promise<string> {
  return (await ledgerSettingsOf(userId)).timeZone;
}

/** The booster for a card, when its content still exists and the learner may read the lesson it comes from. */
export async function askable(row: q.CardRow, entitlements: Entitlements): Promise<BoosterQuestion | null> {
  const question = await resolveItem(row.kind, row.source, row.ref);
  if (!question) return null;
  if (question.lessonSlug === null) return question;
  const lesson = (await getCourse()).bySlug.get(question.lessonSlug);
  return lesson && lessonAccess(lesson, entitlements) === 'full' ? question : null;
}

/** The learner's cards due by `before` that can be asked, soonest first. */
export async function askableDue(
  database: Database,
  userId: string,
  entitlements: Entitlements,
  before: Date,
): Promise<Asked[]> {
  return askableOf(await q.dueCards(database, userId, before, DUE_LIMIT), (row) =>
    askable(row, entitlements),
  );
}

/** The option order a review shows: a new deal each time the item comes back (reps moves on). */
export const orderSeedOf = (userId: string, row: Pick<q.CardRow, 'itemKey' | 'reps'>): string =>
  `${userId}:${row.itemKey}:${row.reps}`;

export interface BoosterSettings {
  sessionSize: number;
  email: boolean;
}

export async function boosterSettingsOf(userId: string): Promise<BoosterSettings> {
  const row = await q.readSettings(await db(), userId);
  return { sessionSize: row?.sessionSize ?? SESSION_SIZES.default, email: row?.email ?? false };
}

interface DayFacts {
  timeZone: string;
  answeredToday: number;
  rightToday: number;
  streak: number;
  retention: number | null;
  /** The next due date after today, among cards not retired. */
  nextDue: Date | null;
  items: number;
}

/** The day's facts, and the end of the learner's day (the due cards are the ones due before it). */
async function dayFacts(
  database: Database,
  userId: string,
  now: Date,
): Promise<{ facts: DayFacts; endOfDay: Date }> {
  const timeZone = await timeZoneOf(userId);
  const { start, end } = dayBounds(now, timeZone);
  const [cards, answers] = await Promise.all([
    q.recallOf(database, userId),
    q.answersSince(database, userId, new Date(now.getTime() - STREAK_WINDOW_DAYS * DAY_MS)),
  ]);
  let earliest: Date | null = null;
  let nextDue: Date | null = null;
  for (const card of cards) {
    if (card.retired) continue;
    if (earliest === null || card.due < earliest) earliest = card.due;
    if (card.due >= end && (nextDue === null || card.due < nextDue)) nextDue = card.due;
  }
  const today = answers.filter((a) => a.reviewedAt.getTime() >= start.getTime());
  const facts: DayFacts = {
    timeZone,
    answeredToday: today.length,
    rightToday: today.filter((a) => a.correct).length,
    streak: boosterStreakOfDays({
      today: localDayNumber(now.getTime(), timeZone),
      answers: answers.map((a) => ({
        day: localDayNumber(a.reviewedAt.getTime(), timeZone),
        dueDay: localDayNumber(a.dueBefore.getTime(), timeZone),
      })),
      earliestOpenDueDay: earliest ? localDayNumber(earliest.getTime(), timeZone) : null,
    }),
    retention: retentionPercent(cards, now),
    nextDue,
    items: cards.length,
  };
  return { facts, endOfDay: end };
}

export type ReviewPage =
  | { kind: 'empty-deck' }
  | {
      kind: 'question';
      question: BoosterQuestion;
      itemKey: string;
      reps: number;
      orderSeed: string;
      submissionId: string;
      /** 1-based place in today's session, and its size. */
      position: number;
      sessionSize: number;
    }
  /** Today's session is answered (more may be due: `moreDue`), or nothing is due at all. */
  | { kind: 'rest'; answeredToday: number; rightToday: number; moreDue: number; nextDue: string | null };

/**
 * What /review shows now: the next booster due today, until the day's session (the member's size, by
 * default 5) is answered; `extra` sessions more on request. Never a wall: one question at a time.
 */
export async function reviewPage(
  userId: string,
  entitlements: Entitlements,
  now: Date,
  extra: number,
): Promise<ReviewPage & { facts: DayFacts }> {
  const { facts, due, plan } = await todaysBoosters(userId, entitlements, now, extra);
  if (facts.items === 0) return { kind: 'empty-deck', facts };
  const next = due[0];
  if (!next || plan.ask === 0) {
    return {
      kind: 'rest',
      answeredToday: facts.answeredToday,
      rightToday: facts.rightToday,
      moreDue: due.length,
      nextDue: facts.nextDue ? formatLocal(facts.nextDue, facts.timeZone) : null,
      facts,
    };
  }
  return {
    kind: 'question',
    question: next.question,
    itemKey: next.row.itemKey,
    reps: next.row.reps,
    orderSeed: orderSeedOf(userId, next.row),
    submissionId: newId(),
    position: facts.answeredToday + 1,
    sessionSize: plan.size,
    facts,
  };
}

/**
 * Today's boosters for the dashboard and /review alike: the day's facts, the boosters due today that
 * can be asked, soonest first, and today's session (`todaysSession`: how many it still asks).
 */
async function todaysBoosters(
  userId: string,
  entitlements: Entitlements,
  now: Date,
  extra: number,
): Promise<{ facts: DayFacts; due: Asked[]; plan: SessionPlan }> {
  const database = await db();
  const [{ facts, endOfDay }, settings] = await Promise.all([
    dayFacts(database, userId, now),
    boosterSettingsOf(userId),
  ]);
  // An empty deck has nothing due: no read of the due cards.
  const due = facts.items === 0 ? [] : await askableDue(database, userId, entitlements, endOfDay);
  const plan = todaysSession({
    due: due.length,
    answeredToday: facts.answeredToday,
    sessionSize: settings.sessionSize,
    extra,
  });
  return { facts, due, plan };
}

export type AnswerResult =
  | { kind: 'answered'; reviewId: string }
  /** The item was answered from another form meanwhile, or is no longer in the deck: nothing saved. */
  | { kind: 'stale'; message: string }
  | { kind: 'invalid'; fields: Record<string, string> };

const STALE =
  'That booster was already answered (perhaps in another tab), so this answer was not counted. Here is the next one.';

/**
 * Grades one answer, moves the item's schedule as FSRS says and logs the review, in one transaction.
 * The same submission again (a double click, a retried POST) finds the review already stored: counted once.
 */
export async function answerBooster(
  userId: string,
  entitlements: Entitlements,
  input: AnswerForm,
  now: Date,
): Promise<AnswerResult> {
  const database = await db();
  const earlier = await q.findReviewBySubmission(database, userId, input.submission);
  if (earlier)
    return earlier.itemKey === input.item
      ? { kind: 'answered', reviewId: earlier.id }
      : { kind: 'stale', message: STALE };
  if (!parseItemKey(input.item)) return { kind: 'stale', message: STALE };
  const row = await q.findCard(database, userId, input.item);
  if (!row || row.retiredAt !== null || row.reps !== input.reps) return { kind: 'stale', message: STALE };
  const question = await askable(row, entitlements);
  if (!question)
    return { kind: 'stale', message: 'That booster is no longer available. Here is the next one.' };
  const known = new Set(question.options.map((o) => o.id));
  if (input.answer.some((id) => !known.has(id)) || new Set(input.answer).size !== input.answer.length) {
    return { kind: 'invalid', fields: { answer: 'Choose from the answers shown.' } };
  }
  if (input.answer.length > 1 && !allowsSeveral(question.type)) {
    return { kind: 'invalid', fields: { answer: 'Choose one answer.' } };
  }
  const correct = scoreQuestion(question, input.answer) === 1;
  const outcome = review(memoryOf(row), ratingFor(correct, input.confidence ?? null), now);
  const reviewId = newId();
  return write(database, async (tx): Promise<AnswerResult> => {
    const saved = await q.updateCard(tx, userId, row.itemKey, row.reps, {
      ...outcome.memory,
      retiredAt: outcome.retires ? now : null,
    });
    if (!saved) {
      const same = await q.findReviewBySubmission(tx, userId, input.submission);
      return same ? { kind: 'answered', reviewId: same.id } : { kind: 'stale', message: STALE };
    }
    await q.insertReview(tx, {
      id: reviewId,
      userId,
      submissionId: input.submission,
      itemKey: row.itemKey,
      kind: row.kind,
      source: row.source,
      ref: row.ref,
      chosen: JSON.stringify(input.answer),
      orderSeed: orderSeedOf(userId, row),
      correct,
      rating: ratingFor(correct, input.confidence ?? null),
      retrievability: outcome.retrievability,
      daysSinceLearned: (now.getTime() - row.addedAt.getTime()) / DAY_MS,
      dueBefore: row.due,
      dueAfter: outcome.memory.due,
      retired: outcome.retires,
      reviewedAt: now,
    });
    return { kind: 'answered', reviewId };
  });
}

export interface AnswerView {
  review: q.ReviewRow;
  question: BoosterQuestion;
  /** The options in the order the learner saw them. */
  options: BoosterQuestion['options'];
  chosen: string[];
  /** When the item comes back, in the learner's zone; null once retired. */
  nextDue: string | null;
  /** Whether another booster is waiting in today's session. */
  moreToday: boolean;
}

/** One of the learner's own answers, with the explanations; null if not theirs (or its content is gone). */
export async function answerView(
  userId: string,
  entitlements: Entitlements,
  reviewId: string,
  now: Date,
): Promise<AnswerView | null> {
  if (!ID.test(reviewId)) return null;
  const database = await db();
  const row = await q.findOwnReview(database, userId, reviewId);
  if (!row) return null;
  const question = await resolveItem(row.kind, row.source, row.ref);
  if (!question) return null;
  const [timeZone, page] = await Promise.all([timeZoneOf(userId), reviewPage(userId, entitlements, now, 0)]);
  return {
    review: row,
    question,
    options: shuffleOptions(row.orderSeed, question, question.options),
    chosen: JSON.parse(row.chosen) as string[],
    nextDue: row.retired ? null : formatLocal(row.dueAfter, timeZone),
    moreToday: page.kind === 'question',
  };
}

/** The dashboard card's figures. */
export async function boosterSummary(
  userId: string,
  entitlements: Entitlements,
  now: Date,
): Promise<BoosterSummary> {
  const { facts, plan } = await todaysBoosters(userId, entitlements, now, 0);
  return {
    items: facts.items,
    dueToday: plan.ask,
    moreDue: plan.moreDue,
    streak: facts.streak,
    retention: facts.retention,
    nextDue: facts.nextDue ? formatLocal(facts.nextDue, facts.timeZone) : null,
  };
}

/** Saves the session size and the email choice; turning the email on makes a new stop-link key. */
export async function saveBoosterSettings(
  userId: string,
  input: { sessionSize: number; email?: boolean | undefined },
  now: Date,
): Promise<{ kind: 'ok' }> {
  const database = await db();
  await write(database, async (tx) => {
    const current = await q.readSettings(tx, userId);
    const email = input.email === true;
    const stopKey = current && (current.email || !email) ? current.stopKey : newStopKey();
    await q.saveSettings(tx, { userId, sessionSize: input.sessionSize, email, stopKey, updatedAt: now });
  });
  return { kind: 'ok' };
}

/** Whether a stop link is genuine (signed with the member's current key). */
export async function stopLinkValid(member: string, signature: string): Promise<boolean> {
  if (!ID.test(member) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const row = await q.readSettings(await db(), member);
  if (!row) return false;
  const expected = Buffer.from(stopSignature(member, row.stopKey), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Stops a member's booster email from a signed link (no login needed). */
export async function stopBoosterEmail(
  member: string,
  signature: string,
  now: Date,
): Promise<{ kind: 'stopped' | 'already-off' } | { kind: 'invalid-link' }> {
  if (!(await stopLinkValid(member, signature))) return { kind: 'invalid-link' };
  const changed = await write(await db(), (tx) => q.turnEmailOff(tx, member, now));
  return { kind: changed ? 'stopped' : 'already-off' };
}

/** Everything boosters store about a person, for "download my data". */
export async function boostersData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const [deck, reviews, settings] = await Promise.all([
    q.deckOf(database, userId),
    q.allReviews(database, userId),
    q.readSettings(database, userId),
  ]);
  return {
    boosterDeck: deck.map(({ userId: _owner, ...rest }) => rest),
    boosterReviews: reviews.map(({ userId: _owner, chosen, ...rest }) => ({
      ...rest,
      chosen: JSON.parse(chosen),
    })),
    boosterSettings: settings ? { sessionSize: settings.sessionSize, email: settings.email } : null,
  };
}

provideLookups({ ask: askable, timeZoneOf });
