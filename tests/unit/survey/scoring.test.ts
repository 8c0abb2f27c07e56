import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../../src/lib/content/elements';
import { SURVEY_ITEMS } from '../../../src/lib/survey/items';
import {
  aggregate,
  focusOrder,
  GAP_THRESHOLD,
  gapOf,
  gapRows,
  MIN_RESPONSES,
  responseScores,
  type SurveyResponse,
  shuffled,
  trendOf,
} from '../../../src/lib/survey/scoring';

/** Every statement answered `value`, the overall question `overall`. */
const all = (value: number, overall = value): SurveyResponse => ({
  overall,
  answers: Object.fromEntries(SURVEY_ITEMS.map((i) => [i.id, value])),
});

describe('the survey instrument', () => {
  it('has two statements for each of the five elements, with unique ids', () => {
    for (const element of ELEMENTS) expect(SURVEY_ITEMS.filter((i) => i.element === element)).toHaveLength(2);
    expect(new Set(SURVEY_ITEMS.map((i) => i.id)).size).toBe(SURVEY_ITEMS.length);
  });
});

describe('scoring one response', () => {
  it('maps the mean of an element’s answered statements onto 0–100', () => {
    const scores = responseScores({ 'dependability-1': 5, 'dependability-2': 4, 'truth-1': 1, 'truth-2': 1 });
    expect(scores.dependability).toBe(87.5);
    expect(scores.truth).toBe(0);
  });

  it('counts "can’t say" (an absent statement) as no answer, and an element with none as unrated', () => {
    const scores = responseScores({ 'competence-1': 3 });
    expect(scores.competence).toBe(50);
    expect(scores.empathy).toBeNull();
  });
});

describe('the anonymity threshold', () => {
  it('shows nothing at all below three customers', () => {
    const two = aggregate([all(5), all(1)]);
    expect(MIN_RESPONSES).toBe(3);
    expect(two.visible).toBe(false);
    expect(two.overall).toBeNull();
    for (const e of ELEMENTS) expect(two.elements[e].score).toBeNull();
    expect(two.responses).toBe(2);
  });

  it('shows the averages from three customers on', () => {
    const three = aggregate([all(5), all(3), all(1)]);
    expect(three.visible).toBe(true);
    expect(three.overall).toBe(50);
    expect(three.elements.rapport).toEqual({ score: 50, responses: 3 });
  });

  it('hides an element that fewer than three customers rated, even when the survey is shown', () => {
    const noRapport = (v: number): SurveyResponse => {
      const r = all(v);
      delete r.answers['rapport-1'];
      delete r.answers['rapport-2'];
      return r;
    };
    const result = aggregate([all(4), noRapport(4), noRapport(4)]);
    expect(result.visible).toBe(true);
    expect(result.elements.rapport).toEqual({ score: null, responses: 1 });
    expect(result.elements.truth.score).toBe(75);
  });
});

describe('the gap and its threshold', () => {
  it('is a third of the scale', () => {
    expect(GAP_THRESHOLD).toBeCloseTo(33.33, 2);
  });

  it('flags a gap larger than a third of the scale, either way, and not one at or under it', () => {
    expect(gapOf(90, 50)).toEqual({ gap: 40, direction: 'self-higher', flagged: true });
    expect(gapOf(20, 60)).toEqual({ gap: -40, direction: 'customers-higher', flagged: true });
    expect(gapOf(83.3, 50).flagged).toBe(false);
    expect(gapOf(83.4, 50).flagged).toBe(true);
    expect(gapOf(60, 60)).toEqual({ gap: 0, direction: 'level', flagged: false });
  });

  it('has no gap where the customers’ rating is hidden or there is no self-rating', () => {
    const hidden = aggregate([all(4), all(4)]);
    const self = { dependability: 90, competence: 80, empathy: 70, truth: 60, rapport: 50 };
    expect(gapRows(self, hidden).every((r) => r.gap === null)).toBe(true);
    expect(
      gapRows(null, aggregate([all(4), all(4), all(4)])).every((r) => r.gap === null && r.self === null),
    ).toBe(true);
  });
});

describe('what to work on next (the learning path with the customers’ view)', () => {
  const customers = aggregate([all(3), all(3), all(3)]); // every element 50
  it('puts blind spots first, largest gap first, then the customers’ lowest ratings', () => {
    const self = { dependability: 95, competence: 90, empathy: 50, truth: 60, rapport: 40 };
    const order = focusOrder(gapRows(self, customers));
    // Blind spots: dependability (+45) and competence (+40); the rest tie on the customers' 50, so the
    // member's own lowest comes first: rapport (40), empathy (50), truth (60).
    expect(order).toEqual(['dependability', 'competence', 'rapport', 'empathy', 'truth']);
  });

  it('uses the customers’ rating rather than the self-rating when both are shown', () => {
    const mixed = aggregate([
      { overall: 4, answers: { 'truth-1': 1, 'truth-2': 1, 'empathy-1': 5, 'empathy-2': 5 } },
      { overall: 4, answers: { 'truth-1': 2, 'truth-2': 2, 'empathy-1': 5, 'empathy-2': 5 } },
      { overall: 4, answers: { 'truth-1': 2, 'truth-2': 2, 'empathy-1': 5, 'empathy-2': 5 } },
    ]);
    const self = { dependability: 10, competence: 20, empathy: 30, truth: 30, rapport: 40 };
    const order = focusOrder(gapRows(self, mixed));
    // Truth: the member says 30, customers about 17, so it comes before competence (20, rated by the
    // member alone); empathy, which customers rate 100, comes last however low the member rates it.
    expect(order).toEqual(['dependability', 'truth', 'competence', 'rapport', 'empathy']);
  });

  it('falls back to course order when nobody rated anything', () => {
    expect(focusOrder(gapRows(null, aggregate([])))).toEqual([...ELEMENTS]);
  });
});

describe('trend between rounds', () => {
  it('counts moves under ten points as the same', () => {
    expect(trendOf(50, 59.9)).toEqual({ change: 9.9, trend: 'same' });
    expect(trendOf(50, 60)).toEqual({ change: 10, trend: 'up' });
    expect(trendOf(70, 55)).toEqual({ change: -15, trend: 'down' });
  });
});

describe('comment order', () => {
  it('is a permutation decided by the random source, not the order of storage', () => {
    const comments = ['a', 'b', 'c', 'd'];
    const reversed = shuffled(comments, () => 0);
    expect(reversed).toEqual(['b', 'c', 'd', 'a']);
    expect([...shuffled(comments, () => 0.999)].sort()).toEqual(comments);
    expect(comments).toEqual(['a', 'b', 'c', 'd']);
  });
});
