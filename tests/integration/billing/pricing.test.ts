/**
 * The pricing page for each kind of visitor (review items 5 and 14): a trial member sees when the trial
 * ends and can subscribe; the yearly plan is marked as the better deal; members have nothing to buy.
 */
import { grants } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Visitor } from '../../support/browser-less';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const pricing = async (v: Visitor) => {
  const html = await (await v.get('/pricing')).text();
  return { html, text: visibleText(html).replace(/\s+/g, ' ') };
};
const planButtons = (html: string) =>
  [...html.matchAll(/<a class="button[^"]*" href="([^"]+)">([^<]+)</g)].map((m) => `${m[2]} → ${m[1]}`);

describe('pricing', () => {
  it('offers a visitor the trial on both plans, and marks the yearly plan as the better deal', async () => {
    const { html, text } = await pricing(new Visitor(ctx.server.origin, '192.0.2.40'));
    expect(planButtons(html)).toEqual([
      'Start my free 7-day trial → /signup?next=%2Fcheckout%2Fmonthly',
      'Start my free 7-day trial → /signup?next=%2Fcheckout%2Fyearly',
      'Get the assessment → /signup?next=%2Fcheckout%2Fassessment',
      'Start a team → /signup?next=%2Fteams',
    ]);
    expect(text).toContain(
      'Best value: save $38 a year Membership, yearly $190 a year $15.83 a month, paid once a year',
    );
    expect(html).toMatch(/<section class="card plan-card featured" aria-labelledby="plan-yearly">/);
  });

  it('shows a trial member the trial’s end and both plans to subscribe to', async () => {
    const { v } = await ctx.person({ member: false });
    expect((await postForm(v, '/trial?_action=billing.startTrial', [['next', '/pricing']])).status).toBe(303);
    const { html, text } = await pricing(v);
    expect(text).toMatch(/Your free trial: 7 days left ?, ends \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(text).toContain('Choose a plan below');
    expect(text).not.toContain('You are a member');
    expect(planButtons(html)).toEqual([
      'Subscribe monthly → /checkout/monthly',
      'Subscribe yearly → /checkout/yearly',
      'Take the assessment → /assessment',
      'Start a team → /teams',
    ]);
  });

  it('asks someone whose trial is over to subscribe, without promising another trial', async () => {
    const { v, userId } = await ctx.person({ member: false });
    await postForm(v, '/trial?_action=billing.startTrial', [['next', '/pricing']]);
    await ctx.db
      .update(grants)
      .set({ endsAt: new Date(Date.now() - 60_000) })
      .where(and(eq(grants.userId, userId), eq(grants.source, 'trial')));
    const { html, text } = await pricing(v);
    expect(text).toContain('Your free trial has been used');
    expect(text).not.toContain('Start my free');
    expect(planButtons(html).slice(0, 2)).toEqual([
      'Subscribe monthly → /checkout/monthly',
      'Subscribe yearly → /checkout/yearly',
    ]);
  });

  it('tells a member they are one, with no plan to buy', async () => {
    const { v } = await ctx.person();
    const { html, text } = await pricing(v);
    expect(text).toContain('You are a member. See your plan');
    expect(html).not.toContain('href="/checkout/');
  });

  it('offers the team plan on its real terms: a seat at the monthly price, the team trial and its seat limit', async () => {
    const { text } = await pricing(new Visitor(ctx.server.origin, '192.0.2.41'));
    expect(text).toContain('For teams $19 a seat a month');
    expect(text).toMatch(/free 7-day (team )?trial for up to 10 (seats|people), you included/);
  });
});
