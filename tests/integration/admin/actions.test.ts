import { write } from '@db/client';
import { auditLog, codes, ledgerSettings, outbox, users } from '@db/schema';
import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { logIn, newVisitor } from '../../support/accounts';
import { postAdmin, signedInAdmin } from '../../support/admin';
import { formatForPerson } from '../../../src/lib/ledger/time';
import { overviewFiguresIn, signUpsSince } from '../../../src/lib/server/admin/queries';
import { runCli } from '../../support/cli';
import { parseCsv } from '../../support/csv';
import { useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();

const lastAudit = async () => (await ctx.db.select().from(auditLog).orderBy(desc(auditLog.at)).limit(1))[0];

describe('codes', () => {
  it('creates a code from the form, audited, and a learner can redeem it', async () => {
    const { v, userId, email } = await signedInAdmin(ctx);
    const res = await postAdmin(v, '/admin/codes', {
      intent: 'create',
      code: 'spring-26',
      kind: 'trial',
      days: '14',
      max: '2',
      expires: '2099-01-31',
      active: 'on',
      percent: 'leftover from another kind',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/codes?done=created&code=SPRING-26');
    const page = visibleText(await (await v.get('/admin/codes?done=created&code=SPRING-26')).text());
    expect(page).toContain('Created SPRING-26.');
    expect(page).toContain('14 days of membership, free');
    expect(await lastAudit()).toMatchObject({
      actorId: userId,
      actor: email,
      action: 'code.create',
      target: 'SPRING-26',
    });
    expect(JSON.parse((await lastAudit())?.after ?? '{}')).toMatchObject({
      trialDays: 14,
      maxRedemptions: 2,
    });

    const { v: learner } = await ctx.person({ member: false });
    const redeemed = await learner.post('/redeem?_action=billing.redeem', { code: 'spring-26' });
    expect(redeemed.status).toBe(200);
    const row = visibleText(await (await v.get('/admin/codes')).text());
    expect(row).toMatch(
      /SPRING-26 14 days of membership, free Not for people who already had a trial expires 31 Jan 2099, at most 2 1 1/,
    );
  });

  it('asks for the kind first, then shows only that kind’s fields, money in dollars', async () => {
    const { v } = await signedInAdmin(ctx);
    const chooser = await (await v.get('/admin/codes')).text();
    expect(visibleText(chooser)).toContain('What should the code give?');
    expect(chooser).toMatch(/<form method="GET" action="\/admin\/codes#create"/);
    expect(chooser).not.toContain('name="days"');
    expect(chooser).not.toContain('name="amount"');

    const trial = await (await v.get('/admin/codes?kind=trial')).text();
    expect(trial).toContain('name="days"');
    expect(trial).not.toMatch(/name="(percent|amount|product|duration|months)"/);
    expect(visibleText(trial)).toContain('Not for people who already had a trial.');

    const discount = await (await v.get('/admin/codes?kind=discount')).text();
    expect(discount).toMatch(/name="(percent|amount|duration|months)"/);
    expect(discount).not.toMatch(/name="(days|product)"/);
    expect(visibleText(discount)).toContain('Amount off (USD)');
    expect(visibleText(discount)).not.toContain('cents)');
    expect(visibleText(discount.slice(discount.indexOf('id="create"')))).not.toContain('already had a trial');

    const made = await postAdmin(v, '/admin/codes', {
      intent: 'create',
      code: 'twelve-fifty',
      kind: 'discount',
      amount: '12.50',
      duration: 'once',
      active: 'on',
    });
    expect(made.status).toBe(303);
    expect(JSON.parse((await lastAudit())?.after ?? '{}')).toMatchObject({ amountOffCents: 1250 });
    const table = visibleText(await (await v.get('/admin/codes')).text());
    expect(table).toContain('TWELVE-FIFTY $12.50 off membership, on the first payment');

    const comma = await postAdmin(v, '/admin/codes', {
      intent: 'create',
      code: 'comma',
      kind: 'discount',
      amount: '12,5',
    });
    expect(comma.status).toBe(400);
    const refused = await comma.text();
    expect(visibleText(refused)).toContain('“Amount off” must be an amount in USD such as 15 or 12.50');
    expect(refused).toContain('value="12,5"');
  });

  it('refuses a bad code with a clear message and keeps what was typed', async () => {
    const { v } = await signedInAdmin(ctx);
    const res = await postAdmin(v, '/admin/codes', {
      intent: 'create',
      code: 'HALF-OFF',
      kind: 'discount',
      percent: '50',
      amount: '500',
      duration: 'once',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(visibleText(html)).toContain(
      'A discount needs exactly one of “Percent off” and “Amount off (USD)”.',
    );
    expect(html).toContain('value="HALF-OFF"');
    expect(html).toMatch(/<input type="hidden" name="kind" value="discount"/);
    expect(html).toContain('value="500"');
    const dup = await postAdmin(v, '/admin/codes', { intent: 'create', code: 'blog', kind: 'free_product' });
    expect(dup.status).toBe(400);
    expect(visibleText(await dup.text())).toContain('The code BLOG already exists.');
  });

  it('disables and enables a code, audited with before and after', async () => {
    const { v } = await signedInAdmin(ctx);
    const created = await postAdmin(v, '/admin/codes', {
      intent: 'create',
      code: 'TOGGLE',
      kind: 'free_product',
      product: 'assessment',
      active: 'on',
    });
    expect(created.status).toBe(303);
    // Left unticked, a new code starts disabled.
    await postAdmin(v, '/admin/codes', { intent: 'create', code: 'DORMANT', kind: 'trial' });
    const [dormant] = await ctx.db.select().from(codes).where(eq(codes.code, 'DORMANT'));
    expect(dormant?.active).toBe(false);
    const off = await postAdmin(v, '/admin/codes', { intent: 'disable', code: 'toggle' });
    expect(off.headers.get('location')).toBe('/admin/codes?done=disabled&code=TOGGLE');
    expect(await lastAudit()).toMatchObject({
      action: 'code.disable',
      before: '{"active":true}',
      after: '{"active":false}',
    });
    const { v: learner } = await ctx.person({ member: false });
    expect(
      visibleText(await (await learner.post('/redeem?_action=billing.redeem', { code: 'TOGGLE' })).text()),
    ).toContain('no longer active');
    await postAdmin(v, '/admin/codes', { intent: 'enable', code: 'TOGGLE' });
    expect(await lastAudit()).toMatchObject({ action: 'code.enable', after: '{"active":true}' });
    expect((await learner.post('/redeem?_action=billing.redeem', { code: 'TOGGLE' })).status).toBe(200);
    expect((await postAdmin(v, '/admin/codes', { intent: 'disable', code: 'NO-SUCH' })).status).toBe(404);
  });

  it('shows the audit log in words: people by name with links, changes as old → new, no raw JSON', async () => {
    const { v: admin, userId: adminId, email: adminEmail } = await signedInAdmin(ctx);
    const { userId, email } = await ctx.person({ name: 'Audit Target', member: false });
    await postAdmin(admin, `/admin/learners/${userId}`, {
      intent: 'grant',
      days: '30',
      reason: 'Audit view check',
    });
    await postAdmin(admin, '/admin/codes', {
      intent: 'create',
      code: 'AUDIT-VIEW',
      kind: 'free_product',
      product: 'assessment',
      active: 'on',
    });
    await postAdmin(admin, '/admin/codes', { intent: 'disable', code: 'AUDIT-VIEW' });
    // Times in the admin's own zone, in the one clock format, on the audit log and a learner's page.
    await write(ctx.db, (tx) =>
      tx.insert(ledgerSettings).values({ userId: adminId, timeZone: 'Asia/Tokyo', updatedAt: new Date() }),
    );
    const html = await (await admin.get('/admin/audit')).text();
    const text = visibleText(html);
    const shown = [...html.matchAll(/<time datetime="([^"]+)"[^>]*>([^<]+)<\/time>/g)];
    expect(shown.length).toBeGreaterThanOrEqual(3);
    for (const [, at, label] of shown) expect(label).toBe(formatForPerson(new Date(at ?? ''), 'Asia/Tokyo'));
    expect(text).not.toContain('UTC');
    const learnerPage = visibleText(await (await admin.get(`/admin/learners/${userId}`)).text());
    expect(learnerPage).toMatch(/membership admin \w{3}, \d+ \w{3} \d{4}, [\d:]+ [ap]m \(Asia\/Tokyo\)/);
    expect(text).toContain('Disabled a code AUDIT-VIEW — Active: yes → changed to no');
    expect(text).toMatch(
      /Created a code AUDIT-VIEW — Code: AUDIT-VIEW Kind: Free product Product: The trust self-assessment/,
    );
    expect(text).toContain(
      `Ada Admin ${adminEmail} Granted membership Audit Target ${email} Audit view check`,
    );
    expect(text).toContain('Source: admin');
    expect(html).toMatch(new RegExp(`<a href="/admin/learners/${adminId}"[^>]*>Ada Admin</a>`));
    expect(html).toMatch(new RegExp(`<a href="/admin/learners/${userId}"[^>]*>Audit Target</a>`));
    expect(html).not.toContain('{&quot;');
    expect(html).not.toContain('{"active"');
  });

  it('audits the command line too (actor cli)', async () => {
    // Asynchronously, so the event loop keeps retiring idle keep-alive sockets meanwhile.
    await runCli('codes', ['create', 'cli-made', '--kind', 'trial'], {
      DATABASE_URL: ctx.server.databaseUrl,
    });
    expect(await lastAudit()).toMatchObject({
      actor: 'cli',
      actorId: null,
      action: 'code.create',
      target: 'CLI-MADE',
    });
  });
});

describe('npm run admin -- create-admin', () => {
  it('gives a one-time password that only leads to choosing a new one, audited, with the email confirmed', async () => {
    const env = { DATABASE_URL: ctx.server.databaseUrl };
    const email = `boss-${Date.now().toString(36)}@example.com`;
    const out = await runCli('admin', ['create-admin', email, '--name', 'Boss'], env);
    const oneTime = /One-time password \(shown once\): ([a-z2-7]{32})/.exec(out)?.[1] ?? '';
    expect(oneTime).toHaveLength(32);
    const [created] = await ctx.db.select().from(users).where(eq(users.email, email));
    expect(created?.emailVerifiedAt).not.toBeNull();
    expect(created?.passwordChangeRequired).toBe(true);
    expect(await lastAudit()).toMatchObject({ actor: 'cli', action: 'admin.create', target: created?.id });

    // The password opens the choose-a-password page and nothing else: no session.
    const v = newVisitor(ctx.server);
    const first = await logIn(v, email, oneTime, '/admin');
    expect(first.headers.get('location')).toBe('/reset-password?first=1');
    expect((await v.get('/admin')).status).not.toBe(200);
    const page = visibleText(await (await v.get('/reset-password?first=1')).text());
    expect(page).toContain('Choose your own password');
    expect(page).toContain('works only once');
    const tooShort = await v.post('/reset-password?_action=accounts.resetPassword', { password: 'short' });
    expect(tooShort.status).toBe(400);
    const done = await v.post('/reset-password?_action=accounts.resetPassword', {
      password: 'my own admin passphrase',
    });
    // This browser proved itself with the one-time password, so choosing one signs in and opens /admin.
    // (An emailed reset link still signs nobody in, issue 16 L9: tests/integration/accounts/reset-links.)
    expect(done.headers.get('location')).toBe('/admin?notice=password-chosen');
    const adminPage = await v.get('/admin?notice=password-chosen');
    expect(adminPage.status).toBe(200);
    expect(visibleText(await adminPage.text())).toContain('Your password is saved and you are logged in.');

    // The one-time password is spent; the chosen one logs straight in.
    expect((await logIn(newVisitor(ctx.server), email, oneTime)).status).toBe(400);
    const again = newVisitor(ctx.server);
    expect((await logIn(again, email, 'my own admin passphrase', '/admin')).headers.get('location')).toBe(
      '/admin',
    );
    const [after] = await ctx.db.select().from(users).where(eq(users.email, email));
    expect(after?.passwordChangeRequired).toBe(false);
  });

  it('says which database it wrote to, and the admin is no learner’s sign-up in the figures or the funnel', async () => {
    const env = { DATABASE_URL: ctx.server.databaseUrl };
    // Asked a minute ahead of the wall clock the CLI and the server write with, so every row so far is in.
    const moment = () => new Date(Date.now() + 60_000);
    const since = new Date(Date.now() - 86_400_000);
    const before = await overviewFiguresIn(ctx.db, moment());
    const email = `staff-${Date.now().toString(36)}@example.com`;
    const out = await runCli('admin', ['create-admin', email], env);
    expect(out).toMatch(/^Database: \S.* \(DATABASE_URL\)\n/);
    const [staff] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    expect((await overviewFiguresIn(ctx.db, moment())).signUps7).toBe(before.signUps7);
    expect((await signUpsSince(ctx.db, since)).map((s) => s.userId)).not.toContain(staff?.id);
    // A learner who signs up now is counted: the figure moves for customers, not for staff.
    const { userId } = await ctx.person({ member: false });
    expect((await overviewFiguresIn(ctx.db, moment())).signUps7).toBe(before.signUps7 + 1);
    expect((await signUpsSince(ctx.db, since)).map((s) => s.userId)).toContain(userId);
  });

  it('audits promoting an existing account, and says so when it is an admin already', async () => {
    const env = { DATABASE_URL: ctx.server.databaseUrl };
    const { email, userId: id } = await ctx.person({ name: 'Promoted Person', member: false });
    expect(await runCli('admin', ['create-admin', email], env)).toContain('is now an admin');
    expect(await lastAudit()).toMatchObject({
      actor: 'cli',
      action: 'admin.promote',
      target: id,
      before: JSON.stringify({ role: 'learner' }),
      after: JSON.stringify({ role: 'admin' }),
    });
    expect(await runCli('admin', ['create-admin', email], env)).toContain('already an admin');
  });
});

describe('learners', () => {
  it('finds people by email or name, a page at a time', async () => {
    const { v } = await signedInAdmin(ctx);
    const { email } = await ctx.person({ name: 'Zelda Findme' });
    const byName = visibleText(await (await v.get('/admin/learners?q=findme')).text());
    expect(byName).toContain('1 person match “findme”');
    expect(byName).toContain(email);
    const byEmail = visibleText(
      await (await v.get(`/admin/learners?q=${encodeURIComponent(email.toUpperCase())}`)).text(),
    );
    expect(byEmail).toContain('Zelda Findme');
    // LIKE wildcards typed into the search are taken literally.
    expect(visibleText(await (await v.get('/admin/learners?q=%25')).text())).toContain('No one matches.');
  });

  it('grants membership for a period and revokes it; access changes on the very next request', async () => {
    const { v: admin, email: adminEmail } = await signedInAdmin(ctx);
    const { v: learner, userId } = await ctx.person({ member: false });
    expect((await learner.get('/assessment/1')).status).not.toBe(200);

    const missing = await postAdmin(admin, `/admin/learners/${userId}`, {
      intent: 'grant',
      days: '30',
      reason: ' ',
    });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(visibleText(missingHtml)).toContain('Say why, in a few words');
    expect(missingHtml).toContain('aria-invalid="true"');

    const granted = await postAdmin(admin, `/admin/learners/${userId}`, {
      intent: 'grant',
      days: '30',
      reason: 'Conference speaker',
    });
    expect(granted.status).toBe(303);
    expect(granted.headers.get('location')).toBe(`/admin/learners/${userId}?done=granted`);
    expect((await learner.get('/assessment/1')).status).toBe(200);
    const entry = await lastAudit();
    expect(entry).toMatchObject({
      actor: adminEmail,
      action: 'membership.grant',
      target: userId,
      reason: 'Conference speaker',
    });
    const after = JSON.parse(entry?.after ?? '{}') as { endsAt: string; source: string };
    expect(after.source).toBe('admin');
    expect(new Date(after.endsAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const detail = visibleText(await (await admin.get(`/admin/learners/${userId}?done=granted`)).text());
    expect(detail).toContain('Membership granted.');
    expect(detail).toMatch(/Member until/);

    const revoked = await postAdmin(admin, `/admin/learners/${userId}`, {
      intent: 'revoke',
      revokeReason: 'Refunded',
    });
    expect(revoked.headers.get('location')).toBe(`/admin/learners/${userId}?done=revoked`);
    expect((await learner.get('/assessment/1')).status).not.toBe(200);
    expect(await lastAudit()).toMatchObject({
      action: 'membership.revoke',
      reason: 'Refunded',
      after: '{"adminGrantsEnded":1}',
    });
    expect(visibleText(await (await admin.get(`/admin/learners/${userId}`)).text())).toContain(
      'Not a member',
    );
    const grantsCsv = parseCsv(
      Buffer.from(await (await admin.get(`/admin/learners/${userId}/grants.csv`)).arrayBuffer()),
    );
    expect(grantsCsv[0]).toEqual(['product', 'source', 'starts_at', 'ends_at']);
    expect(grantsCsv.slice(1).map((r) => r.slice(0, 2))).toEqual([['membership', 'admin']]);
  });

  it('resends the confirmation email and ends every session, audited', async () => {
    const { v: admin } = await signedInAdmin(ctx);
    const { v: learner, userId, email } = await ctx.person();
    await write(ctx.db, (tx) => tx.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, userId)));
    const before = (await ctx.db.select().from(outbox).where(eq(outbox.to, email))).length;
    const resent = await postAdmin(admin, `/admin/learners/${userId}`, { intent: 'resend' });
    expect(resent.headers.get('location')).toBe(`/admin/learners/${userId}?done=resent`);
    expect(await ctx.db.select().from(outbox).where(eq(outbox.to, email))).toHaveLength(before + 1);
    expect(await lastAudit()).toMatchObject({ action: 'verification.resend', target: userId });

    expect((await learner.get('/account')).status).toBe(200);
    const ended = await postAdmin(admin, `/admin/learners/${userId}`, { intent: 'end-sessions' });
    expect(ended.headers.get('location')).toBe(`/admin/learners/${userId}?done=sessions-ended`);
    expect((await learner.get('/account')).status).toBe(302);
    expect(await lastAudit()).toMatchObject({
      action: 'sessions.end',
      target: userId,
      after: '{"sessions":0}',
    });
  });
});

describe('audit log', () => {
  it('is shown a page at a time and exported with formulas defused', async () => {
    const { v } = await signedInAdmin(ctx);
    const { userId } = await ctx.person({ member: false });
    await postAdmin(v, `/admin/learners/${userId}`, {
      intent: 'grant',
      days: '1',
      reason: '=HYPERLINK("http://evil")',
    });
    const page = visibleText(await (await v.get('/admin/audit')).text());
    expect(page).toContain('Granted membership');
    expect(page).toContain('=HYPERLINK("http://evil")');
    const bytes = Buffer.from(await (await v.get('/admin/audit.csv')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte-order mark, so spreadsheets read UTF-8
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('at,actor,actor_id,action,target,reason,before,after');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('is append-only in the database itself: an entry can be neither changed nor removed', async () => {
    const { v } = await signedInAdmin(ctx);
    const { userId } = await ctx.person({ member: false });
    await postAdmin(v, `/admin/learners/${userId}`, {
      intent: 'grant',
      days: '1',
      reason: 'kept for the record',
    });
    const entry = await lastAudit();
    if (!entry) throw new Error('no audit entry');
    // drizzle wraps the database's refusal; its cause carries the trigger's message.
    const refusal = {
      cause: expect.objectContaining({ message: expect.stringMatching(/audit_log is append-only/) }),
    };
    await expect(
      ctx.db.update(auditLog).set({ reason: 'rewritten' }).where(eq(auditLog.id, entry.id)),
    ).rejects.toMatchObject(refusal);
    await expect(ctx.db.delete(auditLog).where(eq(auditLog.id, entry.id))).rejects.toMatchObject(refusal);
    expect(await lastAudit()).toMatchObject({ id: entry.id, reason: 'kept for the record' });
  });
});
