/**
 * Free things (the trial, codes that give something) are for confirmed addresses, once per person —
 * where a person is a mailbox, however its address is spelled (QUALITY.md "Accounts").
 */
import { codes, grants, users } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../factories/users';
import { Visitor } from '../../support/browser-less';
import { LEARNER_PASSWORD, postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
let ip = 0;
const unique = () => {
  ip += 1;
  return `${Date.now().toString(36)}${ip}`;
};

async function signedIn(email: string, verified = true): Promise<{ v: Visitor; userId: string }> {
  // The server reads the wall clock: the account exists from now on.
  const user = await createUser(ctx.db, new Date(), { email, verified });
  const v = new Visitor(ctx.server.origin, `192.0.2.${ip % 250}`);
  const res = await v.post('/login?_action=accounts.logIn', { email, password: LEARNER_PASSWORD, next: '/' });
  expect(res.status).toBe(303);
  return { v, userId: user.id };
}

const trialsOf = (userId: string) =>
  ctx.db
    .select()
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.source, 'trial')));

async function startTrial(v: Visitor): Promise<string> {
  const res = await postForm(v, '/trial?_action=billing.startTrial', [
    ['next', '/lessons/the-trust-account'],
  ]);
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

describe('the free trial needs a confirmed email', () => {
  it('tells an unconfirmed person to confirm first, offers to resend the link, and grants nothing', async () => {
    const { v, userId } = await signedIn(`unconfirmed-${unique()}@example.com`, false);
    const location = await startTrial(v);
    expect(location).toBe(
      `/dashboard?trial=unconfirmed&next=${encodeURIComponent('/lessons/the-trust-account')}`,
    );
    const html = await (await v.get(location)).text();
    expect(visibleText(html)).toContain('Please confirm your email address first');
    expect(html).toContain('action="/account?_action=account.resendVerification"');
    expect(await trialsOf(userId)).toHaveLength(0);
    // Once confirmed, the same button starts the trial.
    await ctx.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
    expect(await startTrial(v)).toBe('/lessons/the-trust-account');
    expect(await trialsOf(userId)).toHaveLength(1);
  });

  it('refuses a code that gives something to an unconfirmed person, with the way to confirm', async () => {
    const { v, userId } = await signedIn(`unconfirmed-${unique()}@example.com`, false);
    const res = await postForm(v, '/redeem?_action=billing.redeem', [['code', 'BLOG']]);
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain('Please confirm your email address first');
    expect(await ctx.db.select().from(grants).where(eq(grants.userId, userId))).toHaveLength(0);
  });
});

describe('the free trial is once per mailbox', () => {
  it('counts plus-addresses and dots of one Gmail mailbox, on either of its domains, as one person', async () => {
    const name = `ana${unique()}`;
    const first = await signedIn(`${name}@gmail.com`);
    expect(await startTrial(first.v)).toBe('/lessons/the-trust-account');
    for (const variant of [
      `${name}+again@gmail.com`,
      `${name.slice(0, 2)}.${name.slice(2)}@gmail.com`,
      `${name.slice(0, 1)}.${name.slice(1, 3)}.${name.slice(3)}+x@googlemail.com`,
    ]) {
      const other = await signedIn(variant);
      expect(await startTrial(other.v), variant).toMatch(/^\/dashboard\?trial=taken/);
      expect(await trialsOf(other.userId)).toHaveLength(0);
    }
  });

  it('counts plus-addresses on any domain, but not dots where the provider keeps them', async () => {
    const name = `ben${unique()}`;
    const first = await signedIn(`${name}@example.org`);
    expect(await startTrial(first.v)).toBe('/lessons/the-trust-account');
    const plus = await signedIn(`${name}+trial@example.org`);
    expect(await startTrial(plus.v)).toMatch(/^\/dashboard\?trial=taken/);
    // Different people at a provider where dots matter, and the same name at another domain.
    const dotted = await signedIn(`${name.slice(0, 2)}.${name.slice(2)}@example.org`);
    expect(await startTrial(dotted.v)).toBe('/lessons/the-trust-account');
    const elsewhere = await signedIn(`${name}@example.net`);
    expect(await startTrial(elsewhere.v)).toBe('/lessons/the-trust-account');
  });

  it('remembers the mailbox a trial was given to after the account moves to another address', async () => {
    const name = `dee${unique()}`;
    const first = await signedIn(`${name}@example.com`);
    expect(await startTrial(first.v)).toBe('/lessons/the-trust-account');
    await ctx.db
      .update(users)
      .set({ email: `moved-${name}@example.com` })
      .where(eq(users.id, first.userId));
    const again = await signedIn(`${name}+back@example.com`);
    expect(await startTrial(again.v)).toMatch(/^\/dashboard\?trial=taken/);
    expect(await trialsOf(again.userId)).toHaveLength(0);
  });

  it('refuses a trial code to another spelling of a mailbox that had the trial', async () => {
    const name = `cy${unique()}`;
    const first = await signedIn(`${name}@gmail.com`);
    expect(await startTrial(first.v)).toBe('/lessons/the-trust-account');
    const code = `TRY${unique().toUpperCase()}`;
    await ctx.db.insert(codes).values({
      code,
      kind: 'trial',
      trialDays: 14,
      createdAt: new Date(),
    });
    const other = await signedIn(`${name.slice(0, 1)}.${name.slice(1)}+code@gmail.com`);
    const res = await postForm(other.v, '/redeem?_action=billing.redeem', [['code', code]]);
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain('a trial is once per person');
  });
});
