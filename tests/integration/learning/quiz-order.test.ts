/** Options shuffled per attempt on the server: stable within an attempt, different between attempts, graded by id. */
import { quizAttempts } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/lib/platform/html';
import { shuffleOptions } from '../../../src/lib/quiz/shuffle';
import {
  answerFields,
  type postForm,
  postQuiz,
  quizOf,
  submissionIdIn,
  useLearningServer,
} from '../../support/learning';

const ctx = useLearningServer();
const SLUG = 'trust-is-expectations-met';
const QUIZ = `/lessons/${SLUG}/quiz`;
const quiz = quizOf(SLUG);
const shuffled = quiz.questions.filter((q) => q.type !== 'true-false');

// Submission ids chosen by the test (the form's own shape), so the orders compared are fixed.
const SEED_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
const SEED_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbb';

/** Each question's option ids in the order the quiz form shows them. */
function formOrder(html: string): Record<string, string[]> {
  const order: Record<string, string[]> = {};
  for (const [, question = '', option = ''] of html.matchAll(/name="q-([a-z0-9-]+)" value="([a-z0-9-]+)"/g)) {
    order[question] = [...(order[question] ?? []), option];
  }
  return order;
}

/** Each question's option ids in the order the result page explains them (a passed attempt shows all). */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function resultOrder(html: string): Record<string, string[]> {
  return Object.fromEntries(
    quiz.questions.map((q) => {
      // An option's text is the whole of a <strong> (whatever attributes the page's styles give it).
      const at = (text: string) => {
        const found = new RegExp(`<strong[^>]*>${escapeRegExp(escapeHtml(text))}</strong>`).exec(html);
        return found ? found.index : -1;
      };
      const found = q.options.filter((o) => at(o.text) >= 0);
      return [q.id, found.sort((x, y) => at(x.text) - at(y.text)).map((o) => o.id)];
    }),
  );
}

const expectedOrder = (seed: string, ids = quiz.questions.map((q) => q.id)): Record<string, string[]> =>
  Object.fromEntries(
    quiz.questions
      .filter((q) => ids.includes(q.id))
      .map((q) => [q.id, shuffleOptions(seed, q, q.options).map((o) => o.id)]),
  );

/** Posts an incomplete form (only q1) under `seed`: the page comes back with its own order. */
async function orderShownFor(
  v: Parameters<typeof postForm>[0],
  seed: string,
): Promise<Record<string, string[]>> {
  const res = await postQuiz(v, SLUG, [
    ['submission', seed],
    ...answerFields(SLUG).filter(([name]) => name === `q-${quiz.questions[0]?.id}`),
  ]);
  expect(res.status).toBe(400);
  return formOrder(await res.text());
}

describe('option order per attempt', () => {
  it('deals each new form its own order from its submission id, and keeps True then False', async () => {
    const { v } = await ctx.person();
    const first = await (await v.get(QUIZ)).text();
    const second = await (await v.get(QUIZ)).text();
    expect(formOrder(first)).toEqual(expectedOrder(submissionIdIn(first)));
    expect(formOrder(second)).toEqual(expectedOrder(submissionIdIn(second)));
    for (const q of quiz.questions.filter((x) => x.type === 'true-false')) {
      expect(formOrder(first)[q.id]).toEqual(['true', 'false']);
    }
    // Not the file order everywhere: at least one question of a fixed attempt is reordered.
    const fileOrder = Object.fromEntries(quiz.questions.map((q) => [q.id, q.options.map((o) => o.id)]));
    expect(expectedOrder(SEED_A)).not.toEqual(fileOrder);
  });

  it('gives two attempts different orders, and keeps an attempt’s order when its form comes back with errors', async () => {
    expect(shuffled.length).toBeGreaterThan(0);
    const { v } = await ctx.person();
    const a = await orderShownFor(v, SEED_A);
    const b = await orderShownFor(v, SEED_B);
    expect(a).toEqual(expectedOrder(SEED_A));
    expect(b).toEqual(expectedOrder(SEED_B));
    expect(shuffled.some((q) => a[q.id]?.join() !== b[q.id]?.join())).toBe(true);
    // The same attempt's form shown again: the same order.
    expect(await orderShownFor(v, SEED_A)).toEqual(a);
  });

  it('grades by option id, whatever the order, and the result page explains in the attempt’s order', async () => {
    const { v, userId } = await ctx.person();
    const res = await postQuiz(v, SLUG, [['submission', SEED_A], ...answerFields(SLUG)]);
    expect(res.status).toBe(303);
    const result = await (await v.get(res.headers.get('location') ?? '')).text();
    expect(result).toContain('Passed');
    expect(result).toContain('100%');
    expect(resultOrder(result)).toEqual(expectedOrder(SEED_A));
    const other = await postQuiz(v, SLUG, [['submission', SEED_B], ...answerFields(SLUG)]);
    const second = await (await v.get(other.headers.get('location') ?? '')).text();
    expect(resultOrder(second)).toEqual(expectedOrder(SEED_B));
    const rows = await ctx.db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId));
    expect(rows.map((r) => r.score)).toEqual([100, 100]);
  });

  it('shows a retake of the misses, and a retake of that retake, in the first attempt’s order', async () => {
    const { v } = await ctx.person();
    const missedIds = shuffled.slice(0, 2).map((q) => q.id);
    const first = await postQuiz(v, SLUG, [['submission', SEED_A], ...answerFields(SLUG, missedIds)]);
    const firstId = (first.headers.get('location') ?? '').split('/').pop() ?? '';
    const retake = await (await v.get(`${QUIZ}?retake=${firstId}`)).text();
    expect(formOrder(retake)).toEqual(expectedOrder(SEED_A, missedIds));
    // Miss one of them again, then retake that retake: still the first attempt's order.
    const missedAgain = missedIds.slice(0, 1);
    const second = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(retake)],
      ['retake', firstId],
      ...answerFields(SLUG, missedAgain).filter(([name]) => missedIds.includes(name.slice(2))),
    ]);
    expect(second.status).toBe(303);
    const secondId = (second.headers.get('location') ?? '').split('/').pop() ?? '';
    const again = await (await v.get(`${QUIZ}?retake=${secondId}`)).text();
    expect(formOrder(again)).toEqual(expectedOrder(SEED_A, missedAgain));
  });
});

describe('attempts stored before the quiz was revised', () => {
  it('shows the stored score, marks new questions instead of grading them wrong, and asks them in a retake', async () => {
    const { v, userId } = await ctx.person();
    const [kept, replaced] = [quiz.questions.slice(1), quiz.questions[0]];
    if (!replaced) throw new Error('the quiz has no questions');
    // An attempt from an older version of the quiz: q-old was replaced by today's first question.
    const answers = Object.fromEntries([
      ['q-old', ['a']],
      ...kept.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
    ]);
    const id = 'cccccccccccccccccccccccccc';
    await ctx.db.insert(quizAttempts).values({
      id,
      userId,
      lessonSlug: SLUG,
      submissionId: SEED_A,
      answers: JSON.stringify(answers),
      score: 100,
      passed: true,
      retakeOf: null,
      createdAt: new Date(Date.UTC(2026, 0, 5, 10)),
    });
    const res = await v.get(`${QUIZ}/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Passed');
    expect(html).toMatch(/<strong[^>]*>100%<\/strong>/);
    expect(html).toContain(
      'The quiz has been revised since: one question is new to you, and one question you answered is no longer asked. Your score from then stands.',
    );
    expect(html).toContain('New since this attempt: not answered yet');
    // The new question's answer key stays hidden until it is answered.
    for (const o of replaced.options) expect(html).not.toContain(escapeHtml(o.explanation).slice(0, 40));
    expect(html).toContain(`${QUIZ}?retake=${id}`);
    const retake = await (await v.get(`${QUIZ}?retake=${id}`)).text();
    expect(Object.keys(formOrder(retake))).toEqual([replaced.id]);
    const done = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(retake)],
      ['retake', id],
      ...answerFields(SLUG).filter(([name]) => name === `q-${replaced.id}`),
    ]);
    expect(done.status).toBe(303);
    const after = await (await v.get(done.headers.get('location') ?? '')).text();
    expect(after).toMatch(/<strong[^>]*>100%<\/strong>/);
    expect(after).not.toContain('revised since');
  });
});
