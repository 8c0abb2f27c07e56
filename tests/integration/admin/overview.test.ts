/** The admin overview's figures, counted from seeded data at a fixed moment, and the page that shows them. */
import { assessmentResults, grants, subscriptions } from '@db/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { overviewFiguresIn } from '../../../src/lib/server/admin/queries';
import { createUser } from '../../factories/users';
import { signedInAdmin } from '../../support/admin';
import { useLearningServer } from '../../support/learning';

const ctx = useLearningServer();
const DAY = 86_400_000;
/** Years after anything the server itself writes, so only the rows seeded here fall in the windows. */
const NOW = new Date('2031-03-15T12:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

const membership = (
  userId: string,
  source: 'trial' | 'admin' | 'code',
  startsAt: Date,
  endsAt: Date | null,
) => ({
  id: newId(),
  userId,
  product: 'membership' as const,
  source,
  startsAt,
  endsAt,
  createdAt: startsAt,
});

beforeAll(async () => {
  const db = ctx.db;
  // Sign-ups: two in the last 7 days, one 20 days ago, one 40 days ago, one in the future (not counted).
  const [a, b, c, d] = await Promise.all([-2, -6, -20, -40].map((days) => createUser(db, at(days))));
  await createUser(db, at(1));
  const [ua, ub, uc, ud] = [a, b, c, d].map((u) => u?.id ?? '') as [string, string, string, string];
  await db.insert(grants).values([
    // a: a trial ending in 3 days (a member now, a trial ending soon); a second, older grant does not double-count.
    membership(ua, 'trial', at(-2), at(3)),
    membership(ua, 'code', at(-30), at(-10)),
    // b: an admin grant until revoked (member); c: a trial that ends in 10 days (member, not ending soon).
    membership(ub, 'admin', at(-6), null),
    membership(uc, 'trial', at(-5), at(10)),
    // d: membership that ended yesterday, and an assessment grant (neither counts).
    membership(ud, 'code', at(-40), at(-1)),
    { ...membership(ud, 'code', at(-40), null), product: 'assessment' as const },
  ]);
  // d also has a Stripe trial ending in 5 days; a refused one ending in 2 days does not count.
  await db.insert(subscriptions).values(
    [false, true].map((refused) => ({
      id: `sub_${newId()}`,
      userId: ud,
      customerId: 'cus_overview',
      status: 'trialing',
      trialStart: at(-9),
      trialEnd: refused ? at(2) : at(5),
      refused: refused ? ('second-trial' as const) : null,
      createdAt: at(-9),
      updatedAt: at(-9),
    })),
  );
  const result = (userId: string, days: number) => ({
    id: newId(),
    userId,
    submissionId: newId(),
    version: 2,
    answers: '{}',
    scores: '{}',
    trustIndex: 50,
    createdAt: at(days),
  });
  await db.insert(assessmentResults).values([result(ua, -1), result(ub, -6.5), result(uc, -8)]);
});

describe('admin overview figures', () => {
  it('counts sign-ups, members, trials ending soon and assessments from the given moment', async () => {
    expect(await overviewFiguresIn(ctx.db, NOW)).toEqual({
      signUps7: 2,
      signUps30: 3,
      members: 3,
      trialsEnding7: 2,
      assessments7: 2,
      // The 7 days before: nobody signed up, one assessment (8 days ago); the 30 before: the one 40 days
      // ago; a week ago only d's membership held.
      previous: { signUps7: 0, signUps30: 1, members: 1, assessments7: 1 },
    });
  });

  it('moves with the moment it is asked about', async () => {
    // Eleven days later: a's and c's trials have ended, only b's grant holds; nothing new was signed up.
    expect(await overviewFiguresIn(ctx.db, at(11))).toEqual({
      signUps7: 0,
      signUps30: 3,
      members: 1,
      trialsEnding7: 0,
      assessments7: 0,
      // Days -3 to 4: the sign-ups of 2 days ago and of day 1, the assessment of yesterday; 49 to 19 days
      // ago: the sign-ups of 20 and 40 days ago; at day 4, b's and c's memberships.
      previous: { signUps7: 2, signUps30: 2, members: 2, assessments7: 1 },
    });
  });

  it('are shown on /admin, each a link to where it is explained', async () => {
    const { v } = await signedInAdmin(ctx);
    // A learner signed up just now, so the funnel has someone (the admin is staff, not a sign-up).
    await ctx.person({ member: false });
    const html = await (await v.get('/admin')).text();
    for (const [one, many] of [
      ['sign-up in the last 7 days', 'sign-ups in the last 7 days'],
      ['sign-up in the last 30 days', 'sign-ups in the last 30 days'],
      ['member now', 'members now'],
      ['trial ending in the next 7 days', 'trials ending in the next 7 days'],
      ['assessment taken in the last 7 days', 'assessments taken in the last 7 days'],
    ]) {
      const shown = new RegExp(
        `<a href="/admin[^"]*"[^>]*><strong[^>]*>(\\d[\\d,]*)</strong><span[^>]*>(${one}|${many})</span></a>`,
      ).exec(html);
      expect(shown, many).not.toBeNull();
      // One of a kind is said in the singular ("1 trial ending"), any other number in the plural.
      expect(shown?.[2]).toBe(shown?.[1] === '1' ? one : many);
    }
    // Each count against the period before, with a real minus sign and the words a screen reader says.
    for (const against of [
      'compared with the 7 days before',
      'compared with the 30 days before',
      'since a week ago',
    ]) {
      const line = new RegExp(
        `<span aria-hidden="true"[^>]*>(no change|[+\u2212][\\d,]+) ${against}</span>\\s*<span class="visually-hidden"[^>]*>(no change|plus [\\d,]+|minus [\\d,]+) ${against}</span>`,
      ).exec(html);
      expect(line, against).not.toBeNull();
    }
    expect(html).not.toMatch(/>-\d/);
    // The funnel: every step, each after the first as a share of the sign-ups.
    const funnel = html.slice(html.indexOf('id="funnel-heading"'));
    for (const step of ['Signed up', 'Took the assessment', 'Started a trial', 'Paid'])
      expect(funnel).toMatch(new RegExp(`<span class="funnel-label"[^>]*>${step}</span>`));
    expect(funnel.match(/\d+% of sign-ups/g)).toHaveLength(3);
  });
});
