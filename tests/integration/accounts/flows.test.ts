import { describe, expect, it } from 'vitest';
import {
  followEmailLink,
  freshEmail,
  logIn,
  newVisitor,
  PASSWORD,
  signUpAndVerify as signUpAndVerifyOn,
  useAccountServer,
} from '../../support/accounts';
import { Visitor } from '../../support/browser-less';
import { visibleText } from '../../support/phrases';
import { startServer } from '../../support/server';
import { linkIn } from '../../support/smtp';

const ctx = useAccountServer();

const visitor = () => newVisitor(ctx.server);
const signUpAndVerify = (v: Visitor, email?: string) => signUpAndVerifyOn(ctx.server, ctx.smtp, v, email);

describe('sign-up and email verification', () => {
  it('creates the account, emails a link built from SITE_URL, and the link confirms the address once', async () => {
    const v = visitor();
    const email = freshEmail();
    const res = await v.submit('/signup?_action=accounts.signUp', {
      displayName: 'Ana López',
      email,
      password: PASSWORD,
    });
    expect(visibleText(await res.text())).toContain('Check your email');
    const mail = await ctx.smtp.waitFor(email);
    const link = linkIn(mail, ctx.server.origin);
    expect(link.pathname).toBe('/verify-email');
    const page = await followEmailLink(v, link);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(link.searchParams.get('token') ?? 'missing');
    const first = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(first.headers.get('location')).toBe('/welcome?notice=verified');
    // Confirming signed this browser in. The same link, opened again elsewhere, confirms nothing more.
    expect(visibleText(await (await v.get('/account')).text())).toContain(`${email} (confirmed)`);
    const elsewhere = visitor();
    const reopened = await followEmailLink(elsewhere, link);
    expect(visibleText(await reopened.text())).toContain('Your email address is already confirmed');
    const again = await elsewhere.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(again.status).toBe(200);
    expect(visibleText(await again.text())).toContain('Your email address is already confirmed');
    await logIn(elsewhere, email);
    expect(visibleText(await (await elsewhere.get('/account')).text())).toContain(`${email} (confirmed)`);
  });

  it('answers the same for a known and an unknown email, and tells the owner instead', async () => {
    const email = await signUpAndVerify(visitor());
    const known = await visitor().submit('/signup?_action=accounts.signUp', {
      displayName: 'X',
      email,
      password: PASSWORD,
    });
    const unknown = await visitor().submit('/signup?_action=accounts.signUp', {
      displayName: 'X',
      email: freshEmail(),
      password: PASSWORD,
    });
    expect(known.status).toBe(unknown.status);
    const strip = (html: string) => visibleText(html).replace(/\S+@example\.com/g, 'EMAIL');
    expect(strip(await known.text())).toBe(strip(await unknown.text()));
    await ctx.smtp.waitFor(email, (m) => m.subject === 'You already have a Trust Academy account');
  });

  it('refuses a short or common password with a clear message and keeps the other input', async () => {
    for (const password of ['short', 'password123']) {
      const res = await visitor().submit('/signup?_action=accounts.signUp', {
        displayName: 'Ben',
        email: 'ben@example.com',
        password,
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('value="ben@example.com"');
      expect(html).toContain('value="Ben"');
      expect(html).not.toContain(`value="${password}"`);
      expect(html).toMatch(/at least 8 characters|most commonly used/);
    }
  });

  it('refuses a malformed email with a field error', async () => {
    const res = await visitor().submit('/signup?_action=accounts.signUp', {
      displayName: 'C',
      email: 'nope',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter an email address like name@example.com.');
  });
});

describe('log in and log out', () => {
  it('gives the same answer for a wrong password and an unknown email', async () => {
    const email = await signUpAndVerify(visitor());
    const wrong = await logIn(visitor(), email, 'not the password at all');
    const unknown = await logIn(visitor(), freshEmail(), 'not the password at all');
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(visibleText(await wrong.text())).toBe(visibleText(await unknown.text()));
  });

  it('sets a new HttpOnly, SameSite=Lax session cookie at each login and lands on next=', async () => {
    const v = visitor();
    const email = await signUpAndVerify(v);
    const res = await logIn(v, email, PASSWORD, '/lessons/the-trust-account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/lessons/the-trust-account');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
    expect(cookie).toMatch(/^session=[a-z2-7]{32}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const first = v.cookie('session');
    await logIn(v, email);
    expect(v.cookie('session')).not.toBe(first);
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])(
    'never follows next=%s off the site',
    async (next) => {
      const v = visitor();
      const email = await signUpAndVerify(v);
      const res = await logIn(v, email, PASSWORD, next);
      expect(res.headers.get('location')).toBe('/');
    },
  );

  it('ends the session on log out: the old cookie no longer works', async () => {
    const v = visitor();
    const email = await signUpAndVerify(v);
    await logIn(v, email);
    const token = v.cookie('session') ?? '';
    expect((await v.get('/account')).status).toBe(200);
    const out = await v.post('/logout?_action=accounts.logOut', {});
    expect(out.headers.get('location')).toBe('/login?notice=logged-out');
    const replay = await fetch(`${ctx.server.origin}/account`, {
      headers: { Cookie: `session=${token}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(302);
  });

  it('sends protected pages to log in with next=, and shows who is logged in on every page', async () => {
    const v = visitor();
    const res = await v.get('/account');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount');
    const email = await signUpAndVerify(v);
    await logIn(v, email);
    for (const path of ['/', '/lessons', '/search?q=trust']) {
      const page = await v.get(path);
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(visibleText(await page.text())).toContain('Account of Ana');
    }
  });

  it('refuses a cross-origin form post (CSRF)', async () => {
    const res = await visitor().post(
      '/login?_action=accounts.logIn',
      { email: 'a@example.com', password: PASSWORD },
      'https://evil.example',
    );
    expect(res.status).toBe(403);
  });
});

describe('brute force', () => {
  it('answers 429 with Retry-After once an account’s bucket is empty, and the owner can still reset', async () => {
    const owner = visitor();
    const email = await signUpAndVerify(owner);
    let limited: Response | null = null;
    for (let i = 0; i < 15 && !limited; i++) {
      const res = await logIn(visitor(), email, `guess number ${i}`);
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    const reset = await owner.post('/forgot-password?_action=accounts.forgotPassword', { email });
    expect(reset.status).toBe(200);
    await ctx.smtp.waitFor(email, (m) => m.subject.startsWith('Reset'));
  });

  it('limits one client IP across accounts', async () => {
    const attacker = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await logIn(attacker, freshEmail(), 'whatever it is')).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown emails', async () => {
    const email = await signUpAndVerify(visitor());
    const known = await visitor().post('/forgot-password?_action=accounts.forgotPassword', { email });
    const unknown = await visitor().post('/forgot-password?_action=accounts.forgotPassword', {
      email: freshEmail(),
    });
    const strip = (html: string) => visibleText(html).replace(/\S+@example\.com/g, 'EMAIL');
    expect(known.status).toBe(unknown.status);
    expect(strip(await known.text())).toBe(strip(await unknown.text()));
  });

  it('resets with a single-use link, ends every session, and sends the person to log in with it', async () => {
    const laptop = visitor();
    const phone = visitor();
    const email = await signUpAndVerify(laptop);
    await logIn(laptop, email);
    await logIn(phone, email);
    const resetter = visitor();
    await resetter.post('/forgot-password?_action=accounts.forgotPassword', { email });
    const link = linkIn(
      await ctx.smtp.waitFor(email, (m) => m.subject.startsWith('Reset')),
      ctx.server.origin,
    );
    const page = await resetter.get(`${link.pathname}${link.search}`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const token = link.searchParams.get('token') ?? '';
    const done = await resetter.post('/reset-password?_action=accounts.resetPassword', {
      token,
      password: 'a brand new passphrase',
    });
    expect(done.headers.get('location')).toBe('/login?notice=password-reset');
    expect(visibleText(await (await resetter.get('/login?notice=password-reset')).text())).toContain(
      'Your new password is saved',
    );
    expect((await resetter.get('/account')).status).toBe(302);
    expect((await laptop.get('/account')).status).toBe(302);
    expect((await phone.get('/account')).status).toBe(302);
    const reuse = await visitor().post('/reset-password?_action=accounts.resetPassword', {
      token,
      password: 'another passphrase here',
    });
    expect(reuse.status).toBe(400);
    expect((await logIn(visitor(), email, 'a brand new passphrase')).status).toBe(303);
    expect((await logIn(visitor(), email, PASSWORD)).status).toBe(400);
  });
});

describe('hostile input', () => {
  it('answers over-long passwords, huge bodies and odd encodings with 4xx, never 500', async () => {
    const v = visitor();
    const longPassword = await logIn(v, freshEmail(), 'x'.repeat(2000));
    expect(longPassword.status).toBe(400);
    const tooLong = await v.submit('/signup?_action=accounts.signUp', {
      displayName: 'A',
      email: freshEmail(),
      password: 'é'.repeat(600),
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('That password is too long');
    const huge = await v.request('/login?_action=accounts.logIn', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ctx.server.origin },
      body: `email=a%40b.co&password=${'a'.repeat(5 * 1024 * 1024)}`,
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const badUtf8 = await v.request('/login?_action=accounts.logIn', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ctx.server.origin },
      body: new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe, 0x26, 0x70, 0x3d, 0xc3]),
    });
    expect(badUtf8.status).toBe(400);
  });
});

describe('no state change on GET', () => {
  it('opening /logout or a confirmation link does nothing until the button is pressed', async () => {
    const v = visitor();
    const email = freshEmail();
    await v.submit('/signup?_action=accounts.signUp', { displayName: 'Gia', email, password: PASSWORD });
    const link = linkIn(await ctx.smtp.waitFor(email), ctx.server.origin);
    await followEmailLink(v, link);
    await logIn(v, email);
    expect(visibleText(await (await v.get('/account')).text())).toContain('(not confirmed yet)');
    const logoutPage = await v.get('/logout');
    expect(logoutPage.status).toBe(200);
    expect((await v.get('/account')).status).toBe(200);
    await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(visibleText(await (await v.get('/account')).text())).toContain('(confirmed)');
  });

  it('sends a fresh confirmation link on request', async () => {
    const v = visitor();
    const email = freshEmail();
    await v.submit('/signup?_action=accounts.signUp', { displayName: 'Hal', email, password: PASSWORD });
    await ctx.smtp.waitFor(email);
    await logIn(v, email);
    const res = await v.post('/account?_action=account.resendVerification', {});
    expect(res.headers.get('location')).toBe('/account?notice=resend');
    await expect.poll(() => ctx.smtp.messages.filter((m) => m.to === email).length).toBe(2);
  });
});

describe('cookies on an https site', () => {
  it('use the __Host- prefix and Secure', async () => {
    const https = await startServer({ env: { SITE_URL: 'https://academy.example', SMTP_URL: ctx.smtp.url } });
    try {
      const v = new Visitor(https.origin, '192.0.2.1');
      // Origin must match the request URL for Astro's CSRF check, whatever SITE_URL says.
      const email = freshEmail();
      await v.submit('/signup?_action=accounts.signUp', { displayName: 'Ivy', email, password: PASSWORD });
      const res = await v.post('/login?_action=accounts.logIn', { email, password: PASSWORD, next: '/' });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
      expect(cookie).toMatch(
        /^__Host-session=[a-z2-7]{32}; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      );
      const link = linkIn(await ctx.smtp.waitFor(email), 'https://academy.example');
      expect(link.origin).toBe('https://academy.example');
    } finally {
      await https.stop();
    }
  });
});
