/**
 * The course check: figures computed over every quiz of the course, and the thresholds they must meet
 * so that a learner cannot pass by answering patterns instead of reading (issue 15). Pure: the unit test
 * reads the files, prints `courseCheckReport` and asserts `courseCheckProblems` is empty.
 */
import { ELEMENTS, type Element } from '../content/elements';
import type { QuizFile, QuizQuestion } from './schema';

export interface CourseQuiz {
  /** The lesson slug (the file name without `.yaml`). */
  slug: string;
  quiz: QuizFile;
}

/** The limits the figures are held to. Shares are fractions of 1. */
export const LIMITS = {
  /** One-answer questions whose right option is first in file order, course-wide. */
  maxRightFirst: 0.3,
  /** A quiz with at least this many one-answer questions must not put them all at one position. */
  samePositionMinQuestions: 3,
  /** One-answer questions whose right option is strictly the longest, course-wide. */
  maxRightLongest: 0.35,
  /** True-false questions whose right answer is "true". */
  minTrue: 0.4,
  maxTrue: 0.6,
  /** No single count of right options covers more than this share of `multiple` questions. */
  maxSameRightCount: 0.6,
  /** Scenario questions, of all questions. */
  minScenarios: 0.5,
  /** Each trust element, of all questions. */
  minElement: 0.13,
  maxElement: 0.27,
  /** Two scenarios whose content words overlap this much (Jaccard) are near-duplicates. */
  maxScenarioSimilarity: 0.5,
} as const;

/** Wording that tests recall of the lesson, or survey figures, instead of understanding. */
export const FORBIDDEN_WORDING = [
  'the lesson',
  'this lesson',
  'according to',
  'the course',
  '%',
  'percent',
] as const;

/** Where a question sits: `slug#q3`. */
export type QuestionRef = string;

export interface ScenarioPair {
  a: QuestionRef;
  b: QuestionRef;
  /** Jaccard similarity of the two scenarios' content-word sets, 0–1. */
  similarity: number;
}

export interface CourseFigures {
  quizzes: number;
  questions: number;
  oneAnswer: {
    /** `single` and `scenario` questions. */
    total: number;
    /** How many have the right option at file position 1, 2, 3… (index 0 is position 1). */
    byPosition: number[];
    rightFirst: number;
    /** Quizzes with enough one-answer questions that put the right option at one position in all of them. */
    samePosition: { slug: string; position: number; questions: number }[];
  };
  longest: {
    /** One-answer questions whose right option has strictly more characters than every other option. */
    rightLongest: number;
    scenarios: number;
    scenarioRightLongest: number;
  };
  trueFalse: { total: number; rightTrue: number };
  multiple: {
    total: number;
    /** Right-option count → number of `multiple` questions with that many. */
    byRightCount: Map<number, number>;
    /** Questions outside 1..n−1 right options (the schema refuses these too). */
    outOfRange: QuestionRef[];
  };
  wording: { ref: QuestionRef; phrase: string }[];
  scenarios: number;
  elements: Record<Element, number>;
  /** Every pair of scenarios, most similar first. */
  scenarioPairs: ScenarioPair[];
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

const isOneAnswer = (q: QuizQuestion): boolean => q.type === 'single' || q.type === 'scenario';

/** Function words that say nothing about a scenario's set-up; dropped before comparing two. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her hers him his how i ' +
    'if in into is it its just me my no not of on or our out she so than that the their them then there ' +
    'they this to up us was we were what when which who why will with would you your about after all also ' +
    'any before being both each just more most now only other over same some such very while'
  ).split(' '),
);

/** The distinct content words of a text: lower case, three letters or more, no function words. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return new Set(
    words
      .map((w) => w.replace(/['’]s$/, '').replace(/['’]/g, ''))
      .filter((w) => w.length >= 3 && !STOP_WORDS.has(w)),
  );
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? 0 : both / either;
}

/** Whether the right option has strictly more characters than each of the others. */
function rightIsLongest(q: QuizQuestion): boolean {
  const right = q.options.find((o) => o.correct);
  if (!right) return false;
  return q.options.every((o) => o === right || o.text.length < right.text.length);
}

export function courseFigures(quizzes: readonly CourseQuiz[]): CourseFigures {
  const f: CourseFigures = {
    quizzes: quizzes.length,
    questions: 0,
    oneAnswer: { total: 0, byPosition: [], rightFirst: 0, samePosition: [] },
    longest: { rightLongest: 0, scenarios: 0, scenarioRightLongest: 0 },
    trueFalse: { total: 0, rightTrue: 0 },
    multiple: { total: 0, byRightCount: new Map(), outOfRange: [] },
    wording: [],
    scenarios: 0,
    elements: Object.fromEntries(ELEMENTS.map((e) => [e, 0])) as Record<Element, number>,
    scenarioPairs: [],
  };
  const scenarioWords: { ref: QuestionRef; words: Set<string> }[] = [];

  for (const { slug, quiz } of quizzes) {
    const positions: number[] = [];
    for (const q of quiz.questions) {
      const ref = `${slug}#${q.id}`;
      f.questions++;
      f.elements[q.element]++;
      const text = `${q.scenario ?? ''}\n${q.prompt}`.toLowerCase();
      for (const phrase of FORBIDDEN_WORDING) if (text.includes(phrase)) f.wording.push({ ref, phrase });

      if (isOneAnswer(q)) {
        const position = q.options.findIndex((o) => o.correct) + 1;
        positions.push(position);
        f.oneAnswer.total++;
        f.oneAnswer.byPosition[position - 1] = (f.oneAnswer.byPosition[position - 1] ?? 0) + 1;
        if (position === 1) f.oneAnswer.rightFirst++;
        const longest = rightIsLongest(q);
        if (longest) f.longest.rightLongest++;
        if (q.type === 'scenario') {
          f.longest.scenarios++;
          if (longest) f.longest.scenarioRightLongest++;
        }
      }
      if (q.type === 'scenario') {
        f.scenarios++;
        scenarioWords.push({ ref, words: contentWords(q.scenario ?? '') });
      }
      if (q.type === 'true-false') {
        f.trueFalse.total++;
        if (q.options.find((o) => o.correct)?.id === 'true') f.trueFalse.rightTrue++;
      }
      if (q.type === 'multiple') {
        const right = q.options.filter((o) => o.correct).length;
        f.multiple.total++;
        f.multiple.byRightCount.set(right, (f.multiple.byRightCount.get(right) ?? 0) + 1);
        if (right < 1 || right > q.options.length - 1) f.multiple.outOfRange.push(ref);
      }
    }
    const first = positions[0];
    if (positions.length >= LIMITS.samePositionMinQuestions && positions.every((p) => p === first)) {
      f.oneAnswer.samePosition.push({ slug, position: first ?? 0, questions: positions.length });
    }
  }

  for (let i = 0; i < scenarioWords.length; i++) {
    for (let j = i + 1; j < scenarioWords.length; j++) {
      const a = scenarioWords[i];
      const b = scenarioWords[j];
      if (a && b) f.scenarioPairs.push({ a: a.ref, b: b.ref, similarity: jaccard(a.words, b.words) });
    }
  }
  f.scenarioPairs.sort((x, y) => y.similarity - x.similarity || x.a.localeCompare(y.a));
  return f;
}

const pct = (part: number, whole: number): string => `${(share(part, whole) * 100).toFixed(1)}%`;
const limit = (x: number): string => `${Math.round(x * 100)}%`;

/** The checks, each asserted on its own so a failure names what to fix. */
export const CHECKS = [
  'right option first',
  'same position in a quiz',
  'right option longest',
  'true-false balance',
  'select-all right counts',
  'wording',
  'scenario share',
  'element balance',
  'near-duplicate scenarios',
] as const;
export type Check = (typeof CHECKS)[number];

export interface Problem {
  check: Check;
  message: string;
}

/** What fails the check, one line each; empty when the course meets the standard. */
export function courseCheckProblems(f: CourseFigures): Problem[] {
  const problems: Problem[] = [];
  const fail = (check: Check, message: string): void => {
    problems.push({ check, message });
  };
  const o = f.oneAnswer;
  if (share(o.rightFirst, o.total) > LIMITS.maxRightFirst) {
    fail(
      'right option first',
      `right option first in file order in ${o.rightFirst} of ${o.total} one-answer questions (${pct(o.rightFirst, o.total)}; at most ${limit(LIMITS.maxRightFirst)})`,
    );
  }
  for (const q of o.samePosition) {
    fail(
      'same position in a quiz',
      `${q.slug}: the right option is at position ${q.position} in all ${q.questions} one-answer questions`,
    );
  }
  if (share(f.longest.rightLongest, o.total) > LIMITS.maxRightLongest) {
    fail(
      'right option longest',
      `right option strictly the longest in ${f.longest.rightLongest} of ${o.total} one-answer questions (${pct(f.longest.rightLongest, o.total)}; at most ${limit(LIMITS.maxRightLongest)})`,
    );
  }
  const tf = f.trueFalse;
  const trueShare = share(tf.rightTrue, tf.total);
  if (tf.total > 0 && (trueShare < LIMITS.minTrue || trueShare > LIMITS.maxTrue)) {
    fail(
      'true-false balance',
      `true-false: "true" is right in ${tf.rightTrue} of ${tf.total} (${pct(tf.rightTrue, tf.total)}; ${limit(LIMITS.minTrue)}–${limit(LIMITS.maxTrue)})`,
    );
  }
  for (const ref of f.multiple.outOfRange)
    fail('select-all right counts', `${ref}: a multiple question needs 1 to n−1 right options`);
  for (const [count, questions] of f.multiple.byRightCount) {
    if (share(questions, f.multiple.total) > LIMITS.maxSameRightCount) {
      fail(
        'select-all right counts',
        `${questions} of ${f.multiple.total} multiple questions have exactly ${count} right (${pct(questions, f.multiple.total)}; at most ${limit(LIMITS.maxSameRightCount)} may share a count)`,
      );
    }
  }
  for (const w of f.wording) fail('wording', `${w.ref}: prompt or scenario contains “${w.phrase}”`);
  if (share(f.scenarios, f.questions) < LIMITS.minScenarios) {
    fail(
      'scenario share',
      `${f.scenarios} of ${f.questions} questions are scenarios (${pct(f.scenarios, f.questions)}; at least ${limit(LIMITS.minScenarios)})`,
    );
  }
  for (const element of ELEMENTS) {
    const n = f.elements[element];
    const s = share(n, f.questions);
    if (s < LIMITS.minElement || s > LIMITS.maxElement) {
      fail(
        'element balance',
        `${element}: ${n} of ${f.questions} questions (${pct(n, f.questions)}; ${limit(LIMITS.minElement)}–${limit(LIMITS.maxElement)})`,
      );
    }
  }
  for (const p of f.scenarioPairs) {
    if (p.similarity < LIMITS.maxScenarioSimilarity) break;
    fail(
      'near-duplicate scenarios',
      `${p.a} and ${p.b} are near-duplicate scenarios (content-word overlap ${p.similarity.toFixed(2)})`,
    );
  }
  return problems;
}

/** The figures as a plain-text table, with the limit each is held to. */
export function courseCheckReport(f: CourseFigures, topPairs = 5): string {
  const o = f.oneAnswer;
  const rows: [string, string, string][] = [
    ['quizzes / questions', `${f.quizzes} / ${f.questions}`, ''],
    ['one-answer questions (single, scenario)', String(o.total), ''],
    [
      '  right option first in file order',
      `${o.rightFirst} (${pct(o.rightFirst, o.total)})`,
      `≤ ${limit(LIMITS.maxRightFirst)}`,
    ],
    ['  right option by position 1, 2, 3…', Array.from(o.byPosition, (n) => n ?? 0).join(' / '), 'spread'],
    ['  quizzes with every one-answer right at one position', String(o.samePosition.length), '0'],
    ...o.samePosition.map((q): [string, string, string] => [
      '',
      `${q.slug} (position ${q.position}, ${q.questions} questions)`,
      '',
    ]),
    [
      '  right option strictly the longest',
      `${f.longest.rightLongest} (${pct(f.longest.rightLongest, o.total)})`,
      `≤ ${limit(LIMITS.maxRightLongest)}`,
    ],
    [
      '    of which in scenarios',
      `${f.longest.scenarioRightLongest} of ${f.longest.scenarios} (${pct(f.longest.scenarioRightLongest, f.longest.scenarios)})`,
      'reported',
    ],
    [
      'true-false: right answer "true"',
      `${f.trueFalse.rightTrue} of ${f.trueFalse.total} (${pct(f.trueFalse.rightTrue, f.trueFalse.total)})`,
      `${limit(LIMITS.minTrue)}–${limit(LIMITS.maxTrue)}`,
    ],
    [
      'multiple: questions by number right',
      [...f.multiple.byRightCount]
        .sort(([a], [b]) => a - b)
        .map(([count, n]) => `${count} right: ${n}`)
        .join(', ') || 'none',
      `1..n−1; each ≤ ${limit(LIMITS.maxSameRightCount)}`,
    ],
    ['forbidden wording in prompts or scenarios', String(f.wording.length), '0'],
    [
      'scenario questions',
      `${f.scenarios} (${pct(f.scenarios, f.questions)})`,
      `≥ ${limit(LIMITS.minScenarios)}`,
    ],
    ...ELEMENTS.map((e): [string, string, string] => [
      `element: ${e}`,
      `${f.elements[e]} (${pct(f.elements[e], f.questions)})`,
      `${limit(LIMITS.minElement)}–${limit(LIMITS.maxElement)}`,
    ]),
    ...f.scenarioPairs
      .slice(0, topPairs)
      .map((p, i): [string, string, string] => [
        `${i === 0 ? 'most similar scenarios' : ''}`,
        `${p.similarity.toFixed(2)} ${p.a} ~ ${p.b}`,
        i === 0 ? `< ${LIMITS.maxScenarioSimilarity.toFixed(2)}` : '',
      ]),
  ];
  const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows
    .map(([label, value, bound]) =>
      `${label.padEnd(widths[0] ?? 0)}  ${value.padEnd(widths[1] ?? 0)}  ${bound}`.trimEnd(),
    )
    .join('\n');
}
