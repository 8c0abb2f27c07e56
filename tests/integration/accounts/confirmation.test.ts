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
// Tags become spaces in visibleText; punctuation right after an inline tag closes up again.
const text = async (res: Response) =>
  visibleText(await res.text())
    .replace(/\s+/g, ' ')
    .replace(/ ([.,])/g, '$1');

async function signUp(v: Visitor): Promise<{ email: string; link: URL }> {
  const email = freshEmail();
  await v.submit('/signup?_action=accounts.signUp', { displayName: 'Ana López', email, password: PASSWORD });
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
    await v.post('/verify-email?_action=accounts.verifyEmail', {});
    const login = await logIn(v, email, PASSWORD, '/lessons');
    expect(login.headers.get('location')).toBe('/lessons');
    const reminder = await v.get('/confirm-email?next=%2Flessons');
    expect(reminder.status).toBe(303);
    expect(reminder.headers.get('location')).toBe('/lessons');
  });
});

describe('after confirming', () => {
  it('logged in: lands on the welcome page with a confirmation; reopening the link says it is already confirmed', async () => {
    const v = newVisitor(ctx.server);
    const { email, link } = await signUp(v);
    await logIn(v, email);
    const page = await text(await followEmailLink(v, link));
    expect(page).toContain('Confirm my email');
    expect(page).toContain(`Press the button to confirm that ${email} is your email address.`);
    const confirmed = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(confirmed.headers.get('location')).toBe('/welcome?notice=verified');
    expect(await text(await v.get('/welcome?notice=verified'))).toContain(
      'Your email address is confirmed and you are logged in.',
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

  it('logged out: names the address, signs in once and welcomes; the reused link signs nobody in', async () => {
    const v = newVisitor(ctx.server);
    const { email, link } = await signUp(v);
    const page = await text(await followEmailLink(v, link));
    expect(page).toContain(`Press the button to confirm ${email}. You will be logged in as ${email}`);
    const confirmed = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(confirmed.headers.get('location')).toBe('/welcome?notice=verified');
    const welcome = await v.get('/welcome?notice=verified');
    expect(welcome.status).toBe(200);
    const welcomeText = await text(welcome);
    expect(welcomeText).toContain('Welcome, Ana López');
    expect(welcomeText).toContain('Your email address is confirmed and you are logged in.');
    // One next step (as My learning would give it: a new free learner's first lesson), then the three things to do.
    expect(welcomeText).toContain('Next step · Start the course');
    expect(welcomeText.match(/Start the lesson/g)).toHaveLength(1);
    expect(welcomeText).toContain('Three things to do');
    for (const thing of [
      'Learn: the course',
      'Measure: the trust assessment',
      'Practise: the promise ledger',
    ])
      expect(welcomeText).toContain(thing);
    // What a free account can open today, said on each.
    expect(welcomeText).toMatch(/\d+ are free to you now; membership opens the rest/);
    expect(welcomeText).toContain('It is part of membership.');
    expect(welcomeText).toContain('Try a practice conversation');
    expect(await text(await v.get('/account'))).toContain(`${email} (confirmed)`);

    // The same link in another browser: already confirmed, and no session is made from it again.
    const other = newVisitor(ctx.server);
    const reopened = await text(await followEmailLink(other, link));
    expect(reopened).toContain('Your email address is already confirmed');
    expect(reopened).not.toContain('expired');
    const reused = await other.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(reused.status).toBe(200);
    expect(await text(reused)).toContain('Log in to continue');
    const account = await other.get('/account');
    expect(account.status).toBe(302);
    expect(account.headers.get('location')).toContain('/login');
  });

  it('logged in as someone else: confirms the link’s address but stays with the account it had, and says so', async () => {
    const owner = newVisitor(ctx.server);
    const { email: ownerEmail, link } = await signUp(owner);
    const v = newVisitor(ctx.server);
    const { email: otherEmail } = await signUp(v);
    await logIn(v, otherEmail);
    const page = await text(await followEmailLink(v, link));
    expect(page).toContain(`This link confirms ${ownerEmail}, but you are logged in as ${otherEmail}`);
    const confirmed = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(confirmed.status).toBe(200);
    expect(await text(confirmed)).toContain(
      `${ownerEmail} is confirmed. You are still logged in as ${otherEmail}`,
    );
    const account = await text(await v.get('/account'));
    expect(account).toContain(`${otherEmail} (not confirmed yet)`);
    expect(account).not.toContain(ownerEmail);
    await logIn(owner, ownerEmail);
    expect(await text(await owner.get('/account'))).toContain(`${ownerEmail} (confirmed)`);
  });
});

describe('the welcome page', () => {
  it('is for people who are logged in', async () => {
    const res = await newVisitor(ctx.server).get('/welcome');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/login');
  });
});
