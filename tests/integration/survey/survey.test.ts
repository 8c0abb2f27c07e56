/** The customer trust survey over HTTP against the built server: invitations, answers, opt-out, limits, the report. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outbox, surveyInvitations, surveyResponses } from '@db/schema';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { sub } from '../../support/ledger';
import { visibleText } from '../../support/phrases';
import { linkIn, type SmtpSink, startSmtpSink } from '../../support/smtp';
import { SURVEY_ITEMS } from '../../../src/lib/survey/items';
import { answerFields, openSurveyLink, selfAssessment, submitAnswers } from '../../support/survey';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  return () => smtp.close();
});
const app = useLearningServer(() => ({ SMTP_URL: smtp.url }));

let customerIp = 0;
const customer = () => {
  customerIp += 1;
  return new Visitor(app.server.origin, `198.18.0.${customerIp % 250}`);
};
let addressN = 0;
const address = (domain = 'customer.example') => {
  addressN += 1;
  return `buyer${addressN}-${Date.now()}@${domain}`;
};

/** Sends the invitation form, with a fresh one-time id unless the test gives one. */
function invite(v: Visitor, fields: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, value] of Object.entries({ submission: sub()[1], ...fields })) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(k, one);
  }
  return v.request('/survey/invite?_action=survey.invite', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
    body: body.toString(),
  });
}

/** Links shown once on the invitation page after "I'll send the links myself". */
async function copyLinks(v: Visitor, emails: string[]): Promise<string[]> {
  const res = await invite(v, { emails: emails.join('\n'), delivery: 'link' });
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/value="(http:\/\/127\.0\.0\.1:\d+\/survey\/answer\?token=[a-z2-7]{32})"/g)].map(
    (m) => m[1] as string,
  );
}

const responseCount = async (userId: string) =>
  Number(
    (
      await app.db
        .select({ n: sql<number>`count(*)` })
        .from(surveyResponses)
        .where(eq(surveyResponses.userId, userId))
    )[0]?.n,
  );

describe('invitations by email', () => {
  it('emails the customer a single-use link naming the member, why, and how never to be emailed again', async () => {
    const { v, userId } = await app.person({ name: 'Rosa Quintero' });
    const to = address();
    const res = await invite(v, { emails: to, delivery: 'email' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/survey?invited=1');
    const mail = await smtp.waitFor(to);
    expect(mail.subject).toContain('Rosa Quintero');
    expect(mail.text).toContain('because you are one of their customers');
    expect(mail.text).toMatch(/Never email me again:\n\S+\/survey\/never-email\?token=[a-z2-7]{32}/);
    // Stored hashed: the link's token is nowhere in the database.
    const token = linkIn(mail, app.server.origin).searchParams.get('token') ?? '';
    const [row] = await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await app.db.select().from(surveyInvitations))).not.toContain(token);

    const page = await (await v.get(res.headers.get('location') ?? '')).text();
    expect(page).toContain('Your invitation is on its way');
    expect(page).toContain(to);
    expect(page).toContain('Waiting');
  });

  it('invites once when the same form arrives twice (a double click, a reload)', async () => {
    const { v, userId } = await app.person();
    const to = address();
    const [, submission] = sub();
    const [first, second] = await Promise.all([
      invite(v, { emails: to, delivery: 'email', submission }),
      invite(v, { emails: to, delivery: 'email', submission }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect([first.headers.get('location'), second.headers.get('location')].sort()).toEqual([
      '/survey?invited=1',
      '/survey?notice=already-sent',
    ]);
    expect(
      await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId)),
    ).toHaveLength(1);
    expect(await app.db.select().from(outbox).where(eq(outbox.to, to))).toHaveLength(1);
  });

  it('refuses the member’s own address, and flags addresses at their own company’s domain', async () => {
    const { v, email, userId } = await app.person();
    const own = await invite(v, { emails: email.toUpperCase(), delivery: 'email' });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain('is your own address');
    const colleague = `colleague-${Date.now()}@${email.split('@')[1]}`;
    // example.com is the test users' domain: a company domain as far as the rule knows.
    const res = await invite(v, { emails: colleague, delivery: 'link' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('at your own company’s domain');
    const [row] = await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId));
    expect(row?.flag).toBe('same-domain');
  });

  it('says what is wrong with bad input and invites nobody', async () => {
    const { v, userId } = await app.person();
    const res = await invite(v, { emails: 'ana@example.org, not an address', delivery: 'email' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('These don’t look like email addresses');
    const none = await invite(v, { emails: '', delivery: 'email' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Enter at least one email address');
    const foreign = await invite(v, { customers: ['aaaaaaaaaaaaaaaaaaaaaaaaaa'], delivery: 'link' });
    expect(foreign.status).toBe(400);
    expect(await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId))).toEqual(
      [],
    );
  });
});

describe('answering', () => {
  it('works once per link without an account; a second submit says it was already answered', async () => {
    const { v, userId } = await app.person({ name: 'Ines Barros' });
    const [link] = await copyLinks(v, [address()]);
    const c = customer();
    const page = await openSurveyLink(c, link as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('How much do you trust Ines Barros?');
    expect(html).toContain('How your answers stay anonymous');
    const sent = await submitAnswers(c, answerFields(4, 'Always calls back.'));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/survey/answer?thanks=1');
    const again = await submitAnswers(c, answerFields(1));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This survey was already answered');
    expect(await responseCount(userId)).toBe(1);
    // Someone else with the same link is told the same.
    const other = customer();
    await openSurveyLink(other, link as string);
    expect(await (await other.get('/survey/answer')).text()).toContain('already answered');
  });

  it('stores one response when the same link is submitted twenty times at once', async () => {
    const { v, userId } = await app.person();
    const [link] = await copyLinks(v, [address()]);
    const c = customer();
    await openSurveyLink(c, link as string);
    const results = await Promise.all(Array.from({ length: 20 }, () => submitAnswers(c, answerFields(5))));
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await responseCount(userId)).toBe(1);
  });

  it('stores the response with nothing that ties it to the invitation or the time', async () => {
    const columns = await app.db.all<{ name: string }>(sql`PRAGMA table_info(survey_responses)`);
    expect(columns.map((c) => c.name).sort()).toEqual([
      'answers',
      'comment',
      'id',
      'overall',
      'round_id',
      'user_id',
    ]);
    const invitationColumns = await app.db.all<{ name: string }>(sql`PRAGMA table_info(survey_invitations)`);
    expect(invitationColumns.map((c) => c.name)).not.toContain('used_at');
  });

  it('refuses the member’s own session: they can’t answer their own survey', async () => {
    const { v, userId } = await app.person();
    const [link] = await copyLinks(v, [address()]);
    const page = await openSurveyLink(v, link as string);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This is your own survey');
    const sent = await submitAnswers(v, answerFields(5));
    expect(sent.status).toBe(403);
    expect(await sent.text()).toContain('This is your own survey');
    expect(await responseCount(userId)).toBe(0);
    const [row] = await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId));
    expect(row?.used).toBe(false);
  });

  it('asks for the overall question and keeps the other answers; refuses an over-long comment; stores nothing', async () => {
    const { v, userId } = await app.person();
    const [link] = await copyLinks(v, [address()]);
    const c = customer();
    await openSurveyLink(c, link as string);
    const { overall: _, ...withoutOverall } = answerFields(4);
    const res = await submitAnswers(c, withoutOverall);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Choose how much you trust them overall.');
    expect(html).toMatch(/value="4" checked/);
    const long = await submitAnswers(c, answerFields(4, 'x'.repeat(1001)));
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Keep the comment to 1000 characters.');
    const bad = await submitAnswers(c, { ...answerFields(4), 'item-truth-1': '9' });
    expect(bad.status).toBe(400);
    expect(await responseCount(userId)).toBe(0);
  });

  it('shows a clear page for a missing or made-up link', async () => {
    const c = customer();
    expect(await (await c.get('/survey/answer')).text()).toContain('Open the link from your invitation');
    await c.get(`/survey/answer?token=${'a'.repeat(32)}`);
    const res = await submitAnswers(c, answerFields(3));
    expect(res.status).toBe(410);
  });
});

describe('never email me again', () => {
  it('puts the address on the list the invitations are checked against, for every member', async () => {
    const first = await app.person();
    const to = address();
    await invite(first.v, { emails: to, delivery: 'email' });
    const mail = await smtp.waitFor(to);
    const optOut = mail.text.match(/http:\/\/\S+\/survey\/never-email\?token=[a-z2-7]{32}/)?.[0] ?? '';
    const c = customer();
    const url = new URL(optOut);
    expect((await c.get(`${url.pathname}${url.search}`)).status).toBe(303);
    const page = await c.get('/survey/never-email');
    expect(await page.text()).toContain('we will never send any to this address again');
    const done = await c.post('/survey/never-email?_action=survey.neverEmail', {});
    expect(done.status).toBe(303);
    expect(await (await c.get('/survey/never-email?done=1')).text()).toContain(
      'Done. We will never email this address again',
    );

    const second = await app.person();
    const res = await invite(second.v, { emails: to.toUpperCase(), delivery: 'email' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('We can’t email');
    const queued = await app.db.select().from(outbox).where(eq(outbox.to, to));
    expect(queued).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('limits survey emails per recipient, whoever invites them', async () => {
    const to = address();
    for (let i = 0; i < 2; i++) {
      const { v } = await app.person();
      expect((await invite(v, { emails: to, delivery: 'email' })).status).toBe(303);
    }
    const { v } = await app.person();
    const third = await invite(v, { emails: to, delivery: 'email' });
    expect(third.status).toBe(200);
    expect(await third.text()).toContain('We can’t email');
    expect(await app.db.select().from(outbox).where(eq(outbox.to, to))).toHaveLength(2);
  });

  it('limits invitations per member, refusing a whole batch that doesn’t fit with 429 and Retry-After', async () => {
    const { v, userId } = await app.person();
    const batch = () => Array.from({ length: 25 }, () => address()).join('\n');
    expect((await invite(v, { emails: batch(), delivery: 'link' })).status).toBe(200);
    const refused = await invite(v, { emails: batch(), delivery: 'link' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('You can send 15 more invitations for now');
    expect(
      await app.db.select().from(surveyInvitations).where(eq(surveyInvitations.userId, userId)),
    ).toHaveLength(25);
  });
});

describe('the gap report', () => {
  it('tells a blind spot (the warning) from a hidden strength (good news) in words and in colour', async () => {
    const { v, userId } = await app.person({ name: 'Hana Strength' });
    await selfAssessment(
      app.db,
      userId,
      { dependability: 95, competence: 40, empathy: 10, truth: 40, rapport: 40 },
      new Date(),
    );
    // Customers answer 2 everywhere (25 on the scale) but 5 on empathy (100): dependability +70, empathy −90.
    const fields = {
      ...answerFields(2),
      ...Object.fromEntries(
        SURVEY_ITEMS.filter((i) => i.element === 'empathy').map((i) => [`item-${i.id}`, '5']),
      ),
    };
    for (const link of await copyLinks(v, [address(), address(), address()])) {
      const c = customer();
      await openSurveyLink(c, link);
      expect((await submitAnswers(c, fields)).status).toBe(303);
    }
    const page = await (await v.get('/survey')).text();
    expect(page).toMatch(
      /data-element="dependability">[\s\S]*?<span class="gap-flag gap-flag-blind">Blind spot<\/span>/,
    );
    expect(page).toMatch(
      /data-element="empathy">[\s\S]*?<span class="gap-flag gap-flag-strength">Hidden strength<\/span>/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'gap-flags-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, Buffer.from(await (await v.get('/survey/report.pdf')).arrayBuffer()));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('BLIND SPOT');
      expect(text).toContain('HIDDEN STRENGTH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows nothing until three customers answered and the round closed, then the gap, the PDF and a share link', async () => {
    const { v, userId } = await app.person({ name: 'Tomasz Lee' });
    await selfAssessment(
      app.db,
      userId,
      { dependability: 95, competence: 60, empathy: 55, truth: 70, rapport: 65 },
      new Date(),
    );
    const links = await copyLinks(v, [address(), address(), address()]);
    const answers = [2, 3, 2];
    for (const [i, link] of links.entries()) {
      const c = customer();
      await openSurveyLink(c, link);
      expect(
        (await submitAnswers(c, answerFields(answers[i] as number, `Comment number ${i + 1}`))).status,
      ).toBe(303);
      const page = await (await v.get('/survey')).text();
      if (i < 2) {
        expect(page).toContain('Your report appears when a round closes');
        expect(page).not.toContain(`Comment number`);
        expect((await v.get('/survey/report.pdf')).status).toBe(404);
      }
    }
    const page = await (await v.get('/survey')).text();
    expect(page).toContain('closed: every link was used');
    expect(page).toMatch(/data-element="dependability">[\s\S]*?<td>95<\/td>[\s\S]*?Blind spot/);
    for (const n of [1, 2, 3]) expect(page).toContain(`Comment number ${n}`);
    expect(page).toContain('What to work on next');

    const pdf = await v.get('/survey/report.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Like the other documents: exactly A4 (or Letter when asked), tagged, in the site's faces, the gap
    // with a real minus sign or a plus.
    const dir = mkdtempSync(join(tmpdir(), 'gap-report-'));
    try {
      const file = join(dir, 'a4.pdf');
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/SourceSans3/);
      expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).toMatch(
        /[+\u2212]\d+(\.\d)?\s/,
      );
      const letter = join(dir, 'letter.pdf');
      writeFileSync(
        letter,
        Buffer.from(await (await v.get('/survey/report.pdf?paper=letter')).arrayBuffer()),
      );
      expect(execFileSync('pdfinfo', [letter], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The data download has what the report shows — aggregates and comments — never single responses.
    const data = (await (await v.get('/account/data.json')).json()) as {
      customerSurvey: { rounds: { results: { responses: number } }[]; comments: string[] };
    };
    expect(data.customerSurvey.rounds[0]?.results.responses).toBe(3);
    expect(data.customerSurvey.comments).toHaveLength(3);
    expect(JSON.stringify(data.customerSurvey)).not.toContain('"answers"');

    // Private until shared; a share link shows the scores but never the comments.
    const stranger = customer();
    expect((await stranger.get('/survey/report.pdf')).status).toBe(302);
    expect((await v.post('/survey?_action=survey.share', { share: 'on' })).status).toBe(303);
    const shareUrl =
      (await (await v.get('/survey')).text()).match(/\/survey\/shared\/[a-z2-7]{32}/)?.[0] ?? '';
    const shared = await stranger.get(shareUrl);
    expect(shared.status).toBe(200);
    const sharedHtml = await shared.text();
    expect(sharedHtml).toContain('Tomasz Lee');
    expect(sharedHtml).toContain('Blind spot');
    expect(sharedHtml).not.toContain('Comment number');
    expect((await v.post('/survey?_action=survey.share', { share: 'off' })).status).toBe(303);
    expect((await stranger.get(shareUrl)).status).toBe(404);
  });

  it('is for the member alone: no account, no report; the admin page is a 404 to non-admins', async () => {
    const visitor = customer();
    const page = await visitor.get('/survey');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('to invite your customers');
    expect((await visitor.get('/survey/invite')).status).toBe(302);
    const { v } = await app.person();
    expect((await v.get('/admin/surveys')).status).toBe(404);
    const admin = await app.person({ role: 'admin' });
    const stats = await admin.v.get('/admin/surveys');
    expect(stats.status).toBe(200);
    const statsHtml = await stats.text();
    expect(statsHtml).toContain('Self-like');
    expect(visibleText(statsHtml).replace(/\s+/g, ' ')).toMatch(
      /links they sent themselves\); \d+ answered\./,
    );
  });
});
