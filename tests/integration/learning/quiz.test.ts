import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quizAttempts } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { RAW_SCHEMA_MESSAGE } from '../../../src/lib/platform/forms';
import { escapeHtml } from '../../../src/lib/platform/html';
import { quizSchema } from '../../../src/lib/quiz/schema';
import { Visitor } from '../../support/browser-less';
import {
  answerFields,
  postForm,
  postQuiz,
  quizAction,
  quizOf,
  submissionIdIn,
  useLearningServer,
} from '../../support/learning';
import { readQuizFiles } from '../../support/quizzes';
import { ROOT } from '../../support/server';

const ctx = useLearningServer();
const SLUG = 'trust-is-expectations-met';
const QUIZ = `/lessons/${SLUG}/quiz`;
// Question ids and shapes come from the quiz file, so rewriting the quiz's content doesn't break these tests.
const QUESTIONS = quizOf(SLUG).questions;
const IDS = QUESTIONS.map((q) => q.id);
const ONE_ANSWER = firstOf((q) => q.type === 'single' || q.type === 'scenario');
const MULTIPLE = firstOf((q) => q.type === 'multiple');

function firstOf(test: (q: (typeof QUESTIONS)[number]) => boolean): (typeof QUESTIONS)[number] {
  const found = QUESTIONS.find(test);
  if (!found) throw new Error(`${SLUG} has no question of the shape this test needs`);
  return found;
}

/** The score of an attempt that gets `missed` questions wrong, floored as the grader does. */
function scoreMissing(missed: number): number {
  return Math.floor(((IDS.length - missed) / IDS.length) * 100 + 1e-9);
}

const rightOf = (q: (typeof QUESTIONS)[number]): string => q.options.find((o) => o.correct)?.id ?? '';
const wrongOf = (q: (typeof QUESTIONS)[number]): string => q.options.find((o) => !o.correct)?.id ?? '';

async function attemptsOf(userId: string) {
  return ctx.db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId));
}

async function openQuiz(v: Visitor, path = QUIZ): Promise<string> {
  const res = await v.get(path);
  expect(res.status).toBe(200);
  return res.text();
}

describe('taking a quiz', () => {
  it('asks every question without sending the answer key', async () => {
    const { v } = await ctx.person();
    const html = await openQuiz(v);
    const quiz = quizOf(SLUG);
    for (const q of quiz.questions) {
      expect(html).toContain(`name="q-${q.id}"`);
      for (const o of q.options) expect(html).not.toContain(escapeHtml(o.explanation).slice(0, 40));
    }
    expect(html).not.toMatch(/correct/i);
  });

  it('grades on the server: a right submission passes with 100% and shows every explanation', async () => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const res = await postQuiz(v, SLUG, [['submission', submissionIdIn(html)], ...answerFields(SLUG)]);
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/lessons/${SLUG}/quiz/[a-z2-7]{26}$`));
    const result = await (await v.get(location)).text();
    expect(result).toContain('Passed');
    expect(result).toContain('100%');
    for (const o of quizOf(SLUG).questions[0]?.options ?? [])
      expect(result).toContain(escapeHtml(o.explanation).slice(0, 30));
    const [attempt] = await attemptsOf(userId);
    expect(attempt?.score).toBe(100);
    expect(attempt?.passed).toBe(true);
  });

  it('ignores score, passed and userId fields sent with the answers', async () => {
    const { v, userId } = await ctx.person();
    const other = await ctx.person();
    const html = await openQuiz(v);
    const res = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ['score', '100'],
      ['passed', 'true'],
      ['userId', other.userId],
      ['role', 'admin'],
      ...answerFields(SLUG, IDS.slice(0, 3)),
    ]);
    expect(res.status).toBe(303);
    const [attempt] = await attemptsOf(userId);
    expect(attempt?.score).toBe(scoreMissing(3));
    expect(attempt?.passed).toBe(false);
    expect(await attemptsOf(other.userId)).toHaveLength(0);
  });

  it('retakes only what was missed, keeping the right answers, and the best attempt counts', async () => {
    const { v, userId } = await ctx.person();
    const missed = [IDS[1] ?? '', IDS[3] ?? ''];
    const isMissed = ([name]: [string, string]) => missed.some((id) => name === `q-${id}`);
    let html = await openQuiz(v);
    const first = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ...answerFields(SLUG, missed),
    ]);
    const firstPath = first.headers.get('location') ?? '';
    const result = await (await v.get(firstPath)).text();
    expect(result).toContain('Not passed yet');
    expect(result).toContain(`${scoreMissing(2)}%`);
    const attemptId = firstPath.split('/').pop() ?? '';
    expect(result).toContain(`${QUIZ}?retake=${attemptId}`);
    // The feedback links to the section of the lesson that covers a missed question.
    expect(result).toContain(`href="/lessons/${SLUG}#${QUESTIONS[1]?.section}"`);

    html = await openQuiz(v, `${QUIZ}?retake=${attemptId}`);
    expect(html).toContain(`name="q-${missed[0]}"`);
    expect(html).toContain(`name="q-${missed[1]}"`);
    expect(html).not.toContain(`name="q-${IDS[0]}"`);
    // Answering a question that this form did not ask is refused.
    const smuggled = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ['retake', attemptId],
      [`q-${IDS[0]}`, 'a'],
      ...answerFields(SLUG).filter(isMissed),
    ]);
    expect(smuggled.status).toBe(400);
    const second = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ['retake', attemptId],
      ...answerFields(SLUG).filter(isMissed),
    ]);
    expect(second.status).toBe(303);
    expect(await (await v.get(second.headers.get('location') ?? '')).text()).toContain('100%');
    const rows = await attemptsOf(userId);
    expect(rows.map((r) => r.score).sort((a, b) => a - b)).toEqual([scoreMissing(2), 100]);
    expect(rows.find((r) => r.score === 100)?.retakeOf).toBe(attemptId);
  });

  it('keeps the answers given when questions are left blank', async () => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const res = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ...answerFields(SLUG).filter(([name]) => name === `q-${IDS[0]}`),
    ]);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Answer every question before you submit');
    expect(page).toContain(`name="q-${IDS[0]}" value="${rightOf(QUESTIONS[0] ?? ONE_ANSWER)}" checked`);
    expect(await attemptsOf(userId)).toHaveLength(0);
  });
});

describe('a quiz sent with questions left blank', () => {
  it('answers 400 with one summary linking every unanswered question, the message on those only, answers kept', async () => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const answered = new Set([IDS[0], IDS[2]]);
    const res = await postQuiz(v, SLUG, [
      ['submission', submissionIdIn(html)],
      ...answerFields(SLUG).filter(([name]) => answered.has(name.slice(2))),
    ]);
    expect(res.status).toBe(400);
    const page = await res.text();
    // One summary, focused on load (no JavaScript), with a link per blank question to its first answer.
    expect(page.match(/class="form-alert error error-summary"/g)).toHaveLength(1);
    expect(page).toMatch(/class="form-alert error error-summary" role="alert" tabindex="-1" autofocus/);
    const blank = IDS.filter((id) => !answered.has(id));
    expect(page).toContain(`${blank.length} are still blank`);
    for (const id of blank) {
      const n = IDS.indexOf(id) + 1;
      expect(page).toMatch(new RegExp(`<a href="#answer-${id}"[^>]*>Question ${n} has no answer yet.</a>`));
      expect(page).toMatch(new RegExp(`id="answer-${id}"`));
      expect(page).toContain(`id="error-${id}"`);
    }
    // The answered questions carry no error, and keep their ticks; the submission id is the same.
    for (const id of answered) {
      expect(page).not.toContain(`id="error-${id}"`);
      expect(page).not.toMatch(new RegExp(`<a href="#answer-${id}"`));
    }
    expect(page.match(/<p class="error"/g)).toHaveLength(blank.length);
    expect(page).toContain(`name="q-${IDS[0]}" value="${rightOf(QUESTIONS[0] ?? ONE_ANSWER)}" checked`);
    expect(submissionIdIn(page)).toBe(submissionIdIn(html));
    expect(page).not.toMatch(RAW_SCHEMA_MESSAGE);
    expect(await attemptsOf(userId)).toHaveLength(0);
  });

  it('a blank form names every question, and finishing it then grades it once under the same submission', async () => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const blank = await postQuiz(v, SLUG, [['submission', submissionIdIn(html)]]);
    expect(blank.status).toBe(400);
    const page = await blank.text();
    expect(page.match(/<a href="#answer-/g)).toHaveLength(IDS.length);
    const done = await postQuiz(v, SLUG, [['submission', submissionIdIn(page)], ...answerFields(SLUG)]);
    expect(done.status).toBe(303);
    const again = await postQuiz(v, SLUG, [['submission', submissionIdIn(page)], ...answerFields(SLUG)]);
    expect(again.headers.get('location')).toBe(done.headers.get('location'));
    expect(await attemptsOf(userId)).toHaveLength(1);
  });
});

describe('the quiz action’s gate and origin check', () => {
  it('a visitor’s submission is sent to log in; nothing is graded', async () => {
    const visitor = new Visitor(ctx.server.origin, '192.0.2.3');
    const res = await postQuiz(visitor, SLUG, [['submission', 'c'.repeat(26)], ...answerFields(SLUG)]);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    const direct = await postForm(visitor, '/_actions/learning.submitQuiz', [
      ['lesson', SLUG],
      ['submission', 'c'.repeat(26)],
      ...answerFields(SLUG),
    ]);
    expect(direct.status).toBe(302);
    expect(
      await ctx.db
        .select()
        .from(quizAttempts)
        .where(eq(quizAttempts.submissionId, 'c'.repeat(26))),
    ).toEqual([]);
  });

  it('a cross-site or origin-less submission is refused (403) and grades nothing', async () => {
    const { v, userId } = await ctx.person();
    const body = new URLSearchParams([
      ['lesson', SLUG],
      ['submission', 'd'.repeat(26)],
      ...answerFields(SLUG),
    ]).toString();
    for (const origin of ['https://evil.example', undefined]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
      if (origin) headers['Origin'] = origin;
      const res = await v.request(quizAction(SLUG), { method: 'POST', headers, body });
      expect(res.status).toBe(403);
      await res.arrayBuffer();
    }
    expect(await attemptsOf(userId)).toHaveLength(0);
  });

  it('a member lesson’s quiz posted by a learner without membership is refused (403), nothing graded', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const slug = 'the-trust-account';
    const res = await postQuiz(v, slug, [['submission', 'e'.repeat(26)], ...answerFields(slug)]);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This quiz is for members');
    expect(await attemptsOf(userId)).toHaveLength(0);
  });
});

describe('bad quiz input', () => {
  const cases: [string, (fields: [string, string][]) => [string, string][]][] = [
    ['an unknown question id', (f) => [...f, ['q-q99', 'a']]],
    [
      'an option from another question',
      (f) => [...f.filter(([n]) => n !== `q-${ONE_ANSWER.id}`), [`q-${ONE_ANSWER.id}`, 'true']],
    ],
    ['the same option twice', (f) => [...f, [`q-${MULTIPLE.id}`, rightOf(MULTIPLE)]]],
    ['two answers to a one-answer question', (f) => [...f, [`q-${ONE_ANSWER.id}`, wrongOf(ONE_ANSWER)]]],
    [
      'bad UTF-8 in an option id',
      (f) => [...f.filter(([n]) => n !== `q-${ONE_ANSWER.id}`), [`q-${ONE_ANSWER.id}`, '\uFFFD']],
    ],
    [
      'a huge array of answers',
      (f) => [...f, ...Array.from({ length: 500 }, () => [`q-${MULTIPLE.id}`, 'b'] as [string, string])],
    ],
  ];
  it.each(cases)('%s → 400 with a clear message, nothing stored', async (_name, mutate) => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const res = await postQuiz(
      v,
      SLUG,
      mutate([['submission', submissionIdIn(html)], ...answerFields(SLUG)]),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Nothing was saved');
    expect(await attemptsOf(userId)).toHaveLength(0);
  });

  it('a form without its submission id → 400', async () => {
    const { v, userId } = await ctx.person();
    const res = await postQuiz(v, SLUG, answerFields(SLUG));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('missing its submission id');
    expect(await attemptsOf(userId)).toHaveLength(0);
  });

  it('a 5 MB body → 413; JSON or malformed bodies → 415, never 500', async () => {
    const { v, userId } = await ctx.person();
    const big = await v.request(quizAction(SLUG), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
      body: `submission=x&q-q1=${'a'.repeat(5 * 1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    const json = await v.request(quizAction(SLUG), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: v.origin },
      body: '{"q-q1": ["a"',
    });
    expect(json.status).toBe(415);
    expect(await attemptsOf(userId)).toHaveLength(0);
  });

  it('the same submission sent 20 times at once is graded once', async () => {
    const { v, userId } = await ctx.person();
    const html = await openQuiz(v);
    const fields: [string, string][] = [['submission', submissionIdIn(html)], ...answerFields(SLUG)];
    const responses = await Promise.all(Array.from({ length: 20 }, () => postQuiz(v, SLUG, fields)));
    const locations = new Set(responses.map((r) => `${r.status} ${r.headers.get('location')}`));
    expect(locations.size).toBe(1);
    expect([...locations][0]).toMatch(/^303 /);
    expect(await attemptsOf(userId)).toHaveLength(1);
  });
});

describe('who may see what', () => {
  it('an attempt belongs to its learner: anyone else gets 404', async () => {
    const a = await ctx.person();
    const b = await ctx.person();
    const html = await openQuiz(a.v);
    const res = await postQuiz(a.v, SLUG, [['submission', submissionIdIn(html)], ...answerFields(SLUG)]);
    const path = res.headers.get('location') ?? '';
    expect((await a.v.get(path)).status).toBe(200);
    expect((await b.v.get(path)).status).toBe(404);
    expect((await b.v.get(`${QUIZ}?retake=${path.split('/').pop()}`)).status).toBe(404);
    expect((await a.v.get(`${QUIZ}/aaaaaaaaaaaaaaaaaaaaaaaaaa`)).status).toBe(404);
    expect((await new Visitor(ctx.server.origin, '192.0.2.1').get(path)).status).toBe(302);
  });

  it('visitors are sent to log in first, and come back to the quiz', async () => {
    const res = await new Visitor(ctx.server.origin, '192.0.2.2').get(QUIZ);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(QUIZ)}`);
  });

  it('a member lesson’s quiz is for members only', async () => {
    const { v } = await ctx.person({ member: false });
    const res = await v.get('/lessons/the-trust-account/quiz');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('This quiz is for members');
    for (const q of quizOf('the-trust-account').questions) expect(html).not.toContain(q.prompt.slice(0, 40));
  });

  it('no answer key or explanation appears in any built client file', () => {
    const dir = join(ROOT, 'dist/client');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(d, entry.name));
        else files.push(join(d, entry.name));
      }
    };
    walk(dir);
    const everything = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const file of readQuizFiles()) {
      // As written and as shown (typeset): a leak could carry either.
      for (const quiz of [quizSchema.parse(file.data), quizOf(file.slug)]) {
        for (const q of quiz.questions) {
          for (const o of q.options) expect(everything).not.toContain(o.explanation.slice(0, 50));
        }
      }
    }
  });
});
