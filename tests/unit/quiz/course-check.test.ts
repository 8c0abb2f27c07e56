import { describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../../src/lib/content/elements';
import {
  type CourseQuiz,
  contentWords,
  courseCheckProblems,
  courseCheckReport,
  courseFigures,
  jaccard,
} from '../../../src/lib/quiz/course-check';
import type { QuestionType, QuizQuestion } from '../../../src/lib/quiz/schema';

/** Letters only, distinct per number: the words of made-up scenarios that share nothing. */
const word = (n: number): string => {
  let s = '';
  let x = n + 26 * 26;
  while (x > 0) {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return `zz${s}`;
};
let words = 0;
const freshText = (count: number): string => Array.from({ length: count }, () => word(words++)).join(' ');

interface Spec {
  type: QuestionType;
  /** One-answer: the 1-based position of the right option; multiple: how many right (first ones); true-false: 1 = true. */
  right: number;
  element?: (typeof ELEMENTS)[number];
  /** Make the right option strictly the longest. */
  longest?: boolean;
  prompt?: string;
  scenario?: string;
}

function question(i: number, spec: Spec): QuizQuestion {
  const element = spec.element ?? ELEMENTS[i % ELEMENTS.length] ?? 'rapport';
  const base = {
    id: `q${i + 1}`,
    type: spec.type,
    element,
    prompt: spec.prompt ?? 'Which response fits best here?',
    section: 'intro',
  };
  const option = (id: string, correct: boolean, text = `Option ${id} of similar length.`) => ({
    id,
    text,
    correct,
    explanation: 'Because this is why, explained.',
  });
  if (spec.type === 'true-false') {
    return { ...base, options: [option('true', spec.right === 1), option('false', spec.right !== 1)] };
  }
  if (spec.type === 'multiple') {
    return { ...base, options: ['a', 'b', 'c', 'd', 'e'].map((id, k) => option(id, k < spec.right)) };
  }
  const options = ['a', 'b', 'c', 'd'].map((id, k) =>
    option(
      id,
      k + 1 === spec.right,
      spec.longest && k + 1 === spec.right ? 'The longest option of them all, by far.' : undefined,
    ),
  );
  return {
    ...base,
    ...(spec.type === 'scenario' ? { scenario: spec.scenario ?? freshText(30) } : {}),
    options,
  };
}

const quiz = (slug: string, specs: Spec[]): CourseQuiz => ({
  slug,
  quiz: { questions: specs.map((spec, i) => question(i, spec)) },
});

/** A course that meets the standard: 5 quizzes × 8 questions, elements even, positions spread. */
function goodCourse(): CourseQuiz[] {
  const positions = [2, 3, 1, 4, 3, 2, 4, 1, 2, 3, 4, 2, 3, 1, 4, 2, 3, 4, 2, 3, 1, 4, 3, 2, 4];
  let p = 0;
  const next = () => positions[p++ % positions.length] ?? 2;
  return Array.from({ length: 5 }, (_, n) =>
    quiz(
      `lesson-${n + 1}`,
      (
        [
          { type: 'scenario', right: next(), longest: n === 0 },
          { type: 'scenario', right: next() },
          { type: 'scenario', right: next(), longest: n === 1 },
          { type: 'scenario', right: next() },
          { type: 'single', right: next() },
          { type: 'true-false', right: n % 2 === 0 ? 1 : 2 },
          { type: 'multiple', right: (n % 3) + 2 },
          { type: 'true-false', right: n % 2 === 0 ? 2 : 1 },
        ] satisfies Spec[]
      ).map((spec, k): Spec => ({ ...spec, element: ELEMENTS[(n * 8 + k) % ELEMENTS.length] ?? 'rapport' })),
    ),
  );
}

describe('the course check', () => {
  it('passes a course that meets the standard', () => {
    const figures = courseFigures(goodCourse());
    expect(courseCheckProblems(figures)).toEqual([]);
    expect(figures.questions).toBe(40);
    expect(figures.scenarios).toBe(20);
  });

  it('counts the right option’s file position and flags a quiz that never moves it', () => {
    const course = goodCourse();
    course.push(
      quiz('all-first', [
        { type: 'scenario', right: 1 },
        { type: 'scenario', right: 1 },
        { type: 'single', right: 1 },
        { type: 'scenario', right: 1 },
      ]),
    );
    const figures = courseFigures(course);
    expect(figures.oneAnswer.samePosition).toEqual([{ slug: 'all-first', position: 1, questions: 4 }]);
    expect(figures.oneAnswer.byPosition[0]).toBe(figures.oneAnswer.rightFirst);
    const checks = courseCheckProblems(figures).map((p) => p.check);
    expect(checks).toContain('same position in a quiz');
  });

  it('fails when the right option comes first in more than 30% of one-answer questions', () => {
    const figures = courseFigures([
      quiz('a', [
        { type: 'single', right: 1 },
        { type: 'single', right: 1 },
        { type: 'single', right: 2 },
        { type: 'single', right: 3 },
      ]),
    ]);
    expect(figures.oneAnswer.rightFirst).toBe(2);
    expect(courseCheckProblems(figures).map((p) => p.check)).toContain('right option first');
  });

  it('counts a right option as longest only when strictly longer than every other', () => {
    const course = [
      quiz('a', [
        { type: 'scenario', right: 2, longest: true },
        { type: 'single', right: 3, longest: true },
        { type: 'single', right: 4 },
      ]),
    ];
    const figures = courseFigures(course);
    expect(figures.longest).toEqual({ rightLongest: 2, scenarios: 1, scenarioRightLongest: 1 });
    expect(courseCheckProblems(figures).map((p) => p.check)).toContain('right option longest');
  });

  it('holds true-false between 40% and 60% "true"', () => {
    const tf = (rights: number[]) =>
      courseFigures([
        quiz(
          'a',
          rights.map((right) => ({ type: 'true-false' as const, right })),
        ),
      ]);
    expect(courseCheckProblems(tf([1, 2, 1, 2, 1])).filter((p) => p.check === 'true-false balance')).toEqual(
      [],
    );
    expect(courseCheckProblems(tf([2, 2, 2, 1])).map((p) => p.check)).toContain('true-false balance');
  });

  it('flags select-all questions that all have the same number right', () => {
    const figures = courseFigures([
      quiz('a', [
        { type: 'multiple', right: 3 },
        { type: 'multiple', right: 3 },
        { type: 'multiple', right: 2 },
      ]),
    ]);
    expect([...figures.multiple.byRightCount].sort()).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(courseCheckProblems(figures).map((p) => p.check)).toContain('select-all right counts');
  });

  it.each([
    'What does the lesson say?',
    'According to research, which is right?',
    'What share (in %) agree?',
    'How many percent stay?',
    'What does this lesson call it?',
    'Which idea is at the heart of the course?',
  ])('flags the wording of “%s”', (prompt) => {
    const figures = courseFigures([quiz('a', [{ type: 'single', right: 2, prompt }])]);
    expect(figures.wording).toHaveLength(1);
  });

  it('flags the wording in a scenario too, but not “of course”', () => {
    const figures = courseFigures([
      quiz('a', [
        {
          type: 'scenario',
          right: 2,
          scenario: 'She read this lesson twice and still asked for a discount.',
        },
        {
          type: 'scenario',
          right: 2,
          scenario: 'Of course the buyer wanted the price first, before any demo.',
        },
      ]),
    ]);
    expect(figures.wording.map((w) => w.ref)).toEqual(['a#q1']);
  });

  it('requires half the questions to be scenarios and each element at 13–27%', () => {
    const figures = courseFigures([
      quiz('a', [
        { type: 'scenario', right: 2, element: 'dependability' },
        { type: 'single', right: 3, element: 'dependability' },
        { type: 'single', right: 4, element: 'dependability' },
        { type: 'single', right: 2, element: 'truth' },
      ]),
    ]);
    const problems = courseCheckProblems(figures);
    expect(problems.filter((p) => p.check === 'scenario share')).toHaveLength(1);
    // dependability is 75%, truth 25% (fine), the other three 0%.
    expect(problems.filter((p) => p.check === 'element balance').map((p) => p.message.split(':')[0])).toEqual(
      ['dependability', 'competence', 'empathy', 'rapport'],
    );
  });

  it('finds near-duplicate scenarios by the overlap of their content words', () => {
    const a =
      'A dental group asks the account manager to downsell their imaging contract after a slow quarter at renewal.';
    const b =
      'At renewal, after a slow quarter, a dental group asks their account manager to downsell the imaging contract.';
    const figures = courseFigures([
      quiz('one', [{ type: 'scenario', right: 2, scenario: a }]),
      quiz('two', [
        { type: 'scenario', right: 3, scenario: b },
        {
          type: 'scenario',
          right: 3,
          scenario: 'A logistics founder demos routing software to a skeptical warehouse lead.',
        },
      ]),
    ]);
    expect(figures.scenarioPairs[0]).toMatchObject({ a: 'one#q1', b: 'two#q1' });
    expect(figures.scenarioPairs[0]?.similarity).toBe(1);
    expect(courseCheckProblems(figures).map((p) => p.check)).toContain('near-duplicate scenarios');
  });

  it('prints every figure with its limit', () => {
    const report = courseCheckReport(courseFigures(goodCourse()));
    expect(report).toContain('right option first in file order');
    expect(report).toContain('true-false: right answer "true"');
    expect(report).toMatch(/element: rapport +8 \(20\.0%\)/);
    expect(report).toContain('most similar scenarios');
  });
});

describe('contentWords and jaccard', () => {
  it('keeps the words that carry meaning, in lower case, once each', () => {
    expect([...contentWords('The buyer’s CFO asked the buyer for a price, and the AE said no.')]).toEqual([
      'buyer',
      'cfo',
      'asked',
      'price',
      'said',
    ]);
  });

  it('measures overlap as shared words over all words', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});
