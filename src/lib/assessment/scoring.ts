/**
 * Scoring the trust self-assessment (documented for learners on /assessment/how-scoring-works). Pure.
 *
 * - An answer is 1–5 on the agreement scale; a reverse-keyed item counts as 6 − answer.
 * - A scale's score is the mean of its items mapped onto 0–100: (mean − 1) ÷ 4 × 100.
 * - The trust index is the mean of the five element scores, divided down by self-orientation as in the
 *   trust equation, gently enough to stay on 0–100: index = mean × (1 − self-orientation ÷ 200). At the
 *   highest self-orientation the index halves; at none it is the plain mean.
 */
import { ELEMENTS, type Element } from '../content/elements';
import { type AssessmentItem, SCALES, type Scale } from './schema';

/** `{ itemId: 1–5 }` */
export type AssessmentAnswers = Record<string, number>;

export type ScaleScores = Record<Scale, number>;

export interface Profile {
  scores: ScaleScores;
  /** 0–100: the five elements' mean, lowered by self-orientation. */
  index: number;
  /** The highest element score (ties: course order). */
  strongest: Element;
  /** The lowest element score (ties: course order): where to start. */
  opportunity: Element;
}

export type AnswerProblem =
  | { kind: 'unknown-item'; id: string }
  | { kind: 'out-of-range'; id: string }
  | { kind: 'missing'; ids: string[] };

/** Why a set of answers can't be scored, or null when every item has an answer from 1 to 5 and nothing else is there. */
export function answerProblem(
  items: readonly AssessmentItem[],
  answers: AssessmentAnswers,
): AnswerProblem | null {
  const known = new Set(items.map((i) => i.id));
  for (const [id, value] of Object.entries(answers)) {
    if (!known.has(id)) return { kind: 'unknown-item', id };
    if (!Number.isInteger(value) || value < 1 || value > 5) return { kind: 'out-of-range', id };
  }
  const missing = items.filter((i) => answers[i.id] === undefined).map((i) => i.id);
  return missing.length > 0 ? { kind: 'missing', ids: missing } : null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Scores complete, valid answers (check them with `answerProblem` first; this throws otherwise). */
export function scoreAssessment(items: readonly AssessmentItem[], answers: AssessmentAnswers): Profile {
  const problem = answerProblem(items, answers);
  if (problem) throw new Error(`Cannot score these answers: ${problem.kind}`);
  const scores = {} as ScaleScores;
  for (const scale of SCALES) {
    const values = items
      .filter((i) => i.scale === scale)
      .map((i) => {
        const answer = answers[i.id] as number;
        return i.reverse ? 6 - answer : answer;
      });
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    scores[scale] = round1(((mean - 1) / 4) * 100);
  }
  const elementMean = ELEMENTS.reduce((sum, e) => sum + scores[e], 0) / ELEMENTS.length;
  const index = round1(elementMean * (1 - scores['self-orientation'] / 200));
  const byScore = [...ELEMENTS];
  const strongest = byScore.reduce((best, e) => (scores[e] > scores[best] ? e : best));
  const opportunity = byScore.reduce((low, e) => (scores[e] < scores[low] ? e : low));
  return { scores, index, strongest, opportunity };
}

export type Band = 'low' | 'middle' | 'high';

/** 0–39 low, 40–69 middle, 70–100 high (for self-orientation, high is the weaker result). */
export function band(score: number): Band {
  if (score < 40) return 'low';
  return score < 70 ? 'middle' : 'high';
}

/** The elements from weakest to strongest (ties: course order): the order of the learning path. */
export function weakestFirst(scores: ScaleScores): Element[] {
  return [...ELEMENTS].sort((a, b) => scores[a] - scores[b] || ELEMENTS.indexOf(a) - ELEMENTS.indexOf(b));
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

/** Per scale, how this result moved since the previous one (changes under one point count as the same). */
export function compare(current: ScaleScores, previous: ScaleScores): Record<Scale, Change> {
  const result = {} as Record<Scale, Change>;
  for (const scale of SCALES) {
    const change = round1(current[scale] - previous[scale]);
    const trend: Trend = Math.abs(change) < 1 ? 'same' : change > 0 ? 'up' : 'down';
    const good = BETTER[scale] === 'higher' ? 'up' : 'down';
    result[scale] = {
      change,
      trend,
      verdict: trend === 'same' ? 'same' : trend === good ? 'better' : 'worse',
    };
  }
  return result;
}

/**
 * The one rounding rule for a score or the trust index wherever it is shown (pages, charts' text, PDF):
 * one decimal, as scored, and none when it is whole — so 48.7 is never 49 somewhere else.
 */
export function formatScore(n: number): string {
  const rounded = round1(n);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

export interface Standouts {
  /** Every element scores the same: none is strongest or weakest. */
  even: boolean;
  /** The elements sharing the top score, in course order. */
  strongest: Element[];
  /** The elements sharing the bottom score, in course order. */
  weakest: Element[];
}

/** Which elements stand out; ties are named together, and an all-tie names none. */
export function standouts(scores: ScaleScores): Standouts {
  const values = ELEMENTS.map((e) => scores[e]);
  const top = Math.max(...values);
  const bottom = Math.min(...values);
  return {
    even: top === bottom,
    strongest: ELEMENTS.filter((e) => scores[e] === top),
    weakest: ELEMENTS.filter((e) => scores[e] === bottom),
  };
}

/** The course's lessons in learning-path order: the foundations, then each element's lessons, weakest element first. */
export function learningPath<L extends { module: string; element: Element | null }>(
  lessons: readonly L[],
  scores: ScaleScores,
): L[] {
  return [
    ...lessons.filter((l) => l.element === null),
    ...weakestFirst(scores).flatMap((e) => lessons.filter((l) => l.element === e)),
  ];
}
