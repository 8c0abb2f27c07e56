/**
 * The signed-in gate lives in the middleware, by route pattern and action name (decision 016): a lesson's
 * quiz and its results, the assessment's steps, review and results, checkout and `/trial` — every such
 * route of the build — and the actions posted from them send a visitor to log in (and back), for GET and
 * POST alike, and store nothing. Redeeming a code stays open: the action sends a visitor to log in with
 * the code kept.
 */
import { assessmentResults, grants, quizAttempts } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { gateOfAction, gateOfRoute } from '../../../src/lib/server/platform/gates';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { builtRoutePatterns, samplePath } from '../../support/routes';

const ctx = useLearningServer();
const GATED = builtRoutePatterns().filter((r) => gateOfRoute(r) === 'user');
const ACTIONS = [
  'learning.submitQuiz',
  'assessment.savePage',
  'assessment.submit',
  'assessment.share',
  'billing.checkout',
  'billing.startTrial',
];

describe('the signed-in gate', () => {
  it('finds the routes in the build, and names the actions', () => {
    expect(GATED).toEqual(
      expect.arrayContaining([
        '/lessons/[slug]/quiz',
        '/lessons/[slug]/quiz/[attempt]',
        '/assessment/[step]',
        '/assessment/review',
        '/assessment/results/[id]',
        '/assessment/results/[id].pdf',
        '/checkout/[plan]',
        '/checkout/success',
        '/trial',
      ]),
    );
    // The open parts of the same areas stay open.
    for (const open of [
      '/assessment',
      '/assessment/shared/[token]',
      '/assessment/how-scoring-works',
      '/lessons/[slug]',
      '/redeem',
    ])
      expect(gateOfRoute(open), open).toBeNull();
    for (const name of ACTIONS) expect(gateOfAction(name), name).toBe('user');
    expect(gateOfAction('billing.redeem')).toBeNull();
    expect(gateOfAction('learning.markRead')).toBeNull();
  });

  it('sends visitors to log in (and back) from every gated route and action, GET and POST; nothing is stored', async () => {
    const v = new Visitor(ctx.server.origin, '192.0.2.60');
    const fields = {
      lesson: 'punctuality-and-follow-up',
      submission: 'f'.repeat(26),
      step: '1',
      plan: 'monthly',
      code: 'BLOG',
      share: 'on',
      result: 'x',
      next: '/lessons',
    };
    const posted = ACTIONS.flatMap((name) => [
      `/_actions/${name}`,
      `/?_action=${name}`,
      `/lessons?_action=${name}`,
    ]);
    const requests = [
      ...GATED.map(samplePath).flatMap((path) => [
        [path, () => v.get(path)] as const,
        [path, () => v.post(path, fields)] as const,
      ]),
      ...posted.map((path) => [path, () => v.post(path, fields)] as const),
    ];
    for (const [path, send] of requests) {
      const res = await send();
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
      await res.arrayBuffer();
    }
    expect(await ctx.db.select().from(quizAttempts)).toEqual([]);
    expect(await ctx.db.select().from(assessmentResults)).toEqual([]);
    expect(await ctx.db.select().from(grants)).toEqual([]);
  });

  it('lets a signed-in member through to the same routes', async () => {
    const { v } = await ctx.person();
    expect((await v.get('/lessons/punctuality-and-follow-up/quiz')).status).toBe(200);
    expect((await v.get('/checkout/monthly')).status).toBe(200);
  });
});
