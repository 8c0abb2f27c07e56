import { describe, expect, it } from 'vitest';
import { pagesOf, progressTitle } from '../../../src/lib/assessment/flow';
import { type AssessmentItem, itemsSchema, SCALES, type Scale } from '../../../src/lib/assessment/schema';
import {
  type Answer,
  type AssessmentAnswers,
  answerProblem,
  keyed,
  scoreAssessment,
  validAnswer,
} from '../../../src/lib/assessment/scoring';

/**
 * A version 2 shaped set: six items per scale; page p (0–5) holds every scale once, rotated by p, so no
 * two items of a scale are ever adjacent. Per scale, items 1–2 are reverse-keyed, item 5 is answered on the
 * agreement scale, and items 2 and 6 offer "not applicable".
 */
function v2Input(tweak: (item: Record<string, unknown>) => Record<string, unknown> = (i) => i) {
  const list: Record<string, unknown>[] = [];
  for (let p = 0; p < 6; p++)
    for (let k = 0; k < 6; k++) {
      const scale = SCALES[(p + k) % 6] as Scale;
      const n = p + 1;
      list.push(
        tweak({
          id: `${scale}-${n}`,
          scale,
          response: n === 5 ? 'agreement' : 'frequency',
          text: `When I think of ${scale}, I act as statement ${n} describes.`,
          reverse: n <= 2,
          ...(n === 2 || n === 6 ? { notApplicable: true } : {}),
        }),
      );
    }
  return { version: 2, items: list };
}
const items: AssessmentItem[] = itemsSchema.parse(v2Input()).items;
const item = (id: string): AssessmentItem => items.find((i) => i.id === id) as AssessmentItem;

/** Every item answered 3 (every scale 50) except `scale`, answered with `six` for its items 1–6. */
function onlyScale(scale: Scale, six: Answer[]): AssessmentAnswers {
  const answers: AssessmentAnswers = Object.fromEntries(items.map((i) => [i.id, 3]));
  six.forEach((v, n) => {
    answers[`${scale}-${n + 1}`] = v;
  });
  return answers;
}

describe('the version 2 fixture', () => {
  it('passes the version 2 rules: six per scale, two reversed, no neighbours of one scale', () => {
    expect(items).toHaveLength(36);
    expect(items.slice(0, 6).map((i) => i.scale)).toEqual([...SCALES]);
    expect(items.slice(6, 12).map((i) => i.scale)).toEqual([...SCALES.slice(1), SCALES[0]]);
  });
});

describe('the version 2 schema rules', () => {
  const issues = (input: unknown): string[] => {
    const r = itemsSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('requires at least two reverse-keyed items per scale', () => {
    const input = v2Input((i) => (i.id === 'truth-2' ? { ...i, reverse: false } : i));
    expect(issues(input)).toEqual(['truth needs at least two reverse-keyed items']);
  });

  it('allows "not applicable" on at most two items of a scale', () => {
    const input = v2Input((i) => (i.id === 'rapport-3' ? { ...i, notApplicable: true } : i));
    expect(issues(input)).toEqual(['rapport may offer "not applicable" on at most two items']);
  });

  it('rejects two items of one scale next to each other, across a page break too', () => {
    const input = v2Input();
    // Page 1 ends with self-orientation-1; moving self-orientation-2 to the start of page 2 (swapping it
    // with competence-2) puts two self-orientation items side by side across the page break.
    const list = input.items;
    const a = list.findIndex((i) => i.id === 'competence-2');
    const b = list.findIndex((i) => i.id === 'self-orientation-2');
    [list[a], list[b]] = [list[b] as Record<string, unknown>, list[a] as Record<string, unknown>];
    expect(issues(input)).toContain(
      'self-orientation-1 and self-orientation-2 (one scale) are next to each other',
    );
  });

  it('needs one item of every scale on every page', () => {
    const input = v2Input((i) => (i.id === 'empathy-1' ? { ...i, scale: 'truth', id: 'truth-7' } : i));
    const found = issues(input);
    expect(found).toContain('page 1 needs one statement of every scale');
    expect(found).toContain('empathy has 5 items; it needs 6');
  });

  it('keeps version 1 to the agreement scale with no "not applicable"', () => {
    const v1 = {
      version: 1,
      items: SCALES.flatMap((scale) =>
        [1, 2, 3, 4, 5].map((n) => ({
          id: `${scale}-${n}`,
          scale,
          text: `Statement ${n} about ${scale}.`,
          reverse: n === 1,
        })),
      ),
    };
    expect(issues(v1)).toEqual([]);
    const withFrequency = {
      ...v1,
      items: v1.items.map((i, n) => (n === 0 ? { ...i, response: 'frequency' } : i)),
    };
    expect(issues(withFrequency)).toEqual([
      'version 1 used only the agreement scale, with no "not applicable"',
    ]);
  });
});

describe('answers and "not applicable"', () => {
  it('accepts na only where the item offers it', () => {
    expect(validAnswer(item('truth-2'), 'na')).toBe(true);
    expect(validAnswer(item('truth-6'), 'na')).toBe(true);
    expect(validAnswer(item('truth-1'), 'na')).toBe(false);
    expect(validAnswer(item('truth-1'), 5)).toBe(true);
    expect(validAnswer(item('truth-1'), 0)).toBe(false);
    expect(validAnswer(item('truth-1'), 'NA')).toBe(false);
  });

  it('reports na on an item that does not offer it as out of range', () => {
    expect(answerProblem(items, onlyScale('empathy', [3, 3, 'na', 3, 3, 3]))).toEqual({
      kind: 'out-of-range',
      id: 'empathy-3',
    });
    expect(() => scoreAssessment(items, onlyScale('empathy', [3, 3, 'na', 3, 3, 3]))).toThrow(/out-of-range/);
  });

  it('counts na as an answer, not a missing one', () => {
    expect(answerProblem(items, onlyScale('truth', [3, 'na', 3, 3, 3, 'na']))).toBeNull();
  });

  it('keys answers: reverse flips, na is no value', () => {
    expect(keyed(item('rapport-1'), 5)).toBe(1);
    expect(keyed(item('rapport-1'), 2)).toBe(4);
    expect(keyed(item('rapport-3'), 2)).toBe(2);
    expect(keyed(item('rapport-2'), 'na')).toBeNull();
  });
});

describe('scoring version 2', () => {
  // Items 1–2 reversed: [a, b, c, d, e, f] is worth [6 − a, 6 − b, c, d, e, f]; na is left out.
  it.each<[string, Answer[], number]>([
    ['all 5: 1+1+5+5+5+5 = 22 → mean 3.667 → 66.7', [5, 5, 5, 5, 5, 5], 66.7],
    ['all 1: 5+5+1+1+1+1 = 14 → mean 2.333 → 33.3', [1, 1, 1, 1, 1, 1], 33.3],
    ['the best answers: 1,1,5,5,5,5 → all 5 → 100', [1, 1, 5, 5, 5, 5], 100],
    ['the worst answers: 5,5,1,1,1,1 → all 1 → 0', [5, 5, 1, 1, 1, 1], 0],
    ['[2,1,4,5,5,na] → 4,5,4,5,5 = 23 over five → 4.6 → 90', [2, 1, 4, 5, 5, 'na'], 90],
    [
      '[2,1,4,5,5,1] → 4,5,4,5,5,1 = 24 over six → 4 → 75 (the same with the last answered)',
      [2, 1, 4, 5, 5, 1],
      75,
    ],
    [
      '[1,na,4,4,4,4] → 5,4,4,4,4 = 21 over five → 4.2 → 80 (na on a reverse-keyed item)',
      [1, 'na', 4, 4, 4, 4],
      80,
    ],
    ['[3,na,3,5,5,na] → 3,3,5,5 = 16 over four → 4 → 75 (both na)', [3, 'na', 3, 5, 5, 'na'], 75],
    ['[3,na,3,3,3,na] → all 3 → 50: na is neither low nor high', [3, 'na', 3, 3, 3, 'na'], 50],
  ])('%s', (_name, six, expected) => {
    for (const scale of SCALES) {
      const { scores } = scoreAssessment(items, onlyScale(scale, six));
      const others = Object.fromEntries(SCALES.filter((s) => s !== scale).map((s) => [s, 50]));
      expect(scores).toEqual({ ...others, [scale]: expected });
    }
  });

  it('refuses to score a scale whose every answer is na (the schema makes that impossible)', () => {
    const allNa = itemsSchema
      .parse({
        version: 1,
        items: SCALES.flatMap((scale) =>
          [1, 2, 3, 4, 5].map((n) => ({
            id: `${scale}-${n}`,
            scale,
            text: `Statement ${n} of ${scale}.`,
            reverse: false,
          })),
        ),
      })
      .items.map((i) => ({ ...i, notApplicable: true }));
    const answers: AssessmentAnswers = Object.fromEntries(
      allNa.map((i): [string, Answer] => [i.id, i.scale === 'truth' ? 'na' : 3]),
    );
    expect(() => scoreAssessment(allNa, answers)).toThrow(/every statement is not applicable/);
  });
});

describe('pages', () => {
  it('are the file order in pages of six from version 2', () => {
    const pages = pagesOf({ version: 2, items });
    expect(pages).toHaveLength(6);
    expect(pages.flat()).toEqual(items);
    for (const page of pages) expect(new Set(page.map((i) => i.scale)).size).toBe(6);
  });

  it('were one per scale in version 1', () => {
    const v1 = itemsSchema.parse({
      version: 1,
      items: SCALES.flatMap((scale) =>
        [1, 2, 3, 4, 5].map((n) => ({
          id: `${scale}-${n}`,
          scale,
          text: `Statement ${n} of ${scale}.`,
          reverse: n === 1,
        })),
      ),
    });
    expect(pagesOf(v1).map((p) => p.map((i) => i.scale))).toEqual(SCALES.map((s) => [s, s, s, s, s]));
  });

  it('are titled by progress, never by number', () => {
    expect([1, 2, 3, 4, 5, 6].map((step) => progressTitle(step, 6))).toEqual([
      'Getting started',
      'About a sixth done',
      'About a third done',
      'Halfway there',
      'About two-thirds done',
      'The last page',
    ]);
    expect([1, 2, 3, 4].map((step) => progressTitle(step, 4))).toEqual([
      'Getting started',
      'About a quarter done',
      'Halfway there',
      'The last page',
    ]);
  });
});
