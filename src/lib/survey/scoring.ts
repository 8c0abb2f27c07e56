/**
 * Scoring the customer trust survey and setting it against the self-assessment (explained on /survey). Pure.
 *
 * - A statement's answer is 1–5; a customer's element score is the mean of the element's answered
 *   statements on 0–100: (mean − 1) ÷ 4 × 100, as in the self-assessment. "Can't say" is no answer.
 * - The customers' rating of an element is the mean of the customers' element scores, shown only when
 *   at least `MIN_RESPONSES` customers rated it; the overall question is scored the same way.
 * - The gap is self-rating − customers' rating; it is flagged when it is larger than a third of the
 *   scale (`GAP_THRESHOLD`), a common rule in 360-degree feedback.
 */
import { ELEMENTS, type Element } from '../content/elements';
import { SURVEY_ITEMS } from './items';

/** Fewer customers than this, and nothing is shown: with two, each could be told apart. */
export const MIN_RESPONSES = 3;
/** A third of the 0–100 scale. */
export const GAP_THRESHOLD = 100 / 3;
/** Round-to-round moves smaller than this are "about the same": a few customers make a noisy average. */
export const TREND_BAND = 10;

/** `{ itemId: 1–5 }`; an item the customer couldn't judge is absent. */
export type SurveyAnswers = Record<string, number>;

export interface SurveyResponse {
  /** 1–5. */
  overall: number;
  answers: SurveyAnswers;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const toScale = (answer: number): number => ((answer - 1) / 4) * 100;
const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** One customer's score per element (null where they answered none of its statements). */
export function responseScores(answers: SurveyAnswers): Record<Element, number | null> {
  const scores = {} as Record<Element, number | null>;
  for (const element of ELEMENTS) {
    const values = SURVEY_ITEMS.filter((i) => i.element === element)
      .map((i) => answers[i.id])
      .filter((v): v is number => v !== undefined);
    scores[element] = values.length > 0 ? toScale(mean(values)) : null;
  }
  return scores;
}

export interface ElementRating {
  /** 0–100, or null while fewer than `MIN_RESPONSES` customers rated this element. */
  score: number | null;
  /** How many customers rated it. */
  responses: number;
}

export interface Aggregate {
  responses: number;
  /** Enough customers answered for anything to be shown. */
  visible: boolean;
  /** The overall question on 0–100, or null while hidden. */
  overall: number | null;
  elements: Record<Element, ElementRating>;
}

/** What a set of responses may show: nothing at all below `min` customers, per element likewise. */
export function aggregate(responses: readonly SurveyResponse[], min = MIN_RESPONSES): Aggregate {
  const visible = responses.length >= min;
  const perResponse = responses.map((r) => responseScores(r.answers));
  const elements = {} as Record<Element, ElementRating>;
  for (const element of ELEMENTS) {
    const values = perResponse.map((s) => s[element]).filter((v): v is number => v !== null);
    elements[element] = {
      score: visible && values.length >= min ? round1(mean(values)) : null,
      responses: values.length,
    };
  }
  return {
    responses: responses.length,
    visible,
    overall: visible ? round1(mean(responses.map((r) => toScale(r.overall)))) : null,
    elements,
  };
}

export type GapDirection = 'self-higher' | 'customers-higher' | 'level';

export interface Gap {
  /** Self-rating − customers' rating. */
  gap: number;
  direction: GapDirection;
  /** Larger than `GAP_THRESHOLD` either way. */
  flagged: boolean;
}

/** The gap between how the member rates themselves and how their customers rate them. */
export function gapOf(self: number, customers: number): Gap {
  const gap = round1(self - customers);
  return {
    gap,
    direction: gap > 0 ? 'self-higher' : gap < 0 ? 'customers-higher' : 'level',
    flagged: Math.abs(self - customers) > GAP_THRESHOLD,
  };
}

export interface GapRow {
  element: Element;
  self: number | null;
  customers: ElementRating;
  gap: Gap | null;
}

export function gapRows(self: Record<Element, number> | null, customers: Aggregate): GapRow[] {
  return ELEMENTS.map((element) => {
    const own = self ? self[element] : null;
    const theirs = customers.elements[element];
    return {
      element,
      self: own,
      customers: theirs,
      gap: own !== null && theirs.score !== null ? gapOf(own, theirs.score) : null,
    };
  });
}

/**
 * What to work on first, taking the customers' view into account: elements where the member rates
 * themselves more than a third of the scale above their customers (a blind spot), largest gap first;
 * then the rest by the customers' rating, lowest first — the member's own rating only where customers'
 * isn't shown yet; elements rated by nobody last. Where customers rate two alike, the member's own
 * lower rating goes first; remaining ties keep course order.
 */
export function focusOrder(rows: readonly GapRow[]): Element[] {
  const blind = (r: GapRow) => r.gap?.flagged === true && r.gap.direction === 'self-higher';
  const basis = (r: GapRow) => r.customers.score ?? r.self ?? Number.POSITIVE_INFINITY;
  const order = (r: GapRow) => ELEMENTS.indexOf(r.element);
  return [...rows]
    .sort((a, b) => {
      if (blind(a) !== blind(b)) return blind(a) ? -1 : 1;
      if (blind(a) && blind(b)) return (b.gap?.gap ?? 0) - (a.gap?.gap ?? 0) || order(a) - order(b);
      const self = (r: GapRow) => r.self ?? Number.POSITIVE_INFINITY;
      return basis(a) - basis(b) || self(a) - self(b) || order(a) - order(b);
    })
    .map((r) => r.element);
}

export type Trend = 'up' | 'down' | 'same';

/** The move between two rounds' ratings of one element; under `TREND_BAND` points counts as the same. */
export function trendOf(previous: number, current: number): { change: number; trend: Trend } {
  const change = round1(current - previous);
  return { change, trend: Math.abs(change) < TREND_BAND ? 'same' : change > 0 ? 'up' : 'down' };
}

/** A copy in random order (Fisher–Yates); `random` returns [0, 1), injectable for tests. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
