import { describe, expect, it } from 'vitest';
import {
  correlation,
  cronbachAlpha,
  itemAnalysis,
  variance,
} from '../../../src/lib/assessment/item-analysis';
import { type AssessmentItem, SCALES } from '../../../src/lib/assessment/schema';
import type { AssessmentAnswers } from '../../../src/lib/assessment/scoring';

const stmt = (
  id: string,
  scale: AssessmentItem['scale'],
  reverse: boolean,
  notApplicable = false,
): AssessmentItem => ({
  id,
  scale,
  response: 'frequency',
  text: `Statement ${id}.`,
  reverse,
  notApplicable,
});

// Truth, three items; c is reverse-keyed and offers "not applicable". Keyed values of the four complete
// responses: a 1,2,3,4; b 2,2,4,4; c 1,3,3,5 (raw 5,3,3,1). A fifth response answers a 5, b 5, c na.
const items = [stmt('a-1', 'truth', false), stmt('b-1', 'truth', false), stmt('c-1', 'truth', true, true)];
const responses: AssessmentAnswers[] = [
  { 'a-1': 1, 'b-1': 2, 'c-1': 5 },
  { 'a-1': 2, 'b-1': 2, 'c-1': 3 },
  { 'a-1': 3, 'b-1': 4, 'c-1': 3 },
  { 'a-1': 4, 'b-1': 4, 'c-1': 1 },
  { 'a-1': 5, 'b-1': 5, 'c-1': 'na' },
];

describe('the statistics, worked by hand', () => {
  it('sample variance', () => {
    // 1,2,3,4: mean 2.5, squared deviations 2.25+0.25+0.25+2.25 = 5, over n − 1 = 3.
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 10);
    expect(variance([4])).toBeNull();
  });

  it('Pearson correlation', () => {
    // b 2,2,4,4 against a + c 2,5,6,9: Σ products of deviations 8, Σ squares 4 and 25 → 8 / √100 = 0.8.
    expect(correlation([2, 2, 4, 4], [2, 5, 6, 9])).toBeCloseTo(0.8, 10);
    expect(correlation([3, 3, 3], [1, 2, 3])).toBeNull();
  });

  it('Cronbach’s alpha', () => {
    // Item variances 5/3, 4/3, 8/3 (sum 17/3); totals 4, 7, 10, 13 → variance 45/3 = 15.
    // α = 3/2 × (1 − (17/3)/15) = 3/2 × 28/45 = 42/45 = 0.9333…
    expect(
      cronbachAlpha([
        [1, 2, 1],
        [2, 2, 3],
        [3, 4, 3],
        [4, 4, 5],
      ]),
    ).toBeCloseTo(42 / 45, 10);
    // An item running against the others pulls alpha down, below zero here.
    expect(
      cronbachAlpha([
        [1, 2, 5],
        [2, 2, 3],
        [3, 4, 3],
        [4, 4, 1],
      ]),
    ).toBeLessThan(0);
    expect(
      cronbachAlpha([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
  });
});

describe('itemAnalysis', () => {
  const truth = itemAnalysis(items, responses).find((s) => s.scale === 'truth');

  it('gives one entry per scale, in scale order, empty where a scale has no items', () => {
    const all = itemAnalysis(items, responses);
    expect(all.map((s) => s.scale)).toEqual([...SCALES]);
    expect(all.find((s) => s.scale === 'rapport')).toEqual({
      scale: 'rapport',
      complete: 5,
      alpha: null,
      items: [],
    });
  });

  it('computes alpha on keyed values of the complete responses only', () => {
    expect(truth?.complete).toBe(4);
    expect(truth?.alpha).toBeCloseTo(42 / 45, 10);
  });

  it('computes each item’s mean, SD, item-rest correlation and not-applicable share', () => {
    const [a, b, c] = truth?.items ?? [];
    // a: 1,2,3,4,5 → mean 3, variance 10/4 = 2.5. Item-rest (complete only): a 1,2,3,4 vs b + c 3,5,7,9 → 1.
    expect(a).toMatchObject({ answered: 5, notApplicable: 0, mean: 3 });
    expect(a?.sd).toBeCloseTo(Math.sqrt(2.5), 10);
    expect(a?.itemRest).toBeCloseTo(1, 10);
    // b: 2,2,4,4,5 → mean 3.4, squared deviations 1.96+1.96+0.36+0.36+2.56 = 7.2, variance 1.8.
    expect(b).toMatchObject({ answered: 5, notApplicable: 0 });
    expect(b?.mean).toBeCloseTo(3.4, 10);
    expect(b?.sd).toBeCloseTo(Math.sqrt(1.8), 10);
    expect(b?.itemRest).toBeCloseTo(0.8, 10);
    // c keyed 1,3,3,5 (one na of five → 0.2): mean 3, variance 8/3. Against a + b 3,4,7,8: Σ products 10,
    // Σ squares 8 and 17 → 10 / √136.
    expect(c).toMatchObject({ answered: 4, notApplicable: 0.2, mean: 3 });
    expect(c?.sd).toBeCloseTo(Math.sqrt(8 / 3), 10);
    expect(c?.itemRest).toBeCloseTo(10 / Math.sqrt(136), 10);
  });

  it('has no figures without responses', () => {
    const empty = itemAnalysis(items, []).find((s) => s.scale === 'truth');
    expect(empty?.alpha).toBeNull();
    expect(empty?.items.map((i) => [i.answered, i.notApplicable, i.mean, i.sd, i.itemRest])).toEqual([
      [0, 0, null, null, null],
      [0, 0, null, null, null],
      [0, 0, null, null, null],
    ]);
  });
});
