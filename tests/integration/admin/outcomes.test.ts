/** The figures admins read, from seeded data: each code's outcomes, the course analytics, the funnel; as pages and CSV. */
import {
  assessmentResults,
  codeRedemptions,
  codes,
  grants,
  lessonProgress,
  quizAttempts,
  subscriptions,
} from '@db/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { createUser } from '../../factories/users';
import { signedInAdmin } from '../../support/admin';
import type { Visitor } from '../../support/browser-less';
import { parseCsv } from '../../support/csv';
import { quizOf, useLearningServer } from '../../support/learning';
import { readQuizFiles } from '../../support/quizzes';

const ctx = useLearningServer();
const DAY = 86_400_000;
const now = Date.now();
const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
const scores = (v: number) =>
  JSON.stringify({
    dependability: v,
    competence: v,
    empathy: v,
    truth: v,
    rapport: v,
    'self-orientation': 20,
  });

async function csv(v: Visitor, path: string): Promise<string[][]> {
  return parseCsv(Buffer.from(await (await v.get(path)).arrayBuffer()));
}

let admin: Visitor;
const slug = readQuizFiles()[0]?.slug ?? '';

beforeAll(async () => {
  ({ v: admin } = await signedInAdmin(ctx));
  const db = ctx.db;
  await db
    .insert(codes)
    .values({ code: 'OUTCOME', kind: 'free_product', product: 'assessment', createdAt: at(30) });
  const people = await Promise.all([1, 2, 3, 4].map(() => createUser(db, at(40), { verified: true })));
  const [ana, bo, cy, di] = people.map((p) => p.id) as [string, string, string, string];
  // Four redeem OUTCOME; ana and bo take the assessment, ana twice (50 → 62); cy starts a trial and pays; di does nothing.
  for (const [i, id] of [ana, bo, cy, di].entries())
    await db
      .insert(codeRedemptions)
      .values({ id: newId(), code: 'OUTCOME', userId: id, redeemedAt: at(20 - i) });
  const result = (userId: string, daysAgo: number, index: number) => ({
    id: newId(),
    userId,
    submissionId: newId(),
    version: 2,
    answers: '{}',
    scores: scores(index),
    trustIndex: index,
    createdAt: at(daysAgo),
    code: 'OUTCOME',
  });
  await db.insert(assessmentResults).values([result(ana, 15, 50), result(ana, 5, 62), result(bo, 10, 70)]);
  await db.insert(grants).values({
    id: newId(),
    userId: cy,
    product: 'membership',
    source: 'trial',
    startsAt: at(17),
    endsAt: at(10),
    createdAt: at(17),
  });
  await db.insert(subscriptions).values({
    id: `sub_${newId()}`,
    userId: cy,
    customerId: 'cus_x',
    status: 'active',
    trialStart: at(17),
    trialEnd: at(10),
    createdAt: at(17),
    updatedAt: at(1),
  });
  // Quiz: two whole attempts, the first question right once; a retake is left out.
  const quiz = quizOf(slug);
  const right = Object.fromEntries(
    quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
  );
  const first = quiz.questions[0];
  const wrongFirst = { ...right, [first?.id ?? '']: [first?.options.find((o) => !o.correct)?.id ?? ''] };
  const attempt = (userId: string, answers: Record<string, string[]>, retakeOf: string | null = null) => ({
    id: newId(),
    userId,
    lessonSlug: slug,
    submissionId: newId(),
    answers: JSON.stringify(answers),
    score: 50,
    passed: false,
    retakeOf,
    createdAt: at(3),
  });
  await db
    .insert(quizAttempts)
    .values([attempt(ana, right), attempt(bo, wrongFirst), attempt(bo, right, 'x')]);
  await db.insert(lessonProgress).values([
    {
      userId: ana,
      lessonSlug: slug,
      startedAt: at(4),
      lastSeenAt: at(3),
      readAt: at(3),
      bestScore: 100,
      quizPassedAt: at(3),
    },
    {
      userId: bo,
      lessonSlug: slug,
      startedAt: at(4),
      lastSeenAt: at(3),
      readAt: null,
      bestScore: 50,
      quizPassedAt: null,
    },
  ]);
});

describe('code outcomes', () => {
  it('counts, for each code, who redeemed it, took the assessment, started a trial, paid, and how they moved on retake', async () => {
    const rows = await csv(admin, '/admin/codes.csv');
    const header = rows[0] ?? [];
    const outcome = rows.find((r) => r[0] === 'OUTCOME') ?? [];
    const cell = (name: string) => outcome[header.indexOf(name)];
    expect(cell('people_used')).toBe('4');
    expect(cell('took_assessment')).toBe('2');
    expect(cell('started_trial')).toBe('1');
    expect(cell('paying')).toBe('1');
    expect(cell('retook_assessment')).toBe('1');
    expect(cell('trust_index_change')).toBe('12');
    expect(rows.find((r) => r[0] === 'BLOG')).toBeDefined();
  });
});

describe('course analytics', () => {
  it('shows lessons, questions, elements and the funnel as charts and tables, each with its CSV', async () => {
    const res = await admin.get('/admin/analytics');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg class="funnel-chart"');
    // The lessons chart lists only lessons with data, and counts the rest in one line.
    expect(html).toContain('<figure class="bar-chart"');
    expect(html).not.toContain('no data');
    // Every lesson has a quiz; only one lesson was seeded with progress.
    expect(html).toContain(`${readQuizFiles().length - 1} lessons have no attempts yet.`);

    const lessons = await csv(admin, '/admin/analytics/lessons.csv');
    expect(lessons.find((r) => r[0] === slug)?.slice(2)).toEqual(['2', '1', '1', '75']);

    const questions = await csv(admin, '/admin/analytics/questions.csv');
    const firstQuestion = questions.find((r) => r[0] === slug);
    // Only the two whole attempts count; the first question was right in one of them.
    expect(firstQuestion?.slice(-3)).toEqual(['2', '1', '50']);

    const elements = await csv(admin, '/admin/analytics/elements.csv');
    expect(elements.find((r) => r[0] === 'Trust index')?.slice(1)).toEqual(['60', '2', '12', '1']);

    const funnel = await csv(admin, '/admin/analytics/funnel.csv');
    expect(funnel[0]).toEqual([
      'week',
      'signed_up',
      'took_assessment',
      'started_trial',
      'paid',
      'percent_paid',
    ]);
    expect(funnel).toHaveLength(13);
    const totals = funnel.slice(1).reduce((sum, r) => sum + Number(r[1]), 0);
    // The four learners seeded here at least; the admin reading the page is staff, not a sign-up.
    expect(totals).toBeGreaterThanOrEqual(4);
    expect(funnel.slice(1).reduce((sum, r) => sum + Number(r[4]), 0)).toBe(1);
    // The same people as the code outcomes: ana and bo took the assessment (ana twice, counted once).
    expect(funnel.slice(1).reduce((sum, r) => sum + Number(r[2]), 0)).toBe(2);
    expect(funnel.slice(1).reduce((sum, r) => sum + Number(r[3]), 0)).toBe(1);
  });
});
