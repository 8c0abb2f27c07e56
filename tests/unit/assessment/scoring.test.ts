import { describe, expect, it } from 'vitest';
import { type AssessmentItem, itemsSchema, SCALES, type Scale } from '../../../src/lib/assessment/schema';
import {
  type AssessmentAnswers,
  answerProblem,
  type Band,
  BETTER,
  band,
  compare,
  formatChange,
  formatScore,
  learningPath,
  NOISE_BAND,
  pathOrder,
  type ScaleScores,
  type Standouts,
  scoreAssessment,
  standouts,
  type Trend,
} from '../../../src/lib/assessment/scoring';
import { ELEMENTS, type Element } from '../../../src/lib/content/elements';

/** One scale's five answers, for items 1–5 in order (items 1 and 2 are reverse-keyed). */
type Five = [number, number, number, number, number];

/**
 * A version 1 shaped set: five agreement items per scale in SCALES order; items 1–2 of each scale are
 * reverse-keyed (12 of 30). The scoring rules are the same for every version; version 2's own rules
 * (not applicable, frequency, order) are tested further down.
 */
const items: AssessmentItem[] = itemsSchema.parse({
  version: 1,
  items: SCALES.flatMap((scale) =>
    [1, 2, 3, 4, 5].map((n) => ({
      id: `${scale}-${n}`,
      scale,
      text: `When I think of ${scale}, I act as statement ${n} describes.`,
      reverse: n <= 2,
    })),
  ),
}).items;

const ALL_IDS = items.map((i) => i.id);

/** Answers from a five-answer pattern for each scale given. */
function answersFrom(patterns: Partial<Record<Scale, Five>>): AssessmentAnswers {
  return Object.fromEntries(
    Object.entries(patterns).flatMap(([scale, pattern]) => pattern.map((v, i) => [`${scale}-${i + 1}`, v])),
  );
}

/** The same answer to every item. */
function uniform(value: number): AssessmentAnswers {
  return Object.fromEntries(ALL_IDS.map((id) => [id, value]));
}

/** Every item answered 3 (every scale 50), except `scale`, answered with `pattern`. */
function onlyScale(scale: Scale, pattern: Five): AssessmentAnswers {
  return { ...uniform(3), ...answersFrom({ [scale]: pattern }) };
}

function scoresOf(
  dependability: number,
  competence: number,
  empathy: number,
  truth: number,
  rapport: number,
  selfOrientation: number,
): ScaleScores {
  return { dependability, competence, empathy, truth, rapport, 'self-orientation': selfOrientation };
}

function without(answers: AssessmentAnswers, ...ids: string[]): AssessmentAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
}

// Answer patterns worked out by hand. Items 1–2 are reversed (6 − answer), so the value of
// [a, b, c, d, e] is [6 − a, 6 − b, c, d, e]; the score is (mean − 1) ÷ 4 × 100.
/** [2,1,4,5,5] → values 4,5,4,5,5 = 23 → mean 4.6 → 90 (95 → 17/5 = 3.4 → 60 if reverse keys were ignored). */
const P90: Five = [2, 1, 4, 5, 5];
/** [4,4,2,3,4] → values 2,2,2,3,4 = 13 → mean 2.6 → 40. */
const P40: Five = [4, 4, 2, 3, 4];
/** [3,2,4,4,3] → values 3,4,4,4,3 = 18 → mean 3.6 → 65. */
const P65: Five = [3, 2, 4, 4, 3];
/** [5,5,1,2,2] → values 1,1,1,2,2 = 7 → mean 1.4 → 10. */
const P10: Five = [5, 5, 1, 2, 2];
/** [5,4,2,2,1] → values 1,2,2,2,1 = 8 → mean 1.6 → 15. */
const P15: Five = [5, 4, 2, 2, 1];
/** [1,3,5,3,4] → values 5,3,5,3,4 = 20 → mean 4 → 75. */
const P75: Five = [1, 3, 5, 3, 4];
/** [5,3,1,2,3] → values 1,3,1,2,3 = 10 → mean 2 → 25. */
const P25: Five = [5, 3, 1, 2, 3];
/** [4,4,2,3,3] → values 2,2,2,3,3 = 12 → mean 2.4 → 35. */
const P35: Five = [4, 4, 2, 3, 3];
/** [5,4,2,2,2] → values 1,2,2,2,2 = 9 → mean 1.8 → 20. */
const P20: Five = [5, 4, 2, 2, 2];
/** [2,4,3,4,3] → values 4,2,3,4,3 = 16 → mean 3.2 → 55. */
const P55: Five = [2, 4, 3, 4, 3];
/** [1,2,4,4,4] → values 5,4,4,4,4 = 21 → mean 4.2 → 80. */
const P80: Five = [1, 2, 4, 4, 4];
/** Agreeing only with the reversed items: values all 1 → 0. */
const P0: Five = [5, 5, 1, 1, 1];
/** Agreeing only with the forward items: values all 5 → 100. */
const P100: Five = [1, 1, 5, 5, 5];

/**
 * Elements 40, 90, 65, 10, 90 (mean 295 ÷ 5 = 59), self-orientation 15:
 * index = 59 × (1 − 15/200) = 59 × 0.925 = 54.575 → 54.6. Competence and rapport tie at 90 → competence.
 */
const MIXED = answersFrom({
  dependability: P40,
  competence: P90,
  empathy: P65,
  truth: P10,
  rapport: P90,
  'self-orientation': P15,
});

/**
 * Elements 65, 75, 25, 75, 25 (mean 265 ÷ 5 = 53), self-orientation 0 (below every element): index = 53.
 * Competence and truth tie at 75 → competence; empathy and rapport tie at 25 → empathy.
 */
const NO_SELF = answersFrom({
  dependability: P65,
  competence: P75,
  empathy: P25,
  truth: P75,
  rapport: P25,
  'self-orientation': P0,
});

/**
 * Elements 35, 20, 55, 80, 55 (mean 245 ÷ 5 = 49), self-orientation 100 (above every element):
 * index = 49 × (1 − 100/200) = 24.5.
 */
const ALL_SELF = answersFrom({
  dependability: P35,
  competence: P20,
  empathy: P55,
  truth: P80,
  rapport: P55,
  'self-orientation': P100,
});

describe('the fixture', () => {
  it('has 30 items, five per scale in SCALES order, 12 of them reverse-keyed', () => {
    expect(items).toHaveLength(30);
    expect(items.map((i) => i.scale)).toEqual(SCALES.flatMap((s) => [s, s, s, s, s]));
    expect(items.filter((i) => i.reverse).map((i) => i.id)).toHaveLength(12);
    expect(ALL_IDS.slice(0, 5)).toEqual([
      'dependability-1',
      'dependability-2',
      'dependability-3',
      'dependability-4',
      'dependability-5',
    ]);
  });
});

describe('answerProblem', () => {
  it.each<[string, AssessmentAnswers]>([
    ['all 1', uniform(1)],
    ['all 3', uniform(3)],
    ['all 5', uniform(5)],
    ['a mixed answer set', MIXED],
    ['self-orientation 0', NO_SELF],
    ['self-orientation 100', ALL_SELF],
  ])('accepts complete, valid answers: %s', (_name, answers) => {
    expect(answerProblem(items, answers)).toBeNull();
  });

  it.each<[string, string]>([
    ['a sixth item of a scale', 'dependability-6'],
    ['an item of no scale', 'charm-1'],
    ['an id differing only in case', 'Dependability-1'],
    ['an empty id', ''],
  ])('reports an unknown item: %s', (_name, id) => {
    expect(answerProblem(items, { ...uniform(3), [id]: 3 })).toEqual({ kind: 'unknown-item', id });
  });

  it.each<[string, number]>([
    ['0', 0],
    ['6', 6],
    ['2.5', 2.5],
    ['NaN', Number.NaN],
    ['-1', -1],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['the string "3"', '3' as unknown as number],
  ])('reports an answer of %s as out of range', (_name, value) => {
    expect(answerProblem(items, { ...uniform(3), 'empathy-4': value })).toEqual({
      kind: 'out-of-range',
      id: 'empathy-4',
    });
  });

  it.each<[string, string[]]>([
    ['one item', ['truth-3']],
    ['the first and the last item', ['dependability-1', 'self-orientation-5']],
    ['a whole scale', ['rapport-1', 'rapport-2', 'rapport-3', 'rapport-4', 'rapport-5']],
    ['reverse-keyed items of several scales', ['competence-1', 'empathy-2', 'self-orientation-1']],
  ])('reports missing items with exactly their ids: %s', (_name, ids) => {
    expect(answerProblem(items, without(uniform(4), ...ids))).toEqual({ kind: 'missing', ids });
  });

  it('reports every item as missing for an empty answer set', () => {
    const problem = answerProblem(items, {});
    expect(problem).toEqual({ kind: 'missing', ids: ALL_IDS });
    expect(problem?.kind === 'missing' ? problem.ids : []).toHaveLength(30);
  });
});

describe('scoreAssessment', () => {
  // A reversed item counts 6 − answer; with items 1–2 of 5 reversed:
  // all 5 → values 1,1,5,5,5 → mean 3.4 → 60; index 60 × (1 − 60/200) = 42.
  // all 1 → values 5,5,1,1,1 → mean 2.6 → 40; index 40 × (1 − 40/200) = 32.
  // all 3 → values 3,3,3,3,3 → mean 3 → 50; index 50 × (1 − 50/200) = 37.5.
  it.each<[string, number, number, number]>([
    ['all 5 (strongly agree)', 5, 60, 42],
    ['all 1 (strongly disagree)', 1, 40, 32],
    ['all 3 (neither)', 3, 50, 37.5],
  ])('%s: every scale %s, index %s', (_name, answer, score, index) => {
    const profile = scoreAssessment(items, uniform(answer));
    expect(profile.scores).toEqual(scoresOf(score, score, score, score, score, score));
    expect(profile.index).toBe(index);
    // Every element ties, so none is named strongest or weakest.
    expect(profile.standouts).toEqual({ even: true, strongest: [], weakest: [] });
  });

  it.each<[string, Five, number]>([
    ['agreeing only with the forward items', P100, 100],
    ['agreeing only with the reversed items', P0, 0],
    ['[2,1,4,5,5]', P90, 90],
    ['[1,2,4,4,4]', P80, 80],
    ['[1,3,5,3,4]', P75, 75],
    ['[4,4,2,3,4]', P40, 40],
    ['[5,4,2,2,1]', P15, 15],
    ['[5,5,1,2,2]', P10, 10],
    ['[1,5,1,5,3] (values 5,1,1,5,3 → mean 3)', [1, 5, 1, 5, 3], 50],
  ])('scores one scale by (mean − 1) ÷ 4 × 100 with reverse keys: %s → %s', (_name, pattern, expected) => {
    for (const scale of SCALES) {
      const { scores } = scoreAssessment(items, onlyScale(scale, pattern));
      const others = Object.fromEntries(SCALES.filter((s) => s !== scale).map((s) => [s, 50]));
      expect(scores).toEqual({ ...others, [scale]: expected });
    }
  });

  const named = (strongest: Element[], weakest: Element[]): Standouts => ({
    even: false,
    strongest,
    weakest,
  });

  it.each<[string, AssessmentAnswers, ScaleScores, number, Standouts]>([
    [
      'mixed, self-orientation 15: index 59 × 0.925 = 54.575 → 54.6; a tie at the top',
      MIXED,
      scoresOf(40, 90, 65, 10, 90, 15),
      54.6,
      named(['competence', 'rapport'], ['truth']),
    ],
    [
      'self-orientation 0, below every element: index is the plain mean 53; ties at both ends (65 is exactly 10 below 75: not a tie)',
      NO_SELF,
      scoresOf(65, 75, 25, 75, 25, 0),
      53,
      named(['competence', 'truth'], ['empathy', 'rapport']),
    ],
    [
      'self-orientation 100, above every element: index is half the mean 49 = 24.5',
      ALL_SELF,
      scoresOf(35, 20, 55, 80, 55, 100),
      24.5,
      named(['truth'], ['competence']),
    ],
  ])('%s', (_name, answers, scores, index, expected) => {
    expect(scoreAssessment(items, answers)).toEqual({ scores, index, standouts: expected });
  });

  it.each<[string, Partial<Record<Scale, Five>>, Standouts]>([
    [
      'empathy and rapport tie for lowest (50, 50, 10, 90, 10)',
      { empathy: P10, rapport: P10, truth: P90 },
      named(['truth'], ['empathy', 'rapport']),
    ],
    [
      'truth and rapport tie for lowest (50, 50, 50, 10, 10)',
      { rapport: P10, truth: P10 },
      named(['dependability', 'competence', 'empathy'], ['truth', 'rapport']),
    ],
    [
      'dependability and rapport tie for highest (90, 50, 50, 50, 90)',
      { rapport: P90, dependability: P90 },
      named(['dependability', 'rapport'], ['competence', 'empathy', 'truth']),
    ],
    [
      'empathy and truth tie for highest (50, 50, 90, 90, 10)',
      { truth: P90, empathy: P90, rapport: P10 },
      named(['empathy', 'truth'], ['rapport']),
    ],
    ['all five tie', {}, { even: true, strongest: [], weakest: [] }],
  ])('names exact ties together: %s', (_name, patterns, expected) => {
    const profile = scoreAssessment(items, { ...uniform(3), ...answersFrom(patterns) });
    expect(profile.standouts).toEqual(expected);
  });

  it.each<[string, Five]>([
    ['highest of all scales (100)', P100],
    ['lowest of all scales (0)', P0],
  ])('never names self-orientation, even when it is the %s', (_name, pattern) => {
    const profile = scoreAssessment(items, {
      ...answersFrom({ dependability: P40, competence: P90, empathy: P65, truth: P10, rapport: P80 }),
      ...answersFrom({ 'self-orientation': pattern }),
    });
    // 90 and 80 are exactly the noise band apart: competence alone is strongest.
    expect(profile.standouts).toEqual(named(['competence'], ['truth']));
  });

  it.each<[string, Record<Element, Five>]>([
    [
      'elements 40, 90, 65, 10, 90',
      { dependability: P40, competence: P90, empathy: P65, truth: P10, rapport: P90 },
    ],
    [
      'elements 35, 20, 55, 80, 55',
      { dependability: P35, competence: P20, empathy: P55, truth: P80, rapport: P55 },
    ],
    [
      'elements 100, 0, 25, 75, 15',
      { dependability: P100, competence: P0, empathy: P25, truth: P75, rapport: P15 },
    ],
  ])('index is the plain element mean at self-orientation 0 and half of it at 100: %s', (_name, elements) => {
    const atZero = scoreAssessment(items, answersFrom({ ...elements, 'self-orientation': P0 }));
    const atHundred = scoreAssessment(items, answersFrom({ ...elements, 'self-orientation': P100 }));
    const mean = ELEMENTS.reduce((sum, e) => sum + atZero.scores[e], 0) / ELEMENTS.length;
    expect(atZero.scores['self-orientation']).toBe(0);
    expect(atHundred.scores['self-orientation']).toBe(100);
    expect(atHundred.scores).toEqual({ ...atZero.scores, 'self-orientation': 100 });
    expect(atZero.index).toBe(mean);
    expect(atHundred.index).toBe(mean / 2);
  });

  it.each<[string, AssessmentAnswers, RegExp]>([
    ['an empty answer set', {}, /missing/],
    ['one answer missing', without(uniform(3), 'truth-5'), /missing/],
    ['a reverse-keyed answer missing', without(MIXED, 'self-orientation-1'), /missing/],
    ['an answer of 0', { ...uniform(3), 'rapport-2': 0 }, /out-of-range/],
    ['an answer of 6', { ...uniform(3), 'rapport-2': 6 }, /out-of-range/],
    ['an answer of 2.5', { ...uniform(3), 'competence-3': 2.5 }, /out-of-range/],
    ['an answer of NaN', { ...uniform(3), 'dependability-1': Number.NaN }, /out-of-range/],
    ['an unknown item', { ...uniform(3), 'charm-1': 3 }, /unknown-item/],
  ])('throws on %s', (_name, answers, message) => {
    expect(() => scoreAssessment(items, answers)).toThrow(message);
  });
});

describe('band', () => {
  it.each<[number, Band]>([
    [0, 'low'],
    [39.9, 'low'],
    [40, 'middle'],
    [69.9, 'middle'],
    [70, 'high'],
    [100, 'high'],
  ])('%s is %s', (score, expected) => {
    expect(band(score)).toBe(expected);
  });
});

describe('pathOrder', () => {
  it.each<[string, ScaleScores, Element[]]>([
    [
      'distinct scores',
      scoresOf(90, 35, 65, 10, 50, 20),
      ['truth', 'competence', 'rapport', 'empathy', 'dependability'],
    ],
    [
      'scores falling in course order',
      scoresOf(100, 80, 60, 40, 20, 50),
      ['rapport', 'truth', 'empathy', 'competence', 'dependability'],
    ],
    [
      'ties resolved in course order',
      scoresOf(50, 20, 50, 20, 50, 50),
      ['competence', 'truth', 'dependability', 'empathy', 'rapport'],
    ],
    ['all equal: course order', scoresOf(50, 50, 50, 50, 50, 50), [...ELEMENTS]],
    [
      'self-orientation lowest of all',
      scoresOf(45, 60, 30, 75, 30, 0),
      ['empathy', 'rapport', 'dependability', 'competence', 'truth'],
    ],
    [
      'self-orientation highest of all',
      scoresOf(45, 60, 30, 75, 30, 100),
      ['empathy', 'rapport', 'dependability', 'competence', 'truth'],
    ],
    [
      'near-tie at the bottom: still from the lowest score up',
      scoresOf(50, 58, 41, 80, 45, 50),
      ['empathy', 'rapport', 'dependability', 'competence', 'truth'],
    ],
    ['all within the band (spread 9.9): course order', scoresOf(50, 55, 59.9, 52, 51, 50), [...ELEMENTS]],
    [
      'self-orientation high (70): customer empathy first, then the lowest up',
      scoresOf(90, 35, 65, 10, 50, 70),
      ['empathy', 'truth', 'competence', 'rapport', 'dependability'],
    ],
    [
      'self-orientation just below high (69.9): the lowest up',
      scoresOf(90, 35, 65, 10, 50, 69.9),
      ['truth', 'competence', 'rapport', 'empathy', 'dependability'],
    ],
    [
      'self-orientation high and all within the band: customer empathy, then course order',
      scoresOf(50, 55, 59.9, 52, 51, 80),
      ['empathy', 'dependability', 'competence', 'truth', 'rapport'],
    ],
    [
      'a score exactly the band above the lowest is not tied with it',
      scoresOf(60, 50, 70, 69.9, 61, 10),
      ['competence', 'dependability', 'rapport', 'truth', 'empathy'],
    ],
  ])('%s', (_name, scores, expected) => {
    const order = pathOrder(scores);
    expect(order).toEqual(expected);
    expect(order).not.toContain('self-orientation');
  });
});

describe('compare', () => {
  // [previous, current, change, trend]: applied to one scale at a time, every other scale staying at 50.
  const cases: [string, number, number, number, Trend][] = [
    ['a rise of 15', 50, 65, 15, 'up'],
    ['a fall of 15', 65, 50, -15, 'down'],
    ['no change', 50, 50, 0, 'same'],
    ['a rise of 0.9', 50, 50.9, 0.9, 'same'],
    ['a fall of 0.9', 50.9, 50, -0.9, 'same'],
    ['a fall of 0.9 (float 0.89999…)', 60.3, 59.4, -0.9, 'same'],
    ['a rise of exactly 1', 50, 51, 1, 'up'],
    ['a fall of exactly 1', 51, 50, -1, 'down'],
    ['a rise of 1 computed as 0.99999…', 0.4, 1.4, 1, 'up'],
    ['a fall of 1 computed as −0.99999…', 1.4, 0.4, -1, 'down'],
    ['a rise of 12.34, rounded', 50, 62.34, 12.3, 'up'],
    ['a fall of 12.36, rounded', 62.36, 50, -12.4, 'down'],
    ['from 0 to 100', 0, 100, 100, 'up'],
    ['from 100 to 0', 100, 0, -100, 'down'],
  ];

  it.each(SCALES.flatMap((scale) => cases.map((c) => [scale, ...c] as const)))(
    '%s: %s',
    (scale, _name, previous, current, change, trend) => {
      const base = scoresOf(50, 50, 50, 50, 50, 50);
      const result = compare({ ...base, [scale]: current }, { ...base, [scale]: previous });
      expect(Object.keys(result).sort()).toEqual([...SCALES].sort());
      for (const s of SCALES) {
        expect(result[s]).toMatchObject(s === scale ? { change, trend } : { change: 0, trend: 'same' });
      }
    },
  );

  it('compares every scale at once', () => {
    const previous = scoresOf(40, 90, 65, 10, 90, 15);
    const current = scoresOf(55, 89.5, 65, 12.5, 70, 5);
    expect(compare(current, previous)).toEqual({
      dependability: { change: 15, trend: 'up', verdict: 'better' },
      competence: { change: -0.5, trend: 'same', verdict: 'same' },
      empathy: { change: 0, trend: 'same', verdict: 'same' },
      truth: { change: 2.5, trend: 'up', verdict: 'better' },
      rapport: { change: -20, trend: 'down', verdict: 'worse' },
      // Self-orientation divides trust: down is the good direction.
      'self-orientation': { change: -10, trend: 'down', verdict: 'better' },
    });
  });

  it('judges each move by the scale’s direction of good: a rise in self-orientation is worse', () => {
    const base = scoresOf(50, 50, 50, 50, 50, 50);
    const up = compare({ ...base, 'self-orientation': 70, truth: 70 }, base);
    expect(up['self-orientation']).toEqual({ change: 20, trend: 'up', verdict: 'worse' });
    expect(up.truth).toEqual({ change: 20, trend: 'up', verdict: 'better' });
    expect(BETTER['self-orientation']).toBe('lower');
    expect(SCALES.filter((s) => BETTER[s] === 'higher')).toEqual([...ELEMENTS]);
  });
});

describe('formatScore: the one rounding rule', () => {
  it.each([
    [48.7, '48.7'],
    [49, '49'],
    [37.5, '37.5'],
    [54.575, '54.6'],
    [0.04, '0'],
    [99.96, '100'],
    [-10, '-10'],
  ])('%s → %s', (value, shown) => {
    expect(formatScore(value)).toBe(shown);
  });
});

describe('formatChange: a signed change by the same rule', () => {
  it.each([
    [3.46, '+3.5'],
    [2, '+2'],
    [0.04, '0'],
    [-0.04, '0'],
    [-2.25, '\u22122.2'],
  ])('%s → %s', (value, shown) => {
    expect(formatChange(value)).toBe(shown);
  });
});

describe('standouts', () => {
  it('names the strongest and weakest, ties together, and none when all five tie', () => {
    expect(standouts(scoresOf(80, 40, 60, 60, 55, 20))).toEqual({
      even: false,
      strongest: ['dependability'],
      weakest: ['competence'],
    });
    expect(standouts(scoresOf(80, 40, 80, 40, 55, 20))).toEqual({
      even: false,
      strongest: ['dependability', 'empathy'],
      weakest: ['competence', 'truth'],
    });
    const even = standouts(scoresOf(50, 50, 50, 50, 50, 90));
    expect(even).toEqual({ even: true, strongest: [], weakest: [] });
  });

  it(`treats differences under ${NOISE_BAND} points as ties`, () => {
    // Lowest 40: 41, 45 and 48 are within the band, lowest first; 52 is not. Highest 52 is only 4 above
    // 48, a weakest one: tied with an opportunity, so nothing is named strongest.
    expect(standouts(scoresOf(45, 48, 52, 40, 41, 0))).toEqual({
      even: false,
      strongest: [],
      weakest: ['truth', 'rapport', 'dependability', 'competence'],
    });
    // The reviewer's result: 54.2 is 8.4 above 45.8, an opportunity, so it is not called strongest.
    expect(standouts(scoresOf(54.2, 45, 45.8, 41.7, 44.6, 30))).toEqual({
      even: false,
      strongest: [],
      weakest: ['truth', 'rapport', 'competence', 'empathy'],
    });
    // 58 is the band above the highest weakest (48): strongest.
    expect(standouts(scoresOf(45, 48, 58, 40, 41, 0))).toEqual({
      even: false,
      strongest: ['empathy'],
      weakest: ['truth', 'rapport', 'dependability', 'competence'],
    });
    // The two lowest within the band, the two highest within the band.
    expect(standouts(scoresOf(30, 35, 60, 85, 90, 50))).toEqual({
      even: false,
      strongest: ['truth', 'rapport'],
      weakest: ['dependability', 'competence'],
    });
    // Exactly the band apart is not a tie.
    expect(standouts(scoresOf(30, 40, 60, 70, 60, 50))).toEqual({
      even: false,
      strongest: ['truth'],
      weakest: ['dependability'],
    });
    expect(standouts(scoresOf(30, 39.9, 35, 38, 31, 50))).toEqual({ even: true, strongest: [], weakest: [] });
  });

  it('never names one element both strongest and weakest, nor a strongest one tied with a weakest one', () => {
    const values = [0, 5, 9.9, 10, 15, 20];
    let checked = 0;
    for (const d of values)
      for (const c of values)
        for (const e of values)
          for (const t of values)
            for (const r of values) {
              const scores = scoresOf(d, c, e, t, r, 50);
              const s = standouts(scores);
              const spread = Math.max(d, c, e, t, r) - Math.min(d, c, e, t, r);
              expect(s.even).toBe(spread < NOISE_BAND);
              expect(s.strongest.filter((x) => s.weakest.includes(x))).toEqual([]);
              for (const strong of s.strongest)
                for (const weak of s.weakest)
                  expect(scores[strong] - scores[weak]).toBeGreaterThanOrEqual(NOISE_BAND);
              expect(s.even ? s.weakest.length === 0 && s.strongest.length === 0 : s.weakest.length > 0).toBe(
                true,
              );
              // Lowest first.
              expect(s.weakest.map((x) => scores[x])).toEqual(
                s.weakest.map((x) => scores[x]).sort((a, b) => a - b),
              );
              checked++;
            }
    expect(checked).toBe(6 ** 5);
  });
});

describe('learningPath', () => {
  interface Lesson {
    module: string;
    element: Element | null;
    slug: string;
  }
  const lesson = (element: Element | null, slug: string): Lesson => ({
    module: element ?? 'foundations',
    element,
    slug,
  });

  /** Deliberately interleaved, so that keeping the given order is visible. */
  const LESSONS: Lesson[] = [
    lesson('dependability', 'dep-a'),
    lesson(null, 'what-trust-is'),
    lesson('truth', 'truth-a'),
    lesson('dependability', 'dep-b'),
    lesson('competence', 'comp-a'),
    lesson('empathy', 'emp-a'),
    lesson(null, 'how-trust-is-built'),
    lesson('rapport', 'rap-a'),
    lesson('truth', 'truth-b'),
    lesson('empathy', 'emp-b'),
    lesson('rapport', 'rap-b'),
    lesson('competence', 'comp-b'),
    lesson('truth', 'truth-c'),
  ];
  const FOUNDATIONS = ['what-trust-is', 'how-trust-is-built'];
  const BY_ELEMENT: Record<Element, string[]> = {
    dependability: ['dep-a', 'dep-b'],
    competence: ['comp-a', 'comp-b'],
    empathy: ['emp-a', 'emp-b'],
    truth: ['truth-a', 'truth-b', 'truth-c'],
    rapport: ['rap-a', 'rap-b'],
  };

  it.each<[string, ScaleScores, Element[]]>([
    [
      'weakest truth, then dependability, empathy, and competence before rapport (tie)',
      scoresOf(40, 90, 65, 10, 90, 15),
      ['truth', 'dependability', 'empathy', 'competence', 'rapport'],
    ],
    ['all equal: course order', scoresOf(50, 50, 50, 50, 50, 50), [...ELEMENTS]],
    [
      'scores falling in course order, self-orientation lowest',
      scoresOf(100, 80, 60, 40, 20, 0),
      ['rapport', 'truth', 'empathy', 'competence', 'dependability'],
    ],
  ])('%s', (_name, scores, elementOrder) => {
    const path = learningPath(LESSONS, scores);
    expect(path.map((l) => l.slug)).toEqual([...FOUNDATIONS, ...elementOrder.flatMap((e) => BY_ELEMENT[e])]);
    // Every lesson exactly once, as the same objects.
    expect(path).toHaveLength(LESSONS.length);
    expect(new Set(path).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(path).toContain(l);
  });

  it('puts only the foundations first when there are no element lessons', () => {
    const foundationsOnly = LESSONS.filter((l) => l.element === null);
    expect(learningPath(foundationsOnly, scoresOf(50, 50, 50, 50, 50, 50))).toEqual(foundationsOnly);
  });
});
