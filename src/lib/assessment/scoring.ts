/**
 * Scoring the trust self-assessment (documented for learners on /assessment/how-scoring-works). Pure.
 *
 * - An answer is 1–5 on the item's scale (agreement or frequency); a reverse-keyed item counts as 6 − answer.
 *   "Doesn't happen in my role" (`na`, offered only where the situation may not arise) is left out.
 * - A scale's score is the mean of its answered items mapped onto 0–100: (mean − 1) ÷ 4 × 100.
 * - The trust index is the mean of the five element scores, divided down by self-orientation as in the
 *   trust equation, gently enough to stay on 0–100: index = mean × (1 − self-orientation ÷ 200). At the
 *   highest self-orientation the index halves; at none it is the plain mean.
 * - Differences of less than `NOISE_BAND` points between elements are treated as ties (`standouts`).
 */

import { ELEMENTS, type Element } from '../content/elements';
import { formatSigned } from '../platform/signed';
import { type AssessmentItem, NOT_APPLICABLE, SCALES, type Scale } from './schema';

/** One answer: 1–5, or `na` where the item offers "Doesn't happen in my role". */
export type Answer = number | typeof NOT_APPLICABLE;

/** `{ itemId: 1–5 | 'na' }` */
export type AssessmentAnswers = Record<string, Answer>;

export type ScaleScores = Record<Scale, number>;

/**
 * Two elements closer than this (in points, 0–100) are not told apart: the scoring page says so. With six
 * statements a scale moves in steps of about four points, so this is a little over two answers' worth.
 */
export const NOISE_BAND = 10;

export interface Standouts {
  /** Every element is within the noise band of every other: none is strongest or weakest. */
  even: boolean;
  /**
   * The top element and any within the noise band of it, in course order; only those at least the band
   * above every element in `weakest` (so none is ever tied with an opportunity). May be empty.
   */
  strongest: Element[];
  /** The bottom element and any within the noise band of it, lowest first (ties in course order): where to start. */
  weakest: Element[];
}

export interface Profile {
  scores: ScaleScores;
  /** 0–100: the five elements' mean, lowered by self-orientation. */
  index: number;
  standouts: Standouts;
}

export type AnswerProblem =
  | { kind: 'unknown-item'; id: string }
  | { kind: 'out-of-range'; id: string }
  | { kind: 'missing'; ids: string[] };

/** Whether `value` is a valid answer to `item`: 1–5, or `na` where the item offers it. */
export function validAnswer(item: AssessmentItem, value: unknown): value is Answer {
  if (value === NOT_APPLICABLE) return item.notApplicable;
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
}

/** Why a set of answers can't be scored, or null when every item has a valid answer and nothing else is there. */
export function answerProblem(
  items: readonly AssessmentItem[],
  answers: AssessmentAnswers,
): AnswerProblem | null {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const [id, value] of Object.entries(answers)) {
    const item = byId.get(id);
    if (!item) return { kind: 'unknown-item', id };
    if (!validAnswer(item, value)) return { kind: 'out-of-range', id };
  }
  const missing = items.filter((i) => answers[i.id] === undefined).map((i) => i.id);
  return missing.length > 0 ? { kind: 'missing', ids: missing } : null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The keyed value of an answer (1–5, reverse-keyed items flipped), or null for "not applicable". */
export function keyed(item: AssessmentItem, answer: Answer): number | null {
  if (answer === NOT_APPLICABLE) return null;
  return item.reverse ? 6 - answer : answer;
}

/** Scores complete, valid answers (check them with `answerProblem` first; this throws otherwise). */
export function scoreAssessment(items: readonly AssessmentItem[], answers: AssessmentAnswers): Profile {
  const problem = answerProblem(items, answers);
  if (problem) throw new Error(`Cannot score these answers: ${problem.kind}`);
  const scores = {} as ScaleScores;
  for (const scale of SCALES) {
    const values = items
      .filter((i) => i.scale === scale)
      .map((i) => keyed(i, answers[i.id] as Answer))
      .filter((v): v is number => v !== null);
    // The schema keeps at least four answerable statements per scale, so this can't happen with real items.
    if (values.length === 0) throw new Error(`Cannot score ${scale}: every statement is not applicable`);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    scores[scale] = round1(((mean - 1) / 4) * 100);
  }
  return { scores, index: trustIndex(scores), standouts: standouts(scores) };
}

/** Elements from the lowest score up; equal scores in course order. */
const lowestFirst = (scores: ScaleScores, elements: readonly Element[]): Element[] =>
  [...elements].sort((a, b) => scores[a] - scores[b] || ELEMENTS.indexOf(a) - ELEMENTS.indexOf(b));

/** The trust index of a set of scale scores: the five elements' mean, lowered by self-orientation. */
export function trustIndex(scores: ScaleScores): number {
  const elementMean = ELEMENTS.reduce((sum, e) => sum + scores[e], 0) / ELEMENTS.length;
  return round1(elementMean * (1 - scores['self-orientation'] / 200));
}

/**
 * Which elements stand out, by the near-tie rule: the weakest are the lowest element and every element
 * less than `NOISE_BAND` points above it, lowest first; the strongest are the highest and every element
 * less than `NOISE_BAND` below it that is at least `NOISE_BAND` above every weakest one. When all five
 * lie within the band, none stands out.
 */
export function standouts(scores: ScaleScores): Standouts {
  const values = ELEMENTS.map((e) => scores[e]);
  const top = Math.max(...values);
  const bottom = Math.min(...values);
  if (top - bottom < NOISE_BAND) return { even: true, strongest: [], weakest: [] };
  const weakest = lowestFirst(
    scores,
    ELEMENTS.filter((e) => scores[e] - bottom < NOISE_BAND),
  );
  const highestWeak = Math.max(...weakest.map((e) => scores[e]));
  const strongest = ELEMENTS.filter(
    (e) => top - scores[e] < NOISE_BAND && scores[e] - highestWeak >= NOISE_BAND,
  );
  return { even: false, strongest, weakest };
}

export type Band = 'low' | 'middle' | 'high';

/** 0–39 low, 40–69 middle, 70–100 high (for self-orientation, high is the weaker result). */
export function band(score: number): Band {
  if (score < 40) return 'low';
  return score < 70 ? 'middle' : 'high';
}

/** Self-orientation this high (the high band) lowers the index more than any one element can. */
export const selfOrientationHigh = (scores: ScaleScores): boolean =>
  band(scores['self-orientation']) === 'high';

/**
 * The order of the elements on the learning path: from the lowest score up (equal scores in course
 * order); when no element stands out, course order. Either way, when self-orientation is high, customer
 * empathy comes first: its lessons are the ones on self-orientation.
 */
export function pathOrder(scores: ScaleScores): Element[] {
  const order = standouts(scores).even ? [...ELEMENTS] : lowestFirst(scores, ELEMENTS);
  return selfOrientationHigh(scores) ? ['empathy', ...order.filter((e) => e !== 'empathy')] : order;
}

export type Trend = 'up' | 'down' | 'same';
/** Whether a move is good news: it depends on the scale's direction of good (`BETTER`). */
export type Verdict = 'better' | 'worse' | 'same';

/** Which way is better on each scale: self-orientation divides trust, so there lower is better. */
export const BETTER: Record<Scale, 'higher' | 'lower'> = {
  dependability: 'higher',
  competence: 'higher',
  empathy: 'higher',
  truth: 'higher',
  rapport: 'higher',
  'self-orientation': 'lower',
};

export interface Change {
  change: number;
  trend: Trend;
  verdict: Verdict;
}

/** A move from `previous` to `current` where `better` is good news (under one point counts as the same). */
function change(current: number, previous: number, better: 'higher' | 'lower'): Change {
  const delta = round1(current - previous);
  const trend: Trend = Math.abs(delta) < 1 ? 'same' : delta > 0 ? 'up' : 'down';
  const good = better === 'higher' ? 'up' : 'down';
  return { change: delta, trend, verdict: trend === 'same' ? 'same' : trend === good ? 'better' : 'worse' };
}

/** Per scale, how this result moved since the previous one (changes under one point count as the same). */
export function compare(current: ScaleScores, previous: ScaleScores): Record<Scale, Change> {
  const result = {} as Record<Scale, Change>;
  for (const scale of SCALES) result[scale] = change(current[scale], previous[scale], BETTER[scale]);
  return result;
}

/** How the trust index moved since the previous result, by the same rule (higher is better). */
export function compareIndex(current: number, previous: number): Change {
  return change(current, previous, 'higher');
}

/**
 * The one rounding rule for a score or the trust index wherever it is shown (pages, charts' text, PDF):
 * one decimal, as scored, and none when it is whole — so 48.7 is never 49 somewhere else.
 */
export function formatScore(n: number): string {
  const rounded = round1(n);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** A change in a score or the trust index, signed, by the same rounding rule: "+3.5", "−2", "0". */
export function formatChange(n: number): string {
  // Rounded as a score is (halves towards +∞), then signed with the one minus sign.
  return formatSigned(Number(formatScore(n)), formatScore);
}

/** The course's lessons in learning-path order: the foundations, then each element's lessons in `pathOrder`. */
export function learningPath<L extends { module: string; element: Element | null }>(
  lessons: readonly L[],
  scores: ScaleScores,
): L[] {
  return [
    ...lessons.filter((l) => l.element === null),
    ...pathOrder(scores).flatMap((e) => lessons.filter((l) => l.element === e)),
  ];
}
