import { describe, expect, it } from 'vitest';
import { publicQuestion } from '../../../src/lib/quiz/grading';
import type { QuestionType, QuizQuestion } from '../../../src/lib/quiz/schema';
import { shuffleOptions } from '../../../src/lib/quiz/shuffle';

const opts = (ids: string[]) => ids.map((id) => ({ id, text: `Option ${id}` }));
const FIVE = opts(['a', 'b', 'c', 'd', 'e']);

/** A quiz-sized set of questions: seven four-option questions. */
const QUIZ = Array.from({ length: 7 }, (_, i) => ({
  question: { id: `q${i + 1}`, type: 'scenario' as QuestionType },
  options: opts(['a', 'b', 'c', 'd']),
}));

const ordersOf = (seed: string) =>
  QUIZ.map(({ question, options }) =>
    shuffleOptions(seed, question, options)
      .map((o) => o.id)
      .join(''),
  );

// Seeds in the shape the server uses (attempt submission ids).
const SEED_1 = 'abcdefghijklmnopqrstuvwxyz';
const SEED_2 = 'zyxwvutsrqponmlkjihgfedcba';

describe('shuffleOptions', () => {
  it('deals the same order every time for the same seed and question', () => {
    const first = shuffleOptions(SEED_1, { id: 'q1', type: 'single' }, FIVE);
    for (let i = 0; i < 5; i++)
      expect(shuffleOptions(SEED_1, { id: 'q1', type: 'single' }, FIVE)).toEqual(first);
  });

  it('returns a permutation: every option once, none added, the input untouched', () => {
    const input = [...FIVE];
    for (const seed of [SEED_1, SEED_2, 'x', '']) {
      const out = shuffleOptions(seed, { id: 'q3', type: 'multiple' }, input);
      expect(out).toHaveLength(FIVE.length);
      expect(new Set(out)).toEqual(new Set(FIVE));
    }
    expect(input).toEqual(FIVE);
  });

  it('gives two seeds different orders across a quiz', () => {
    const one = ordersOf(SEED_1);
    const two = ordersOf(SEED_2);
    expect(one).not.toEqual(two);
    // Not merely one question differing: most of them do.
    expect(one.filter((order, i) => order !== two[i]).length).toBeGreaterThanOrEqual(4);
  });

  it('shuffles each question of one attempt independently', () => {
    // The same seed does not impose one permutation on every question of the quiz.
    expect(new Set(ordersOf(SEED_1)).size).toBeGreaterThan(1);
  });

  it('moves the file-order first option away from the top about three times in four', () => {
    let first = 0;
    const seeds = Array.from({ length: 400 }, (_, i) => `seed-${i}`);
    for (const seed of seeds) {
      if (shuffleOptions(seed, { id: 'q1', type: 'scenario' }, opts(['a', 'b', 'c', 'd']))[0]?.id === 'a')
        first++;
    }
    // Uniform would be 100 of 400; the bounds are wide (the count is fixed for these seeds).
    expect(first).toBeGreaterThan(60);
    expect(first).toBeLessThan(140);
  });

  it('keeps True then False for true-false questions', () => {
    const tf = opts(['true', 'false']);
    for (const seed of [SEED_1, SEED_2, 'a', 'b', 'c']) {
      expect(shuffleOptions(seed, { id: 'q2', type: 'true-false' }, tf).map((o) => o.id)).toEqual([
        'true',
        'false',
      ]);
    }
  });
});

describe('publicQuestion with a seed', () => {
  const q: QuizQuestion = {
    id: 'q1',
    type: 'single',
    element: 'rapport',
    prompt: 'Which of these is the best first step?',
    section: 'intro',
    options: ['a', 'b', 'c', 'd'].map((id) => ({
      id,
      text: `Text ${id}`,
      correct: id === 'c',
      explanation: `Explanation for ${id}, long enough.`,
    })),
  };

  it('shows the options in the attempt’s order, still without the answer key', () => {
    const pub = publicQuestion(q, SEED_1);
    expect(pub.options.map((o) => o.id)).toEqual(shuffleOptions(SEED_1, q, q.options).map((o) => o.id));
    expect(pub.options.map((o) => o.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(JSON.stringify(pub)).not.toMatch(/correct|Explanation/);
  });

  it('keeps the file order without a seed', () => {
    expect(publicQuestion(q).options.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
