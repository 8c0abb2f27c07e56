/**
 * What a password-reset link may do, and for how long (QUALITY.md "Reset tokens"): it ends with every
 * reset, password change and email change, and it never signs in a browser it was planted in.
 */
import { describe, expect, it } from 'vitest';
import {
  followEmailLink,
  freshEmail,
  logIn,
  newVisitor,
  PASSWORD,
  signUpAndVerify,
  useAccountServer,
} from '../../support/accounts';
import type { Visitor } from '../../support/browser-less';
import { linkIn } from '../../support/smtp';

const ctx = useAccountServer();
const visitor = () => newVisitor(ctx.server);

/** Asks for a reset link for `email` and returns the link from the newest "Reset" email. */
async function resetLinkFor(email: string): Promise<URL> {
  const before = ctx.smtp.messages.filter((m) => m.to === email && m.subject.startsWith('Reset')).length;
  const res = await visitor().post('/forgot-password?_action=accounts.forgotPassword', { email });
  expect(res.status).toBe(200);
  await ctx.smtp.waitFor(
    email,
    () => ctx.smtp.messages.filter((m) => m.to === email && m.subject.startsWith('Reset')).length > before,
  );
  const mails = ctx.smtp.messages.filter((m) => m.to === email && m.subject.startsWith('Reset'));
  const newest = mails.at(-1);
  if (!newest) throw new Error('no reset email');
  return linkIn(newest, ctx.server.origin);
}

/** Opens the link in a fresh browser and saves `password`; the response of the save. */
async function useLink(link: URL, password: string, v: Visitor = visitor()): Promise<Response> {
  await followEmailLink(v, link);
  return v.post('/reset-password?_action=accounts.resetPassword', { password });
}

async function member(): Promise<{ v: Visitor; email: string }> {
  const v = visitor();
  const email = await signUpAndVerify(ctx.server, ctx.smtp, v);
  expect((await logIn(v, email)).status).toBe(303);
  return { v, email };
}

describe('reset links end when they have served their purpose', () => {
  it('a link sent to the old address stops working once the account’s email changes', async () => {
    const { v, email } = await member();
    const link = await resetLinkFor(email);
    const newEmail = freshEmail();
    const changed = await v.post('/account?_action=account.changeEmail', {
      email: newEmail,
      currentPassword: PASSWORD,
    });
    expect(changed.headers.get('location')).toBe('/account?notice=email');
    const res = await useLink(link, 'taken over by whoever read the old mailbox');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This reset link has expired or was already used');
    // The password is unchanged.
    expect((await logIn(visitor(), newEmail, PASSWORD)).status).toBe(303);
  });

  it('a reset ends every other outstanding reset link', async () => {
    const { email } = await member();
    const older = await resetLinkFor(email);
    const newer = await resetLinkFor(email);
    expect((await useLink(newer, 'the passphrase I chose')).status).toBe(303);
    const res = await useLink(older, 'a second passphrase');
    expect(res.status).toBe(400);
    expect((await logIn(visitor(), email, 'the passphrase I chose')).status).toBe(303);
  });

  it('a password change ends every outstanding reset link', async () => {
    const { v, email } = await member();
    const link = await resetLinkFor(email);
    const changed = await v.post('/account?_action=account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'changed on the account page',
    });
    expect(changed.headers.get('location')).toBe('/account?notice=password');
    expect((await useLink(link, 'someone else’s choice')).status).toBe(400);
    expect((await logIn(visitor(), email, 'changed on the account page')).status).toBe(303);
  });
});

describe('an emailed link works only while the account’s address is the one it was sent to', () => {
  it('a confirmation link to the old address confirms nothing once the email has changed', async () => {
    const v = visitor();
    const email = freshEmail();
    await v.submit('/signup?_action=accounts.signUp', { displayName: 'Ana', email, password: PASSWORD });
    const oldLink = linkIn(await ctx.smtp.waitFor(email), ctx.server.origin);
    expect((await logIn(v, email)).status).toBe(303);
    const newEmail = freshEmail();
    await v.post('/account?_action=account.changeEmail', { email: newEmail, currentPassword: PASSWORD });
    await followEmailLink(v, oldLink);
    const res = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This confirmation link has expired or was already used');
  });
});

describe('a reset link opened in someone else’s browser', () => {
  it('changes the password of the link’s account but signs nobody in (no log-in CSRF)', async () => {
    // The attacker asks for a reset of their own account and makes the victim's browser open the link.
    const { email: attacker } = await member();
    const link = await resetLinkFor(attacker);
    const victim = visitor();
    const done = await useLink(link, 'typed by the victim', victim);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/login?notice=password-reset');
    // The victim's browser is not in the attacker's account.
    expect((await victim.get('/account')).status).toBe(302);
    expect(victim.cookie('reset_token')).toBeUndefined();
    // The owner of the link logs in with the new password in the usual way.
    expect((await logIn(visitor(), attacker, 'typed by the victim')).status).toBe(303);
  });
});

describe('the reset email', () => {
  /** The newest reset email to `email`, both parts. */
  async function resetMailTo(email: string) {
    await resetLinkFor(email);
    const mail = ctx.smtp.messages.filter((m) => m.to === email && m.subject.startsWith('Reset')).at(-1);
    if (!mail) throw new Error('no reset email');
    return mail;
  }

  it('greets the person by name once their address is confirmed, in text and HTML, with the link as a button', async () => {
    const { email } = await member();
    const mail = await resetMailTo(email);
    expect(mail.text.startsWith('Hello Ana,')).toBe(true);
    expect(mail.html).toContain('Hello Ana,');
    const link = linkIn(mail, ctx.server.origin).href;
    expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(mail.html).toContain('>Choose a new password</a>');
  });

  it('names no one when the address was never confirmed: whoever typed it may not be its owner', async () => {
    const email = freshEmail();
    const signUp = await visitor().submit('/signup?_action=accounts.signUp', {
      displayName: 'Your account is locked',
      email,
      password: PASSWORD,
    });
    expect(signUp.status).toBe(200);
    const mail = await resetMailTo(email);
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
    expect(mail.text).not.toContain('locked');
    expect(mail.html).not.toContain('locked');
  });
});
