/**
 * Two app processes on one database, as behind a load balancer: in `npm run test:remote` both reach one
 * Hrana server over the protocol, otherwise both open the same file. Whatever a person does through one
 * process holds on the other, because sessions, rate-limit buckets, the outbox and the versions that key
 * the page caches all live in the database (README, "Several processes on a libsql server").
 */
import { closeDatabase, type OpenDatabase } from '@db/client';
import { outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantMembership } from '../../factories/grants';
import { createUser } from '../../factories/users';
import { logIn } from '../../support/accounts';
import { Visitor } from '../../support/browser-less';
import { LEARNER_PASSWORD } from '../../support/learning';
import { visibleText } from '../../support/phrases';
import { type RunningServer, startServer } from '../../support/server';
import { type SmtpSink, startSmtpSink } from '../../support/smtp';
import { openTestWriter } from '../../support/test-writer';

let a: RunningServer;
let b: RunningServer;
let smtp: SmtpSink;
let opened: OpenDatabase;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const env = { SMTP_URL: smtp.url, TRUSTED_PROXY_HEADER: 'x-forwarded-for' };
  a = await startServer({ env });
  b = await startServer({ env: { ...env, DATABASE_URL: a.databaseUrl } });
  opened = await openTestWriter(a.databaseUrl);
});
afterAll(async () => {
  if (opened) closeDatabase(opened);
  await b?.stop();
  await a?.stop();
  await smtp?.close();
});

let ip = 0;
async function member(name: string): Promise<{ onA: Visitor; onB: Visitor; email: string }> {
  // The servers' clock: they judge the membership by it.
  const now = new Date();
  const user = await createUser(opened.db, now, { verified: true, displayName: name });
  await grantMembership(opened.db, user.id, { from: now });
  ip += 1;
  const onA = new Visitor(a.origin, `198.18.0.${ip}`);
  expect((await logIn(onA, user.email, LEARNER_PASSWORD)).status).toBe(303);
  return { onA, onB: onA.at(b.origin), email: user.email };
}

describe('two app servers on one database', () => {
  it('a session started on one is valid on the other, and logging out on the other ends it on both', async () => {
    const { onA, onB } = await member('Ada Twoservers');
    const token = onA.cookie('session') ?? '';
    expect((await onB.get('/account')).status).toBe(200);
    expect(visibleText(await (await onB.get('/account')).text())).toContain('Ada Twoservers');
    const out = await onB.post('/logout?_action=accounts.logOut', {});
    expect(out.headers.get('location')).toBe('/login?notice=logged-out');
    const replay = await fetch(`${a.origin}/account`, {
      headers: { Cookie: `session=${token}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(302);
  });

  it('draws one client address’s login attempts from one bucket, whichever server answers', async () => {
    ip += 1;
    const attacker = new Visitor(a.origin, `198.18.1.${ip}`);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const v = i % 2 === 0 ? attacker : attacker.at(b.origin);
      statuses.push((await logIn(v, `nobody${i}@example.com`, 'whatever it is')).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('shows progress recorded through one server on the other’s cached dashboard at once', async () => {
    const { onA, onB } = await member('Ben Twoservers');
    const before = visibleText(await (await onB.get('/dashboard')).text());
    expect(before).toMatch(/Whole course 0 of \d+ lessons/);
    expect(visibleText(await (await onB.get('/dashboard')).text())).toBe(before);
    expect(
      (
        await onA.post('/lessons/the-trust-account/read?_action=learning.markRead', {
          lesson: 'the-trust-account',
        })
      ).status,
    ).toBe(303);
    const after = visibleText(await (await onB.get('/dashboard')).text());
    expect(after).not.toBe(before);
    expect(after).toContain('Ben Twoservers');
  });

  it('sends a queued email once, though both servers run a sender', async () => {
    const { email } = await member('Cy Twoservers');
    ip += 1;
    const v = new Visitor(b.origin, `198.18.2.${ip}`);
    expect((await v.post('/forgot-password?_action=accounts.forgotPassword', { email })).status).toBe(200);
    await smtp.waitFor(email, (m) => m.subject.startsWith('Reset'));
    const rows = () => opened.db.select().from(outbox).where(eq(outbox.to, email));
    // Marked sent just after the SMTP server took it; from then on neither sender may pick it up.
    await expect.poll(async () => (await rows())[0]?.sentAt ?? null, { timeout: 10_000 }).not.toBeNull();
    const [row, ...more] = await rows();
    expect(more).toHaveLength(0);
    expect(row?.attempts).toBe(1);
    expect(smtp.messages.filter((m) => m.to === email)).toHaveLength(1);
  });
});
