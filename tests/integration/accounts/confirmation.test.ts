/** Confirming an email: a reminder with "send it again" when logging in unconfirmed, and a next step after confirming. */
import { describe, expect, it } from 'vitest';
import {
  followEmailLink,
  freshEmail,
  logIn,
  newVisitor,
  PASSWORD,
  useAccountServer,
} from '../../support/accounts';
import type { Visitor } from '../../support/browser-less';
import { visibleText } from '../../support/phrases';
import { linkIn } from '../../support/smtp';

const ctx = useAccountServer();
const text = async (res: Response) => visibleText(await res.text()).replace(/\s+/g, ' ');

async function signUp(v: Visitor): Promise<{ email: string; link: URL }> {
  const email = freshEmail();
  await v.post('/signup?_action=accounts.signUp', { displayName: 'Ana López', email, password: PASSWORD });
  return { email, link: linkIn(await ctx.smtp.waitFor(email), ctx.server.origin) };
}

describe('logging in before confirming', () => {
  it('reminds the person, sends the link again on request, and lets them go on to where they were going', async () => {
    const v = newVisitor(ctx.server);
    const { email } = await signUp(v);
    const login = await logIn(v, email, PASSWORD, '/lessons');
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/confirm-email?next=%2Flessons');

    const reminder = await v.get('/confirm-email?next=%2Flessons');
    const html = await reminder.text();
    expect(visibleText(html)).toContain('Please confirm your email');
    expect(visibleText(html)).toContain(email);
    expect(html).toContain('<a class="button" href="/lessons">Continue</a>');

    const resend = await v.post('/confirm-email?next=%2Flessons&_action=account.resendVerification', {});
    expect(resend.status).toBe(303);
    expect(resend.headers.get('location')).toBe('/confirm-email?next=%2Flessons&sent=1');
    expect(await text(await v.get('/confirm-email?next=%2Flessons&sent=1'))).toContain(
      `We sent a new confirmation link to ${email}`,
    );
    await ctx.smtp.waitFor(email, (m) => ctx.smtp.messages.filter((x) => x.to === email).indexOf(m) === 1);
    // The account page carries the same reminder itself: no stop on the way there.
    const toAccount = await logIn(newVisitor(ctx.server), email, PASSWORD, '/account');
    expect(toAccount.headers.get('location')).toBe('/account');
  });

  it('a confirmed person logs in straight to where they were going, and the reminder sends them on', async () => {
    const v = newVisitor(ctx.server);
    const { email, link } = await signUp(v);
    await followEmailLink(v, link);
    await v.post('/verify-email', {});
    const login = await logIn(v, email, PASSWORD, '/lessons');
    expect(login.headers.get('location')).toBe('/lessons');
    const reminder = await v.get('/confirm-email?next=%2Flessons');
    expect(reminder.status).toBe(303);
    expect(reminder.headers.get('location')).toBe('/lessons');
  });
});

describe('after confirming', () => {
  it('logged in: lands on My learning with a confirmation; reopening the link says it is already confirmed', async () => {
    const v = newVisitor(ctx.server);
    const { email, link } = await signUp(v);
    await logIn(v, email);
    const page = await followEmailLink(v, link);
    expect(await text(page)).toContain('Confirm my email');
    const confirmed = await v.post('/verify-email', {});
    expect(confirmed.headers.get('location')).toBe('/dashboard?notice=verified');
    expect(await text(await v.get('/dashboard?notice=verified'))).toContain(
      'Thanks — your email address is confirmed.',
    );

    const again = await v.get(`${link.pathname}${link.search}`);
    expect(again.status).toBe(303);
    const reopened = await v.get('/verify-email');
    expect(reopened.status).toBe(303);
    expect(reopened.headers.get('location')).toBe('/dashboard?notice=already-verified');
    expect(await text(await v.get('/dashboard?notice=already-verified'))).toContain(
      'Your email address is already confirmed',
    );
  });

  it('logged out: a reopened link says the address is already confirmed and offers to log in', async () => {
    const v = newVisitor(ctx.server);
    const { link } = await signUp(v);
    await followEmailLink(v, link);
    expect((await v.post('/verify-email', {})).headers.get('location')).toBe(
      '/login?notice=verified&next=%2Fdashboard',
    );
    const other = newVisitor(ctx.server);
    const reopened = await text(await followEmailLink(other, link));
    expect(reopened).toContain('Your email address is already confirmed');
    expect(reopened).not.toContain('expired');
  });
});
