import { write } from '@db/client';
import { codeRedemptions, codes, grants, ledgerSettings, outbox as outboxTable } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formatForPerson } from '../../../src/lib/ledger/time';
import { formatLongDate } from '../../../src/lib/platform/dates';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { RAW_SCHEMA_MESSAGE } from '../../../src/lib/platform/forms';
import { Visitor } from '../../support/browser-less';
import { runCliSync } from '../../support/cli';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
let counter = 0;

async function makeCode(
  fields: Partial<typeof codes.$inferInsert> & { kind: 'trial' | 'discount' | 'free_product' },
) {
  counter += 1;
  const code = `TEST${counter}${Date.now() % 100000}`;
  await write(ctx.db, (tx) => tx.insert(codes).values({ code, createdAt: new Date(), ...fields }));
  return code;
}

const grantsOf = (userId: string) => ctx.db.select().from(grants).where(eq(grants.userId, userId));

describe('redeeming codes', () => {
  it('a visitor sees what a code gives and how to redeem it, without the code field again under it', async () => {
    const page = await new Visitor(ctx.server.origin, '192.0.2.41').get('/redeem?code=blog');
    const html = await page.text();
    expect(visibleText(html)).toContain('BLOG gives you the trust self-assessment, free');
    expect(visibleText(html)).toContain('Create a free account');
    expect(html).not.toContain('Check the code');
    expect(html).toContain('<a href="/redeem">Check a different code</a>');
    // An unknown code keeps the field, to try again.
    expect(
      await (await new Visitor(ctx.server.origin, '192.0.2.42').get('/redeem?code=NOPE123')).text(),
    ).toContain('Check the code');
  });

  it('BLOG is there from the start and opens the assessment, once per person', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const shown = visibleText(await (await v.get('/redeem?code=blog')).text());
    expect(shown).toContain('BLOG gives you the trust self-assessment, free');
    expect(visibleText(await (await v.get('/assessment')).text())).toContain('How to get it');

    const res = await postForm(v, '/redeem?_action=billing.redeem', [['code', 'blog']]);
    expect(res.status).toBe(200);
    const done = await res.text();
    // What was unlocked, for how long, and the one next step; no code field under a success.
    expect(visibleText(done)).toContain('BLOG is redeemed');
    expect(visibleText(done)).toContain('You now have the trust self-assessment');
    expect(visibleText(done)).toContain('It is yours to keep, with no end date.');
    expect(done).toContain('<a class="button" href="/assessment/1">Start the self-assessment</a>');
    expect(done).not.toContain('name="code"');
    expect((await v.get('/assessment/1')).status).toBe(200);
    const [grant] = await grantsOf(userId);
    expect(grant).toMatchObject({ product: 'assessment', source: 'code', endsAt: null });

    // Pressed again (a double click, a reload): refused, and the page still says what they hold.
    const again = await postForm(v, '/redeem?_action=billing.redeem', [['code', 'BLOG']]);
    expect(again.status).toBe(400);
    const repeated = visibleText(await again.text());
    expect(repeated).toContain('You have already used this code.');
    expect(repeated).toContain('You have the trust self-assessment. Go to the self-assessment');
    expect(await grantsOf(userId)).toHaveLength(1);
    const data = (await (await v.get('/account/data.json')).json()) as {
      billing: { codesRedeemed: { code: string }[]; grants: unknown[] };
    };
    expect(data.billing.codesRedeemed.map((r) => r.code)).toEqual(['BLOG']);
    expect(data.billing.grants).toHaveLength(1);
    const billing = visibleText(await (await v.get('/account/billing')).text());
    expect(billing).toContain('You are not a member');
    expect(billing).toContain('Open to you.');
    expect(billing).toContain('BLOG');
  });

  it.each([
    ['an unknown code', { kind: 'trial' as const, active: false }, 'NOPE-XYZ', 'There is no such code'],
    ['a disabled code', { kind: 'trial' as const, active: false }, null, 'no longer active'],
    [
      'an expired code',
      { kind: 'trial' as const, expiresAt: new Date(Date.now() - 1000) },
      null,
      'has expired',
    ],
    [
      'a used-up code',
      { kind: 'trial' as const, maxRedemptions: 1, redemptions: 1 },
      null,
      'as many times as it allows',
    ],
  ])('%s is refused with its reason, and nothing is granted', async (_name, fields, typed, message) => {
    const code = await makeCode(fields);
    const { v, userId } = await ctx.person({ member: false });
    const res = await postForm(v, '/redeem?_action=billing.redeem', [['code', typed ?? code]]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(await grantsOf(userId)).toHaveLength(0);
  });

  it('a trial code gives membership for its days; a second trial is refused', async () => {
    const code = await makeCode({ kind: 'trial', trialDays: 14 });
    const { v, userId } = await ctx.person({ member: false });
    const before = Date.now();
    const redeemed = await postForm(v, '/redeem?_action=billing.redeem', [['code', code]]);
    expect(redeemed.status).toBe(200);
    const [grant] = await grantsOf(userId);
    expect(grant?.product).toBe('membership');
    expect((grant?.endsAt?.getTime() ?? 0) - before).toBeGreaterThan(13.9 * 86_400_000);
    // Until when, to the minute, from the grant itself.
    const endsAt = grant?.endsAt ?? new Date(0);
    const page = await redeemed.text();
    expect(visibleText(page)).toContain(`You have membership until ${formatLongDate(endsAt)}`);
    // In the person's zone, in the one clock format (UTC until they choose a zone).
    expect(page).toContain(
      `<time datetime="${endsAt.toISOString()}">${formatForPerson(endsAt, 'UTC')}</time>`,
    );
    expect(page).toContain('<a class="button" href="/lessons">Go to the course</a>');
    expect(page).not.toContain('name="code"');
    expect(await (await v.get('/lessons/the-trust-account')).text()).toContain('Mark as read');

    const other = await makeCode({ kind: 'trial' });
    const res = await postForm(v, '/redeem?_action=billing.redeem', [['code', other]]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('a trial is once per person');
  });

  it('a team’s rep is told the membership they have, not offered a trial of it', async () => {
    const code = await makeCode({ kind: 'trial', trialDays: 14 });
    const { v, userId } = await ctx.person({ member: false });
    const now = new Date();
    await write(ctx.db, (tx) =>
      tx.insert(grants).values({
        id: newId(),
        userId,
        product: 'membership',
        source: 'team',
        startsAt: now,
        endsAt: null,
        createdAt: now,
      }),
    );
    const page = visibleText(await (await v.get(`/redeem?code=${code}`)).text());
    expect(page).toContain('You already have membership');
    expect(page).toContain('You have membership through your team, with no end date.');
    expect(page).toContain('which would add nothing to that');
    expect(page).not.toContain(`${code} gives you 14 days of membership`);
    expect(page).not.toContain(`Redeem ${code}`);
  });

  it('someone whose membership ends sooner is told how far a trial code would extend it', async () => {
    const code = await makeCode({ kind: 'trial', trialDays: 14 });
    const { v, userId } = await ctx.person({ member: false });
    const now = new Date();
    const ends = new Date(now.getTime() + 2 * 86_400_000);
    await write(ctx.db, (tx) =>
      tx.insert(grants).values({
        id: newId(),
        userId,
        product: 'membership',
        source: 'admin',
        startsAt: now,
        endsAt: ends,
        createdAt: now,
      }),
    );
    const html = await (await v.get(`/redeem?code=${code}`)).text();
    const page = visibleText(html);
    expect(page).toContain(`${code} would extend your membership`);
    expect(page).toContain('You have membership given by Trust Academy until');
    expect(html).toContain(
      `until <time datetime="${ends.toISOString()}">${formatForPerson(ends, 'UTC')}</time>.`,
    );
    expect(html).toContain(`Redeem ${code}</button>`);
  });

  it('a membership code says membership has no end date, with one next step', async () => {
    const code = await makeCode({ kind: 'free_product', product: 'membership' });
    const { v } = await ctx.person({ member: false });
    const res = await postForm(v, '/redeem?_action=billing.redeem', [['code', code.toLowerCase()]]);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(visibleText(page)).toContain('You now have membership It has no end date');
    expect(page.match(/class="button"/g)).toHaveLength(1);
  });

  it('a form without a code, or with an overlong one, answers 400 in words, keeping what was typed', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const empty = await postForm(v, '/redeem?_action=billing.redeem', [['code', '   ']]);
    expect(empty.status).toBe(400);
    const emptyText = await empty.text();
    expect(visibleText(emptyText)).toContain('Enter the code you were given.');
    expect(emptyText).toMatch(/class="form-alert error error-summary" role="alert" tabindex="-1" autofocus/);
    // The summary links to the field, which says the same beside it.
    expect(emptyText).toMatch(/<a href="#code"[^>]*>Enter the code you were given.<\/a>/);
    expect(emptyText).toContain('aria-invalid="true" aria-describedby="code-error"');
    const long = 'X'.repeat(80);
    const tooLong = await postForm(v, '/redeem?_action=billing.redeem', [['code', long]]);
    expect(tooLong.status).toBe(400);
    const longText = await tooLong.text();
    expect(visibleText(longText)).toContain('Codes are at most 32 letters and digits');
    expect(longText).toContain(`value="${long}"`);
    expect(longText).not.toMatch(RAW_SCHEMA_MESSAGE);
    const huge = await postForm(v, '/redeem?_action=billing.redeem', [['code', 'y'.repeat(20_000)]]);
    expect(huge.status).toBe(413);
    expect(visibleText(await huge.text())).toContain('That form is far larger than any form on this site.');
    expect(await grantsOf(userId)).toHaveLength(0);
  });

  it('a cross-site or origin-less redemption is refused (403) and grants nothing', async () => {
    const { v, userId } = await ctx.person({ member: false });
    for (const origin of ['https://evil.example', undefined]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
      if (origin) headers['Origin'] = origin;
      const res = await v.request('/redeem?_action=billing.redeem', {
        method: 'POST',
        headers,
        body: 'code=BLOG',
      });
      expect(res.status).toBe(403);
      await res.arrayBuffer();
    }
    expect(await grantsOf(userId)).toHaveLength(0);
  });

  it('20 simultaneous redemptions of a code with one use left: exactly one succeeds', async () => {
    const code = await makeCode({
      kind: 'free_product',
      product: 'assessment',
      maxRedemptions: 5,
      redemptions: 4,
    });
    const people = await Promise.all(Array.from({ length: 20 }, () => ctx.person({ member: false })));
    const responses = await Promise.all(
      people.map((p) => postForm(p.v, '/redeem?_action=billing.redeem', [['code', code]])),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(19);
    const [row] = await ctx.db.select().from(codes).where(eq(codes.code, code));
    expect(row?.redemptions).toBe(5);
    expect(await ctx.db.select().from(codeRedemptions).where(eq(codeRedemptions.code, code))).toHaveLength(1);
  });

  it('visitors see what a code gives and are sent to log in and back to finish', async () => {
    const visitor = new Visitor(ctx.server.origin, '192.0.2.40');
    const page = visibleText(await (await visitor.get('/redeem?code=BLOG')).text());
    expect(page).toContain('to redeem it');
    const res = await postForm(visitor, '/redeem?_action=billing.redeem', [['code', 'BLOG']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/redeem?code=BLOG')}`);
  });
});

describe('the free trial without a payment provider', () => {
  it('opens member lessons for 7 days, once per person', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const paywall = await (await v.get('/lessons/the-trust-account')).text();
    expect(paywall).toContain('Start my free 7-day trial');
    const res = await postForm(v, '/trial?_action=billing.startTrial', [
      ['next', '/lessons/the-trust-account'],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/lessons/the-trust-account');
    expect(await (await v.get('/lessons/the-trust-account')).text()).toContain('Mark as read');
    const [grant] = await ctx.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, userId), eq(grants.source, 'trial')));
    expect(
      Math.round(((grant?.endsAt?.getTime() ?? 0) - (grant?.startsAt.getTime() ?? 0)) / 86_400_000),
    ).toBe(7);

    // Its end in the person's own zone, in the one clock format.
    await write(ctx.db, (tx) =>
      tx.insert(ledgerSettings).values({ userId, timeZone: 'America/Chicago', updatedAt: new Date() }),
    );
    const billingHtml = await (await v.get('/account/billing')).text();
    const billing = visibleText(billingHtml);
    expect(billing).toContain('Free trial until');
    expect(billing).toContain('7 days left');
    const endsAt = grant?.endsAt ?? new Date(0);
    expect(billingHtml).toContain(
      `<time datetime="${endsAt.toISOString()}">${formatForPerson(endsAt, 'America/Chicago')}</time>`,
    );
    expect(billing).not.toContain('UTC');
    const outbox = await ctx.db
      .select()
      .from(outboxTable)
      .where(eq(outboxTable.subject, 'Your free Trust Academy trial has started'));
    expect(outbox.some((m) => m.text.includes(`${ctx.server.origin}/lessons`))).toBe(true);

    const again = await postForm(v, '/trial?_action=billing.startTrial', [
      ['next', '/lessons/the-trust-account'],
    ]);
    expect(again.headers.get('location')).toMatch(/^\/dashboard\?trial=taken/);
    expect(visibleText(await (await v.get(again.headers.get('location') ?? '')).text())).toContain(
      'once per person',
    );
    expect(await grantsOf(userId)).toHaveLength(1);
  });

  it('ignores a next= that leaves the site', async () => {
    const { v } = await ctx.person({ member: false });
    const res = await postForm(v, '/trial?_action=billing.startTrial', [['next', 'https://evil.example/']]);
    expect(res.headers.get('location')).toBe('/lessons');
  });
});

describe('npm run codes', () => {
  it('creates, lists and disables codes, refusing bad options with a reason', () => {
    const run = (...args: string[]) => runCliSync('codes', args, { DATABASE_URL: ctx.server.databaseUrl });
    expect(run('create', 'spring-trial', '--kind', 'trial', '--days', '10', '--max', '50')).toContain(
      'Created SPRING-TRIAL: 10 days of membership, free.',
    );
    expect(run('list')).toMatch(
      /SPRING-TRIAL\s+10 days of membership, free · 0 of 50 used · no expiry · active/,
    );
    expect(run('list')).toContain('BLOG');
    expect(run('disable', 'spring-trial')).toContain('SPRING-TRIAL is disabled.');
    expect(() => run('create', 'X Y', '--kind', 'trial')).toThrow(/can't be a code/);
    expect(() => run('create', 'PCT', '--kind', 'discount')).toThrow(/exactly one of --percent and --amount/);
  });
});

describe('without a payment provider (the embedded default)', () => {
  it('pricing says payments are not set up, and the monthly checkout starts the local trial', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const pricing = visibleText(await (await v.get('/pricing')).text());
    expect(pricing).toContain('Online payment is not set up on this site');
    expect(pricing).toContain('Membership, monthly');
    const checkout = await (await v.get('/checkout/monthly')).text();
    expect(visibleText(checkout)).toContain('No card is needed: online payment is not set up on this site.');
    expect(visibleText(checkout)).toMatch(/Your trial runs until \d{1,2} \w+ \d{4}, then simply ends\./);
    // Nothing speaks of a charge that can't happen here.
    expect(visibleText(checkout)).not.toContain('is charged then');
    expect(checkout).toContain('action="/trial?_action=billing.startTrial"');
    const paid = await postForm(v, '/checkout/yearly?_action=billing.checkout', [
      ['plan', 'yearly'],
      ['code', ''],
    ]);
    expect(paid.status).toBe(503);
    expect(visibleText(await paid.text())).toContain('Online payment is not set up on this site');
    const started = await postForm(v, '/trial?_action=billing.startTrial', [
      ['next', '/account/billing?trial=started'],
    ]);
    expect(started.headers.get('location')).toBe('/account/billing?trial=started');
    expect(await grantsOf(userId)).toMatchObject([{ product: 'membership', source: 'trial' }]);
    // Landing on Billing, the next step is back into the course: the lesson to continue with, by name.
    const billing = await (await v.get('/account/billing?trial=started')).text();
    expect(visibleText(billing)).toContain('Your trial is on');
    expect(billing).toMatch(
      /<a class="button" href="\/lessons\/trust-is-expectations-met">\s*Continue with “Trust is expectations met”/,
    );
  });

  it('sign-up offers the trial next, and keeps where the visitor was going', async () => {
    const v = new Visitor(ctx.server.origin, '198.51.100.77');
    const form = await (await v.get('/signup?next=%2Fcheckout%2Fassessment')).text();
    expect(form).toContain('next=%2Fcheckout%2Fassessment');
    const res = await v.submit('/signup?_action=accounts.signUp&next=%2Fcheckout%2Fassessment', {
      displayName: 'Mira',
      email: `mira-${Date.now()}@example.com`,
      password: 'a long enough passphrase',
    });
    const done = await res.text();
    expect(visibleText(done)).toContain('Check your email');
    expect(done).toContain('href="/login?next=%2Fcheckout%2Fassessment"');
    const plain = await v.submit('/signup?_action=accounts.signUp', {
      displayName: 'Noor',
      email: `noor-${Date.now()}@example.com`,
      password: 'a long enough passphrase',
    });
    expect(visibleText(await plain.text())).toContain('Log in and start my free 7-day trial');
  });
});
