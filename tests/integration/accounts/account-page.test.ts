import { execFileSync } from 'node:child_process';
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
import { runCli } from '../../support/cli';
import { visibleText } from '../../support/phrases';
import { linkIn } from '../../support/smtp';

const ctx = useAccountServer();

async function member(): Promise<{ v: Visitor; email: string }> {
  const v = newVisitor(ctx.server);
  // Confirming signs this browser in (decision 015).
  const email = await signUpAndVerify(ctx.server, ctx.smtp, v);
  return { v, email };
}

const account = async (v: Visitor) => visibleText(await (await v.get('/account')).text());

describe('account page', () => {
  it('changes the display name, escaping what it shows', async () => {
    const { v } = await member();
    const res = await v.post('/account?_action=account.updateName', { displayName: '<b>Ana</b> & co' });
    expect(res.headers.get('location')).toBe('/account?notice=name');
    const html = await (await v.get('/account')).text();
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt; &amp; co');
    // Inside a quoted attribute value `<` is inert; anywhere else it would be markup.
    expect(html.replace(/value="[^"]*"/g, '')).not.toContain('<b>Ana</b>');
  });

  it('refuses names with control characters, line breaks, direction overrides, a NUL or bytes that are not UTF-8', async () => {
    const { v } = await member();
    const names = [
      'Hi there.\nYour account is locked: visit evil.example',
      'Ana\r\nBcc: x@example.com',
      'Ana\u0000Admin',
      'Ana\u001b[2J',
      'Ana\u202Egnp.exe',
      'Ana\u2028B',
    ];
    for (const displayName of names) {
      const res = await v.post('/account?_action=account.updateName', { displayName });
      expect(res.status, JSON.stringify(displayName)).toBe(400);
      expect(visibleText(await res.text())).toMatch(/Keep this to one line|invisible (control )?characters/);
    }
    const raw = await v.request('/account?_action=account.updateName', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ctx.server.origin },
      body: new Uint8Array([...new TextEncoder().encode('displayName=Ana'), 0xff, 0xfe]),
    });
    expect(raw.status).toBe(400);
    expect(visibleText(await raw.text())).toContain('This has characters that could not be read');
    const signUp = await newVisitor(ctx.server).submit('/signup?_action=accounts.signUp', {
      displayName: 'Ana\u2066evil\u2069',
      email: freshEmail(),
      password: PASSWORD,
    });
    expect(signUp.status).toBe(400);
    expect(visibleText(await signUp.text())).toContain('change the direction of the text');
    // The name is as it was; names from any script are welcome.
    const ok = await v.post('/account?_action=account.updateName', { displayName: 'Łukasz 李雷' });
    expect(ok.headers.get('location')).toBe('/account?notice=name');
  });

  it('changes the email only with the password, and confirms the new address by a link sent there', async () => {
    const { v } = await member();
    const newEmail = freshEmail();
    const wrong = await v.post('/account?_action=account.changeEmail', {
      email: newEmail,
      currentPassword: 'not my password',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That isn’t your current password.');
    const ok = await v.post('/account?_action=account.changeEmail', {
      email: newEmail,
      currentPassword: PASSWORD,
    });
    expect(ok.headers.get('location')).toBe('/account?notice=email');
    expect(visibleText(await (await v.get('/account?notice=email')).text())).toContain(
      `Your email is now ${newEmail}`,
    );
    expect(await account(v)).toContain(`${newEmail} (not confirmed yet)`);
    await followEmailLink(v, linkIn(await ctx.smtp.waitFor(newEmail), ctx.server.origin));
    await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(await account(v)).toContain(`${newEmail} (confirmed)`);
  });

  it('refuses an email that belongs to another account', async () => {
    const { v } = await member();
    const { email: other } = await member();
    const res = await v.post('/account?_action=account.changeEmail', {
      email: other,
      currentPassword: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('That address belongs to another account.');
  });

  it('changes the password with the current one and ends every other session', async () => {
    const { v, email } = await member();
    const other = newVisitor(ctx.server);
    await logIn(other, email);
    const wrong = await v.post('/account?_action=account.changePassword', {
      currentPassword: 'nope nope nope',
      newPassword: 'a new passphrase',
    });
    expect(wrong.status).toBe(400);
    const ok = await v.post('/account?_action=account.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'a new passphrase',
    });
    expect(ok.headers.get('location')).toBe('/account?notice=password');
    expect((await v.get('/account')).status).toBe(200);
    expect((await other.get('/account')).status).toBe(302);
    expect((await logIn(newVisitor(ctx.server), email, 'a new passphrase')).status).toBe(303);
  });

  it('says why there is nowhere else to log out, rather than showing a disabled button', async () => {
    const { v } = await member();
    const html = await (await v.get('/account')).text();
    expect(visibleText(html)).toContain(
      'You are logged in on this device only, so there is nowhere else to log out.',
    );
    expect(html).not.toContain('Log out everywhere else');
    expect(html).not.toMatch(/<button[^>]*disabled/);
  });

  it('lists sessions and logs out everywhere else', async () => {
    const { v, email } = await member();
    const other = newVisitor(ctx.server);
    await logIn(other, email);
    const text = await account(v);
    expect(text).toContain('This device');
    expect(text.match(/Logged in /g)?.length).toBe(2);
    await v.post('/account?_action=account.logOutOthers', {});
    expect((await other.get('/account')).status).toBe(302);
    expect((await v.get('/account')).status).toBe(200);
  });

  it('downloads everything stored about me, and nothing about anyone else', async () => {
    const { v, email } = await member();
    const { email: stranger } = await member();
    const res = await v.get('/account/data.json');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = (await res.json()) as {
      account: { email: string };
      sessions: unknown[];
      emailsSentToYou: unknown[];
    };
    expect(data.account.email).toBe(email);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.emailsSentToYou.length).toBeGreaterThan(0);
    const raw = JSON.stringify(data);
    expect(raw).not.toContain(stranger);
    expect(raw).not.toContain('$argon2id$');
    expect((await newVisitor(ctx.server).get('/account/data.json')).status).toBe(302);
  });

  it('deletes the account only with the password, leaving nothing that identifies the person', async () => {
    const { v, email } = await member();
    const wrong = await v.post('/account?_action=account.delete', { password: 'wrong wrong wrong' });
    expect(wrong.status).toBe(400);
    const res = await v.post('/account?_action=account.delete', { password: PASSWORD });
    expect(res.headers.get('location')).toBe('/account/deleted');
    expect((await v.get('/account')).status).toBe(302);
    expect((await logIn(newVisitor(ctx.server), email)).status).toBe(400);
    const dump = execFileSync('sqlite3', [ctx.server.databasePath, '.dump'], { encoding: 'utf8' });
    expect(dump.split('\n').filter((line) => line.includes(email))).toEqual([]);
  });

  it('limits current-password checks per account: 429 with Retry-After across change email, change password and delete', async () => {
    const { v, email } = await member();
    // Another browser of the same account draws on the same bucket.
    const other = newVisitor(ctx.server);
    await logIn(other, email);
    const guesses = [
      () =>
        v.post('/account?_action=account.changePassword', {
          currentPassword: 'guess one',
          newPassword: 'a new passphrase',
        }),
      () =>
        v.post('/account?_action=account.changeEmail', { email: freshEmail(), currentPassword: 'guess two' }),
      () => v.post('/account?_action=account.delete', { password: 'guess three' }),
      () =>
        other.post('/account?_action=account.changePassword', {
          currentPassword: 'guess four',
          newPassword: 'a new passphrase',
        }),
      () => other.post('/account?_action=account.delete', { password: 'guess five' }),
    ];
    for (const guess of guesses) expect((await guess()).status).toBe(400);
    for (const attempt of [
      () => v.post('/account?_action=account.delete', { password: PASSWORD }),
      () =>
        other.post('/account?_action=account.changeEmail', {
          email: freshEmail(),
          currentPassword: PASSWORD,
        }),
      () =>
        v.post('/account?_action=account.changePassword', {
          currentPassword: PASSWORD,
          newPassword: 'a new passphrase',
        }),
    ]) {
      // Even the right password waits: the bucket counts checks, not only wrong ones.
      const res = await attempt();
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(visibleText(await res.text())).toContain('Your password was asked for too many times in a row');
    }
    // Nothing changed meanwhile: the account and its password are as they were.
    expect((await v.get('/account')).status).toBe(200);
    expect((await logIn(newVisitor(ctx.server), email, PASSWORD)).status).toBe(303);
  });

  it('ignores extra form fields: a learner cannot make themself an admin', async () => {
    const v = newVisitor(ctx.server);
    const email = freshEmail();
    await v.submit('/signup?_action=accounts.signUp', {
      displayName: 'Eve',
      email,
      password: PASSWORD,
      role: 'admin',
      id: 'x',
    });
    await ctx.smtp.waitFor(email);
    await logIn(v, email);
    const data = (await (await v.get('/account/data.json')).json()) as {
      account: { role: string; id: string };
    };
    expect(data.account.role).toBe('learner');
    expect(data.account.id).not.toBe('x');
  });
});

describe('npm run admin', () => {
  it('promotes an existing account and creates a new admin with a one-time password', async () => {
    const run = (...args: string[]) => runCli('admin', args, { DATABASE_URL: ctx.server.databaseUrl });
    const out = await run('create-admin', 'chief@example.com', '--name', 'Chief');
    expect(out).toMatch(/One-time password \(shown once\): [a-z2-7]{32}/);
    expect(await run('create-admin', 'CHIEF@example.com')).toContain('already an admin');
    expect(await run('list-admins')).toContain('chief@example.com  (Chief)');
  });
});

describe('cached pages for signed-in people', () => {
  it('show each person their own name, never someone else’s', async () => {
    const a = await member();
    const b = await member();
    await a.v.post('/account?_action=account.updateName', { displayName: 'Alice Unique' });
    await b.v.post('/account?_action=account.updateName', { displayName: 'Bob Unique' });
    for (let i = 0; i < 3; i++) {
      const forA = visibleText(await (await a.v.get('/lessons')).text());
      const forB = visibleText(await (await b.v.get('/lessons')).text());
      const forVisitor = visibleText(await (await newVisitor(ctx.server).get('/lessons')).text());
      expect(forA).toContain('Account of Alice Unique');
      expect(forA).not.toContain('Bob Unique');
      expect(forB).toContain('Account of Bob Unique');
      expect(forB).not.toContain('Alice Unique');
      expect(forVisitor).not.toMatch(/Alice Unique|Bob Unique/);
      expect(forVisitor).toContain('Log in');
    }
  });
});
