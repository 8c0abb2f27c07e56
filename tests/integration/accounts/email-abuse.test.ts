/**
 * Our mailer can't be turned on someone else (issue 16, M5): every email a person can cause is limited
 * per account and per recipient, and no email carries text the person typed.
 */
import { closeDatabase, type OpenDatabase } from '@db/client';
import { outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshEmail,
  logIn,
  newVisitor,
  PASSWORD,
  signUpAndVerify,
  useAccountServer,
} from '../../support/accounts';
import { visibleText } from '../../support/phrases';
import { openTestWriter } from '../../support/test-writer';

const ctx = useAccountServer();
let opened: OpenDatabase;
beforeAll(async () => {
  opened = await openTestWriter(ctx.server.databaseUrl);
});
afterAll(() => closeDatabase(opened));

const mailTo = async (to: string) => opened.db.select().from(outbox).where(eq(outbox.to, to));

async function member(displayName?: string) {
  const v = newVisitor(ctx.server);
  const email = await signUpAndVerify(ctx.server, ctx.smtp, v);
  expect((await logIn(v, email)).status).toBe(303);
  if (displayName) {
    const named = await v.post('/account?_action=account.updateName', { displayName });
    expect(named.headers.get('location')).toBe('/account?notice=name');
  }
  return { v, email };
}

describe('email flooding', () => {
  it('limits "send the link again" per account and per recipient: 429 with Retry-After, and no more mail', async () => {
    const { v } = await member();
    const victim = freshEmail();
    await v.post('/account?_action=account.changeEmail', { email: victim, currentPassword: PASSWORD });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10; i += 1) {
      const res = await v.post('/account?_action=account.resendVerification', {});
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    // The email change spent one of the recipient's three; two resends follow, then the limit.
    expect(statuses).toEqual([303, 303, 429, 429, 429, 429, 429, 429, 429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visibleText(await (limited as Response).text())).toContain('We’ve sent several emails recently');
    expect(await mailTo(victim)).toHaveLength(3);
  });

  it('limits sign-ups that email one address, whoever asks, and mails nobody an unconfirmed account', async () => {
    const victim = freshEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await newVisitor(ctx.server).submit('/signup?_action=accounts.signUp', {
        displayName: 'Someone',
        email: victim,
        password: PASSWORD,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // The first made an account and sent its confirmation; "you already have an account" is not sent
    // to an address nobody has confirmed.
    expect((await mailTo(victim)).map((m) => m.subject)).toEqual(['Confirm your email for Trust Academy']);
  });

  it('limits email changes per account, whichever addresses they go to', async () => {
    const { v } = await member();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await v.post('/account?_action=account.changeEmail', {
        email: freshEmail(),
        currentPassword: PASSWORD,
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(visibleText(await (last as Response).text())).toContain('We’ve sent several emails recently');
  });
});

describe('what an email says', () => {
  it('greets the owner of a confirmed address by their own name, whoever caused the email', async () => {
    const { email } = await member('Ana Lima');
    // Someone signs up again with Ana's address: Ana is told, by her name, not by the name they typed.
    await newVisitor(ctx.server).submit('/signup?_action=accounts.signUp', {
      displayName: 'Somebody Else',
      email,
      password: PASSWORD,
    });
    const mail = await ctx.smtp.waitFor(email, (m) => m.subject.includes('already have'));
    expect(mail.text.startsWith('Hello Ana Lima,\n')).toBe(true);
    expect(mail.text).not.toContain('Somebody');
    expect(mail.html).toContain('Hello Ana Lima,');
  });

  it('never carries the display name a person typed', async () => {
    const name = 'Hi there. Your account is locked: visit evil.example';
    const { v } = await member(name);
    const victim = freshEmail();
    await v.post('/account?_action=account.changeEmail', { email: victim, currentPassword: PASSWORD });
    const mail = await ctx.smtp.waitFor(victim);
    expect(mail.text).not.toContain('evil.example');
    expect(mail.text).not.toContain('locked');
    expect(mail.text.startsWith('Hello,')).toBe(true);
  });
});
