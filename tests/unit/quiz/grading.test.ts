import { describe, expect, it } from 'vitest';
import {
  type Answers,
  gradeQuiz,
  missedQuestionIds,
  passPercent,
  publicQuestion,
  readAnswers,
  revisionSince,
  scoreQuestion,
} from '../../../src/lib/quiz/grading';
import {
  DEFAULT_PASS_PERCENT,
  type QuestionType,
  type QuizFile,
  type QuizQuestion,
  quizSchema,
} from '../../../src/lib/quiz/schema';

type OptionSpec = [id: string, correct: boolean];

/** A question with distinctive explanations, so that a leak of any of them is easy to spot. */
function question(id: string, type: QuestionType, options: OptionSpec[], scenario?: string): QuizQuestion {
  return {
    id,
    type,
    element: 'dependability',
    ...(scenario === undefined ? {} : { scenario }),
    prompt: `What is the answer to question ${id}?`,
    section: 'small-certain-promises',
    options: options.map(([optionId, correct]) => ({
      id: optionId,
      text: `Choice ${optionId} of ${id}`,
      correct,
      explanation: `SECRET-${id}-${optionId}: this is ${correct ? 'right' : 'wrong'} because of the lesson.`,
    })),
  };
}

const SCENARIO = 'A customer calls back, upset that the delivery you promised for Friday has not arrived.';

/** Every question type; q4 has three right and two wrong options, q5 two right and one wrong. */
const quiz: QuizFile = quizSchema.parse({
  questions: [
    question('q1', 'single', [
      ['a', true],
      ['b', false],
      ['c', false],
    ]),
    question(
      'q2',
      'scenario',
      [
        ['a', false],
        ['b', true],
        ['c', false],
      ],
      SCENARIO,
    ),
    question('q3', 'true-false', [
      ['true', true],
      ['false', false],
    ]),
    question('q4', 'multiple', [
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', false],
      ['e', false],
    ]),
    question('q5', 'multiple', [
      ['a', true],
      ['b', true],
      ['c', false],
    ]),
  ],
});

const ALL_IDS = quiz.questions.map((q) => q.id);

function q(id: string): QuizQuestion {
  const found = quiz.questions.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id} in the fixture`);
  return found;
}

/** `n` single-choice questions, each with `a` right; not parsed, so any size is allowed. */
function singles(n: number, pass?: number): QuizFile {
  const questions = Array.from({ length: n }, (_, i) =>
    question(`s${i + 1}`, 'single', [
      ['a', true],
      ['b', false],
      ['c', false],
    ]),
  );
  return pass === undefined ? { questions } : { passPercent: pass, questions };
}

/** The first `right` questions answered right, the rest wrong. */
function answersFor(file: QuizFile, right: number): Answers {
  return Object.fromEntries(file.questions.map((x, i) => [x.id, [i < right ? 'a' : 'b']]));
}

describe('scoreQuestion', () => {
  it.each<[string, string, string[], number]>([
    ['single: the right option', 'q1', ['a'], 1],
    ['single: a wrong option', 'q1', ['b'], 0],
    ['single: no answer', 'q1', [], 0],
    ['single: the right option and a wrong one', 'q1', ['a', 'b'], 0],
    ['single: an unknown option', 'q1', ['z'], 0],
    ['scenario: the best response', 'q2', ['b'], 1],
    ['scenario: a wrong response', 'q2', ['a'], 0],
    ['scenario: no answer', 'q2', [], 0],
    ['scenario: two responses', 'q2', ['b', 'c'], 0],
    ['true-false: right', 'q3', ['true'], 1],
    ['true-false: wrong', 'q3', ['false'], 0],
    ['true-false: no answer', 'q3', [], 0],
    ['true-false: both answers', 'q3', ['true', 'false'], 0],
    ['true-false: both answers, right one last', 'q3', ['false', 'true'], 0],
  ])('%s', (_name, id, chosen, expected) => {
    expect(scoreQuestion(q(id), chosen)).toBe(expected);
  });

  it.each<[string, string, string[], number]>([
    ['all right options', 'q4', ['a', 'b', 'c'], 1],
    ['all right options, in another order', 'q4', ['c', 'a', 'b'], 1],
    ['one of three right options', 'q4', ['a'], 1 / 3],
    ['two of three right options', 'q4', ['a', 'b'], 2 / 3],
    ['one wrong cancels one right', 'q4', ['a', 'b', 'd'], 1 / 3],
    ['one right cancelled by one wrong', 'q4', ['a', 'd'], 0],
    ['every option ticked (3 right, 2 wrong)', 'q4', ['a', 'b', 'c', 'd', 'e'], 1 / 3],
    ['every option ticked (2 right, 1 wrong)', 'q5', ['a', 'b', 'c'], 1 / 2],
    ['all right options (2 right)', 'q5', ['a', 'b'], 1],
    ['only a wrong option', 'q4', ['d'], 0],
    ['only wrong options: floored at 0', 'q4', ['d', 'e'], 0],
    ['more wrong than right: floored at 0', 'q4', ['a', 'd', 'e'], 0],
    ['no answer', 'q4', [], 0],
  ])('multiple: %s', (_name, id, chosen, expected) => {
    const score = scoreQuestion(q(id), chosen);
    expect(score).toBeCloseTo(expected, 12);
    expect(score).toBeGreaterThanOrEqual(0);
  });

  it('never gives full marks for ticking every option of a multiple-choice question', () => {
    const multiples = quiz.questions.filter((x) => x.type === 'multiple');
    expect(multiples.length).toBeGreaterThan(0);
    for (const m of multiples) {
      expect(
        scoreQuestion(
          m,
          m.options.map((o) => o.id),
        ),
      ).toBeLessThan(1);
    }
  });
});

describe('passPercent', () => {
  it('is 80 when the quiz names none', () => {
    expect(DEFAULT_PASS_PERCENT).toBe(80);
    expect(passPercent(singles(4))).toBe(80);
  });

  it('is the quiz’s own pass mark when it names one', () => {
    expect(passPercent(singles(4, 60))).toBe(60);
  });
});

describe('gradeQuiz', () => {
  it('gives 100 and a pass for all answers right', () => {
    const grade = gradeQuiz(quiz, {
      q1: ['a'],
      q2: ['b'],
      q3: ['true'],
      q4: ['a', 'b', 'c'],
      q5: ['a', 'b'],
    });
    expect(grade.score).toBe(100);
    expect(grade.passed).toBe(true);
    expect(grade.questions.every((r) => r.correct && r.score === 1)).toBe(true);
  });

  it('reports each question, in quiz order, with what was chosen', () => {
    const grade = gradeQuiz(quiz, { q5: ['a', 'b'], q1: ['b'], q4: ['a', 'b'], unknown: ['a'] });
    expect(grade.questions.map((r) => r.questionId)).toEqual(ALL_IDS);
    expect(grade.questions[0]).toEqual({ questionId: 'q1', chosen: ['b'], score: 0, correct: false });
    expect(grade.questions[1]).toEqual({ questionId: 'q2', chosen: [], score: 0, correct: false });
    expect(grade.questions[3]?.chosen).toEqual(['a', 'b']);
    expect(grade.questions[3]?.score).toBeCloseTo(2 / 3, 12);
    expect(grade.questions[3]?.correct).toBe(false);
    expect(grade.questions[4]).toEqual({ questionId: 'q5', chosen: ['a', 'b'], score: 1, correct: true });
    // (0 + 0 + 0 + 2/3 + 1) / 5 = 33.3…% → 33
    expect(grade.score).toBe(33);
    expect(grade.passed).toBe(false);
  });

  it.each<[string, number, number, number | undefined, number, boolean]>([
    ['2 of 3, rounded down (66, not 67)', 3, 2, 67, 66, false],
    ['2 of 3 at a pass mark of 66', 3, 2, 66, 66, true],
    ['1 of 3', 3, 1, undefined, 33, false],
    ['0 of 4', 4, 0, undefined, 0, false],
    ['3 of 4 under the default 80', 4, 3, undefined, 75, false],
    ['3 of 4 at a pass mark of 75', 4, 3, 75, 75, true],
    ['4 of 5 meets the default 80', 5, 4, undefined, 80, true],
    ['4 of 5 under a pass mark of 90', 5, 4, 90, 80, false],
    ['3 of 5 at a pass mark of 60', 5, 3, 60, 60, true],
    ['5 of 6 under a pass mark of 84 (83.3…)', 6, 5, 84, 83, false],
    ['7 of 8', 8, 7, undefined, 87, true],
    ['8 of 8 at a pass mark of 100', 8, 8, 100, 100, true],
  ])('%s', (_name, n, right, pass, score, passed) => {
    const file = singles(n, pass);
    const grade = gradeQuiz(file, answersFor(file, right));
    expect(grade.score).toBe(score);
    expect(grade.passed).toBe(passed);
  });

  it.each<[string, number, number]>([
    // 1 + 2/5 of 5 questions is exactly 28%; naive floating point gives 27.999…
    ['1 full mark and 2/5', 1, 28],
    // 2 + 4/5 of 5 questions is exactly 56%; naive floating point gives 55.999…
    ['2 full marks and 4/5', 2, 56],
  ])('does not lose a point to floating point: %s', (_name, full, expected) => {
    const file: QuizFile = {
      questions: [
        ...singles(4).questions,
        question('m', 'multiple', [
          ['a', true],
          ['b', true],
          ['c', true],
          ['d', true],
          ['e', true],
          ['f', false],
        ]),
      ],
    };
    const answers = answersFor(singles(4), full);
    answers['m'] = full === 1 ? ['a', 'b'] : ['a', 'b', 'c', 'd'];
    expect(gradeQuiz(file, answers).score).toBe(expected);
  });
});

describe('missedQuestionIds', () => {
  it('lists wrong, blank and partly right questions, in quiz order', () => {
    const grade = gradeQuiz(quiz, { q1: ['a'], q2: ['c'], q4: ['a', 'b'], q5: ['a', 'b'] });
    expect(missedQuestionIds(grade)).toEqual(['q2', 'q3', 'q4']);
  });

  it('is empty when every question has full marks', () => {
    const grade = gradeQuiz(quiz, {
      q1: ['a'],
      q2: ['b'],
      q3: ['true'],
      q4: ['a', 'b', 'c'],
      q5: ['a', 'b'],
    });
    expect(missedQuestionIds(grade)).toEqual([]);
  });

  it('lists every question when nothing was answered', () => {
    expect(missedQuestionIds(gradeQuiz(quiz, {}))).toEqual(ALL_IDS);
  });
});

describe('readAnswers', () => {
  const full: [string, string][] = [
    ['q-q1', 'a'],
    ['q-q2', 'b'],
    ['q-q3', 'false'],
    ['q-q4', 'a'],
    ['q-q4', 'd'],
    ['q-q5', 'c'],
  ];

  it('reads a complete form, several values for a multiple-choice question', () => {
    expect(readAnswers(quiz, ALL_IDS, full)).toEqual({
      kind: 'ok',
      answers: { q1: ['a'], q2: ['b'], q3: ['false'], q4: ['a', 'd'], q5: ['c'] },
    });
  });

  it('reads a retake form holding only the questions it asked', () => {
    expect(
      readAnswers(
        quiz,
        ['q2', 'q4'],
        [
          ['q-q2', 'a'],
          ['q-q4', 'b'],
        ],
      ),
    ).toEqual({ kind: 'ok', answers: { q2: ['a'], q4: ['b'] } });
  });

  it.each<[string, [string, string][]]>([
    ['score', [['score', '100']]],
    ['userId', [['userId', 'someone-else']]],
    ['passed', [['passed', 'true']]],
    [
      'a CSRF token and a next URL',
      [
        ['_csrf', 'token'],
        ['next', '/dashboard'],
      ],
    ],
    ['a capitalised Q- field', [['Q-q1', 'zzz']]],
    ['a field merely containing q-', [['xq-q1', 'zzz']]],
    ['a bare question id without the prefix', [['q1', 'zzz']]],
    ['a field starting with q but not q-', [['quiz', 'no-maybe']]],
  ])('ignores fields not starting with q-: %s', (_name, extra) => {
    expect(readAnswers(quiz, ALL_IDS, [...extra, ...full, ...extra])).toEqual({
      kind: 'ok',
      answers: { q1: ['a'], q2: ['b'], q3: ['false'], q4: ['a', 'd'], q5: ['c'] },
    });
  });

  it.each<[string, readonly string[], [string, string][], RegExp]>([
    ['an unknown question id', ALL_IDS, [...full, ['q-q9', 'a']], /no question “q9”/],
    ['an empty question id', ALL_IDS, [['q-', 'a'], ...full], /no question/],
    [
      'a question not asked on this form',
      ['q1', 'q2'],
      [
        ['q-q1', 'a'],
        ['q-q2', 'b'],
        ['q-q3', 'true'],
      ],
      /no question “q3”/,
    ],
    [
      'an option of another question (true-false option on a single)',
      ALL_IDS,
      [['q-q1', 'true'], ...full.slice(1)],
      /not an option/,
    ],
    [
      'an option of another question (d exists only on q4)',
      ALL_IDS,
      [['q-q1', 'd'], ...full.slice(1)],
      /not an option/,
    ],
    ['an option id of no question', ALL_IDS, [...full, ['q-q4', 'zzz']], /not an option/],
    ['an empty option', ALL_IDS, [['q-q1', ''], ...full.slice(1)], /not an option/],
    ['the same option twice on a multiple-choice question', ALL_IDS, [...full, ['q-q4', 'a']], /twice/],
    ['the same option twice on a one-answer question', ALL_IDS, [...full, ['q-q1', 'a']], /twice/],
    ['two answers to a single-choice question', ALL_IDS, [...full, ['q-q1', 'b']], /Only one answer/],
    ['two answers to a scenario question', ALL_IDS, [...full, ['q-q2', 'c']], /Only one answer/],
    ['two answers to a true-false question', ALL_IDS, [...full, ['q-q3', 'true']], /Only one answer/],
  ])('refuses %s as a bad request', (_name, asked, entries, message) => {
    const result = readAnswers(quiz, asked, entries);
    expect(result.kind).toBe('bad-request');
    expect(result.kind === 'bad-request' ? result.message : '').toMatch(message);
  });

  it('returns blank questions as incomplete, keeping the answers given', () => {
    expect(
      readAnswers(quiz, ALL_IDS, [
        ['q-q1', 'b'],
        ['q-q4', 'a'],
        ['q-q4', 'c'],
        ['score', '100'],
      ]),
    ).toEqual({
      kind: 'incomplete',
      answers: { q1: ['b'], q4: ['a', 'c'] },
      unanswered: ['q2', 'q3', 'q5'],
    });
  });

  it('returns an empty form as incomplete with every asked question unanswered', () => {
    expect(readAnswers(quiz, ['q3', 'q5'], [])).toEqual({
      kind: 'incomplete',
      answers: {},
      unanswered: ['q3', 'q5'],
    });
  });

  it('accepts a form of exactly 200 fields', () => {
    const padding = Array.from({ length: 200 - full.length }, (_, i): [string, string] => [`pad${i}`, 'x']);
    expect(readAnswers(quiz, ALL_IDS, [...full, ...padding]).kind).toBe('ok');
  });

  it.each<[string, [string, string][]]>([
    ['201 ignored fields', Array.from({ length: 201 }, (_, i): [string, string] => [`pad${i}`, 'x'])],
    [
      'a real form padded past 200 fields',
      [...full, ...Array.from({ length: 201 - full.length }, (): [string, string] => ['score', '100'])],
    ],
    ['thousands of repeated answers', Array.from({ length: 5000 }, (): [string, string] => ['q-q4', 'a'])],
  ])('refuses more than 200 fields as a bad request: %s', (_name, entries) => {
    expect(entries.length).toBeGreaterThan(200);
    const result = readAnswers(quiz, ALL_IDS, entries);
    expect(result.kind).toBe('bad-request');
    expect(result.kind === 'bad-request' ? result.message : '').toMatch(/too many fields/);
  });
});

describe('publicQuestion', () => {
  it.each(quiz.questions.map((x) => [x.id, x.type, x] as const))(
    '%s (%s) carries neither the answer key nor the explanations',
    (_id, _type, x) => {
      const pub = publicQuestion(x);
      const json = JSON.stringify(pub);
      expect(json).not.toContain('"correct"');
      expect(json).not.toContain('"explanation"');
      expect(json).not.toContain('SECRET-');
      for (const o of x.options) expect(json).not.toContain(o.explanation);
      expect(Object.keys(pub).sort()).toEqual(['id', 'options', 'prompt', 'scenario', 'type']);
      expect(pub.options).toEqual(x.options.map((o) => ({ id: o.id, text: o.text })));
      for (const o of pub.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
    },
  );

  it('keeps what the learner needs to answer', () => {
    expect(publicQuestion(q('q2'))).toEqual({
      id: 'q2',
      type: 'scenario',
      scenario: SCENARIO,
      prompt: 'What is the answer to question q2?',
      options: [
        { id: 'a', text: 'Choice a of q2' },
        { id: 'b', text: 'Choice b of q2' },
        { id: 'c', text: 'Choice c of q2' },
      ],
    });
    expect(publicQuestion(q('q1')).scenario).toBeNull();
  });
});

describe('quizSchema', () => {
  /** The fixture quiz as plain data, with `change` applied to a deep copy. */
  function variant(change: (questions: QuizQuestion[], file: Record<string, unknown>) => void): unknown {
    const file = structuredClone(quiz) as QuizFile & Record<string, unknown>;
    change(file.questions, file);
    return file;
  }
  const at = (questions: QuizQuestion[], id: string): QuizQuestion => {
    const found = questions.find((x) => x.id === id);
    if (!found) throw new Error(`no question ${id}`);
    return found;
  };
  const setOptions = (questions: QuizQuestion[], id: string, options: OptionSpec[]): void => {
    at(questions, id).options = question(id, 'single', options).options;
  };

  it('accepts the fixture quiz, every question type, with no pass mark', () => {
    const result = quizSchema.safeParse(variant(() => {}));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(result.data?.passPercent).toBeUndefined();
  });

  it.each<[string, (qs: QuizQuestion[], file: Record<string, unknown>) => void]>([
    [
      'a pass mark of 1',
      (_qs, file) => {
        file['passPercent'] = 1;
      },
    ],
    [
      'a pass mark of 100',
      (_qs, file) => {
        file['passPercent'] = 100;
      },
    ],
    ['a multiple-choice question with exactly two right and one wrong', () => {}],
    [
      'a multiple-choice question with one right option',
      (qs) =>
        setOptions(qs, 'q5', [
          ['a', false],
          ['b', true],
          ['c', false],
        ]),
    ],
    [
      'a multiple-choice question with all but one of five options right',
      (qs) =>
        setOptions(qs, 'q4', [
          ['a', true],
          ['b', true],
          ['c', false],
          ['d', true],
          ['e', true],
        ]),
    ],
    [
      'a single-choice question with six options',
      (qs) =>
        setOptions(qs, 'q1', [
          ['a', true],
          ['b', false],
          ['c', false],
          ['d', false],
          ['e', false],
          ['f', false],
        ]),
    ],
    [
      'eight questions',
      (qs) => qs.push(...['q6', 'q7', 'q8'].map((id) => ({ ...structuredClone(qs[0] as QuizQuestion), id }))),
    ],
  ])('accepts %s', (_name, change) => {
    const result = quizSchema.safeParse(variant(change));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  /** Each case names the message it expects, or (for zod's own checks) the path of the issue. */
  it.each<[string, (qs: QuizQuestion[], file: Record<string, unknown>) => void, RegExp | string]>([
    [
      'true-false with its options in the wrong order',
      (qs) =>
        setOptions(qs, 'q3', [
          ['false', false],
          ['true', true],
        ]),
      /exactly the options `true` and `false`/,
    ],
    [
      'true-false with other option ids',
      (qs) =>
        setOptions(qs, 'q3', [
          ['yes', true],
          ['no', false],
        ]),
      /exactly the options `true` and `false`/,
    ],
    [
      'true-false with a third option',
      (qs) =>
        setOptions(qs, 'q3', [
          ['true', true],
          ['false', false],
          ['maybe', false],
        ]),
      /exactly the options `true` and `false`/,
    ],
    [
      'true-false with both options right',
      (qs) =>
        setOptions(qs, 'q3', [
          ['true', true],
          ['false', true],
        ]),
      /true-false question has exactly one right option/,
    ],
    [
      'true-false with no right option',
      (qs) =>
        setOptions(qs, 'q3', [
          ['true', false],
          ['false', false],
        ]),
      /true-false question has exactly one right option/,
    ],
    [
      'multiple with no right option',
      (qs) =>
        setOptions(qs, 'q5', [
          ['a', false],
          ['b', false],
          ['c', false],
        ]),
      /at least one right and one wrong/,
    ],
    [
      'multiple with no wrong option',
      (qs) =>
        setOptions(qs, 'q5', [
          ['a', true],
          ['b', true],
          ['c', true],
        ]),
      /at least one right and one wrong/,
    ],
    [
      'multiple with two options',
      (qs) =>
        setOptions(qs, 'q5', [
          ['a', true],
          ['b', false],
        ]),
      /at least three options/,
    ],
    [
      'single with two right options',
      (qs) =>
        setOptions(qs, 'q1', [
          ['a', true],
          ['b', true],
          ['c', false],
        ]),
      /single question has exactly one right option/,
    ],
    [
      'single with no right option',
      (qs) =>
        setOptions(qs, 'q1', [
          ['a', false],
          ['b', false],
          ['c', false],
        ]),
      /single question has exactly one right option/,
    ],
    [
      'single with two options',
      (qs) =>
        setOptions(qs, 'q1', [
          ['a', true],
          ['b', false],
        ]),
      /at least three options/,
    ],
    [
      'scenario with two right options',
      (qs) =>
        setOptions(qs, 'q2', [
          ['a', true],
          ['b', true],
          ['c', false],
        ]),
      /scenario question has exactly one right option/,
    ],
    ['scenario without a scenario', (qs) => delete at(qs, 'q2').scenario, /needs a scenario/],
    [
      'a scenario on a single-choice question',
      (qs) => {
        at(qs, 'q1').scenario = SCENARIO;
      },
      /only scenario questions/,
    ],
    [
      'duplicate option ids',
      (qs) =>
        setOptions(qs, 'q4', [
          ['a', true],
          ['b', true],
          ['a', false],
        ]),
      /option ids must be unique/,
    ],
    [
      'duplicate question ids',
      (qs) => {
        at(qs, 'q4').id = 'q1';
      },
      /question ids must be unique/,
    ],
    [
      'three questions',
      (qs) => {
        qs.splice(3);
      },
      'questions',
    ],
    [
      'nine questions',
      (qs) => {
        qs.push(...['q6', 'q7', 'q8', 'q9'].map((id) => ({ ...structuredClone(qs[0] as QuizQuestion), id })));
      },
      'questions',
    ],
    [
      'a pass mark of 0',
      (_qs, file) => {
        file['passPercent'] = 0;
      },
      'passPercent',
    ],
    [
      'a pass mark of 101',
      (_qs, file) => {
        file['passPercent'] = 101;
      },
      'passPercent',
    ],
    [
      'a fractional pass mark',
      (_qs, file) => {
        file['passPercent'] = 79.5;
      },
      'passPercent',
    ],
    [
      'an unknown key on the quiz',
      (_qs, file) => {
        file['answers'] = {};
      },
      '',
    ],
    [
      'an unknown element',
      (qs) => {
        (at(qs, 'q1') as { element: string }).element = 'charm';
      },
      'questions.0.element',
    ],
    [
      'an explanation that is too short',
      (qs) => {
        (at(qs, 'q1').options[0] as { explanation: string }).explanation = 'Yes.';
      },
      'questions.0.options.0.explanation',
    ],
  ])('refuses %s', (_name, change, expected) => {
    const result = quizSchema.safeParse(variant(change));
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    if (typeof expected === 'string') expect(issues.map((i) => i.path.join('.'))).toContain(expected);
    else expect(issues.map((i) => i.message).join('\n')).toMatch(expected);
  });
});

describe('multiple choice with one right option', () => {
  const one = question('m1', 'multiple', [
    ['a', false],
    ['b', true],
    ['c', false],
    ['d', false],
  ]);
  it.each<[string, string[], number]>([
    ['the right option alone', ['b'], 1],
    ['the right option and a wrong one', ['b', 'a'], 0],
    ['every option', ['a', 'b', 'c', 'd'], 0],
    ['a wrong option', ['c'], 0],
  ])('%s', (_name, chosen, expected) => {
    expect(scoreQuestion(one, chosen)).toBe(expected);
  });
});

describe('revisionSince', () => {
  it('finds nothing when the attempt answered exactly today’s questions', () => {
    const answers = Object.fromEntries(quiz.questions.map((x) => [x.id, ['a']]));
    expect(revisionSince(quiz, answers)).toEqual({ added: [], removed: [] });
  });

  it('lists questions added since the attempt and answers to questions no longer asked', () => {
    const answers: Answers = { q1: ['a'], q2: ['b'], q3: ['true'], q4: ['a'], q9: ['c'], q10: ['a'] };
    expect(revisionSince(quiz, answers)).toEqual({ added: ['q5'], removed: ['q9', 'q10'] });
  });

  it('grades the questions the attempt did not answer as missed, so a retake asks them', () => {
    const answers: Answers = { q1: ['a'], q2: ['b'], q3: ['true'], q4: ['a', 'b', 'c'], q9: ['c'] };
    expect(missedQuestionIds(gradeQuiz(quiz, answers))).toEqual(['q5']);
  });
});
