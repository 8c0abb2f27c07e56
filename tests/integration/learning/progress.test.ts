import {
  assessmentResults,
  certificates,
  grants,
  lessonProgress,
  quizAttempts,
  users,
  withdrawnCertificates,
} from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { finishedRun } from '../../factories/conversations';
import { grantMembership } from '../../factories/grants';
import { Visitor } from '../../support/browser-less';
import {
  answerFields,
  LEARNER_PASSWORD,
  postQuiz,
  quizOf,
  submissionIdIn,
  useLearningServer,
} from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const FOUNDATIONS = [
  'trust-is-expectations-met',
  'the-trust-account',
  'every-touchpoint',
  'why-customers-stay',
  'seven-practices',
  'measuring-trust',
];

async function passQuiz(v: Visitor, slug: string): Promise<string> {
  const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
  const res = await postQuiz(v, slug, [['submission', submissionIdIn(html)], ...answerFields(slug)]);
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

const statusOn = (html: string, slug: string): string | undefined =>
  new RegExp(
    `<!--slot:status-${slug}--><span[^>]*><span class="visually-hidden">Your progress: </span>([A-Za-z ]+)</span>`,
  ).exec(html)?.[1];

describe('lesson progress', () => {
  it('opening a lesson records "started"; marking it read and passing its quiz completes it', async () => {
    const { v, userId } = await ctx.person();
    const slug = 'the-trust-account';
    let html = await (await v.get(`/lessons/${slug}`)).text();
    expect(statusOn(html, slug)).toBe('Started');
    expect(html).toContain('Mark as read');

    const read = await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
    expect(read.status).toBe(303);
    expect(read.headers.get('location')).toBe(`/lessons/${slug}#progress`);
    html = await (await v.get(`/lessons/${slug}`)).text();
    expect(statusOn(html, slug)).toBe('Read');
    expect(html).not.toContain('Mark as read');

    await passQuiz(v, slug);
    html = await (await v.get(`/lessons/${slug}`)).text();
    expect(statusOn(html, slug)).toBe('Complete');
    const outline = await (await v.get('/lessons')).text();
    expect(statusOn(outline, slug)).toBe('Complete');
    expect(statusOn(outline, 'every-touchpoint')).toBe('Not started');

    const [row] = await ctx.db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId));
    expect(row?.bestScore).toBe(100);
    expect(row?.readAt).not.toBeNull();
    expect(row?.quizPassedAt).not.toBeNull();
  });

  it('a lesson read but whose quiz is not passed is not complete', async () => {
    const { v } = await ctx.person();
    const slug = 'every-touchpoint';
    await v.get(`/lessons/${slug}`);
    await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
    const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
    await postQuiz(v, slug, [
      ['submission', submissionIdIn(html)],
      ...answerFields(
        slug,
        quizOf(slug)
          .questions.slice(0, 3)
          .map((q) => q.id),
      ),
    ]);
    const lesson = await (await v.get(`/lessons/${slug}`)).text();
    expect(statusOn(lesson, slug)).toBe('Read');
    expect(lesson).toContain('Take the quiz again');
  });

  it('shows each person their own status on the same cached page', async () => {
    const a = await ctx.person();
    const b = await ctx.person();
    const slug = 'why-customers-stay';
    await a.v.get(`/lessons/${slug}`);
    await a.v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
    const forA = await (await a.v.get(`/lessons/${slug}`)).text();
    const forB = await (await b.v.get(`/lessons/${slug}`)).text();
    expect(statusOn(forA, slug)).toBe('Read');
    expect(statusOn(forB, slug)).toBe('Started');
  });

  it('visitors get no status and an invitation to log in; they cannot mark anything read', async () => {
    const v = new Visitor(ctx.server.origin, '192.0.2.10');
    const html = await (await v.get('/lessons/trust-is-expectations-met')).text();
    expect(statusOn(html, 'trust-is-expectations-met')).toBeUndefined();
    expect(html).toContain('Track your progress');
    const res = await v.post('/lessons/trust-is-expectations-met/read?_action=learning.markRead', {
      lesson: 'trust-is-expectations-met',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('a learner without membership cannot mark a member lesson read', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const res = await v.post('/lessons/the-trust-account/read?_action=learning.markRead', {
      lesson: 'the-trust-account',
    });
    expect(res.status).toBe(404);
    expect(await ctx.db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId))).toHaveLength(
      0,
    );
  });

  it('marking read needs a POST from this site', async () => {
    const { v } = await ctx.person();
    expect((await v.get('/lessons/the-trust-account/read')).status).not.toBe(303);
    const forged = await v.post(
      '/lessons/the-trust-account/read?_action=learning.markRead',
      { lesson: 'the-trust-account' },
      'https://evil.example',
    );
    expect(forged.status).toBe(403);
  });
});

describe('membership', () => {
  it('a grant opens member lessons on the very next request, and its end closes them again', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const lesson = '/lessons/the-trust-account';
    expect(await (await v.get(lesson)).text()).toContain('This lesson is for members');
    // The server reads the wall clock: a grant from now for a minute, then cut short to end before it began.
    const now = Date.now();
    await grantMembership(ctx.db, userId, { from: new Date(now), until: new Date(now + 60_000) });
    const open = await (await v.get(lesson)).text();
    expect(open).not.toContain('This lesson is for members');
    expect(open).toContain('Mark as read');
    await ctx.db
      .update(grants)
      .set({ endsAt: new Date(now - 1000) })
      .where(eq(grants.userId, userId));
    const closed = await v.get(lesson);
    expect(await closed.text()).toContain('This lesson is for members');
    expect(closed.headers.get('cache-control')).toBe('private, no-store');
  });
});

describe('dashboard and certificates', () => {
  it('a new learner sees where to start and empty states', async () => {
    const { v } = await ctx.person();
    const html = await (await v.get('/dashboard')).text();
    const text = visibleText(html);
    // A member with no result yet: the assessment first, as the one button of the next step.
    expect(text).toContain('Next step · Find your starting point');
    expect(html).toMatch(/<a class="button" href="\/assessment">Take the assessment<\/a>/);
    expect(text).toContain('By module Each module’s progress shows here once you complete your first lesson');
    expect(text).not.toContain('Foundations 0 of 6 lessons');
    expect(text).toContain('0 of 30 lessons');
    expect(text).toContain('No quizzes yet');
    expect(text).toContain('No learning streak yet');
  });

  it('the dashboard changes on the very next request after progress changes, and is only ever mine', async () => {
    const a = await ctx.person({ name: 'Ada Dashboard' });
    const b = await ctx.person({ name: 'Ben Dashboard' });
    const first = visibleText(await (await a.v.get('/dashboard')).text());
    expect(first).toContain('0 of 30 lessons');
    expect(visibleText(await (await a.v.get('/dashboard')).text())).toBe(first);
    await a.v.get('/lessons/trust-is-expectations-met');
    await a.v.post('/lessons/trust-is-expectations-met/read?_action=learning.markRead', {
      lesson: 'trust-is-expectations-met',
    });
    await passQuiz(a.v, 'trust-is-expectations-met');
    const after = visibleText(await (await a.v.get('/dashboard')).text());
    expect(after).toContain('1 of 30 lessons');
    expect(after).toContain('Ada Dashboard');
    const forB = visibleText(await (await b.v.get('/dashboard')).text());
    expect(forB).toContain('0 of 30 lessons');
    expect(forB).toContain('Ben Dashboard');
    expect(forB).not.toContain('Ada Dashboard');
  });

  it('completing a module issues a certificate anyone can verify, with a PDF', async () => {
    const { v, userId } = await ctx.person({ name: 'Ana Pereira' });
    // A module also needs a passed practice conversation (decision 022).
    await finishedRun(ctx.db, userId, 'the-inherited-promise', { score: 90, at: new Date() });
    let last = '';
    for (const slug of FOUNDATIONS) {
      await v.get(`/lessons/${slug}`);
      await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
      last = await passQuiz(v, slug);
    }
    expect(last).toMatch(/\?earned=foundations$/);
    const result = visibleText(await (await v.get(last)).text());
    expect(result).toContain('You finished the Foundations module');
    expect(result).toContain('your certificate is ready');

    const dashboard = await (await v.get('/dashboard')).text();
    const text = visibleText(dashboard);
    expect(text).toContain('6 of 30 lessons');
    expect(text).toContain('Foundations 6 of 6 lessons · 100%');
    expect(text).toContain('Your learning streak starts this week');
    expect(text).toContain('Next step · Your next lesson Small, certain promises');
    expect(dashboard).toContain(
      '<a class="button" href="/lessons/small-certain-promises">Start the lesson</a>',
    );
    const id = /href="\/certificates\/([a-z2-7]{26})"/.exec(dashboard)?.[1] ?? '';
    expect(id).not.toBe('');

    const anyone = new Visitor(ctx.server.origin, '192.0.2.11');
    const certificateHtml = await (await anyone.get(`/certificates/${id}`)).text();
    const page = visibleText(certificateHtml);
    expect(page).toContain('Ana Pereira');
    // Shared on LinkedIn, the link previews as the certificate: whose, of what, from where.
    expect(certificateHtml).toMatch(
      /<meta property="og:title" content="Ana Pereira — Certificate: [^"]*Foundations[^"]* module"/,
    );
    expect(certificateHtml).toMatch(
      /<meta property="og:description" content="A verified Trust Academy certificate: Ana Pereira completed the [^"]+"/,
    );
    expect(certificateHtml).toMatch(/<meta property="og:image" content="[^"]+\/og-image\.png"/);
    expect(certificateHtml).toMatch(/<meta name="twitter:card" content="summary_large_image"/);
    expect(page).toContain('completed the Foundations module');
    expect(page).toContain(id);
    // The download is the card's own action, inside it; under it, what Trust Academy is and what this attests.
    const card = certificateHtml.slice(
      certificateHtml.indexOf('<article class="certificate"'),
      certificateHtml.indexOf('</article>'),
    );
    expect(card).toContain(`href="/certificates/${id}.pdf"`);
    expect(card).toContain('Download PDF');
    expect(page).toContain('What this certificate means');
    expect(page).toContain('Trust Academy is an online course for people who sell');
    expect(page).toContain(
      'It attests that Ana Pereira read every lesson of the Foundations module, passed each lesson’s quiz and passed one of the module’s practice conversations',
    );
    expect(certificateHtml).toMatch(/<a href="\/"[^>]*>About Trust Academy and its course<\/a>/);
    const pdf = await anyone.get(`/certificates/${id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.byteLength).toBeGreaterThan(1000);
    // The paper: the browser's locale (US Letter in the United States, A4 elsewhere), or the one chosen.
    const mediaBox = async (path: string, language?: string): Promise<string> => {
      const res = await anyone.request(path, language ? { headers: { 'Accept-Language': language } } : {});
      return (
        /\/MediaBox \[([^\]]+)\]/.exec(Buffer.from(await res.arrayBuffer()).toString('latin1'))?.[1] ?? ''
      );
    };
    const A4 = '0 0 841.89 595.28';
    const LETTER = '0 0 792 612';
    expect(await mediaBox(`/certificates/${id}.pdf`, 'en-US,en;q=0.9')).toBe(LETTER);
    expect(await mediaBox(`/certificates/${id}.pdf`, 'en-GB,en;q=0.9')).toBe(A4);
    expect(await mediaBox(`/certificates/${id}.pdf`)).toBe(A4);
    expect(await mediaBox(`/certificates/${id}.pdf?paper=a4`, 'en-US')).toBe(A4);
    expect(await mediaBox(`/certificates/${id}.pdf?paper=letter`, 'de-DE')).toBe(LETTER);

    expect((await anyone.get('/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    expect((await anyone.get('/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa.pdf')).status).toBe(404);
    const rows = await ctx.db.select().from(certificates).where(eq(certificates.userId, userId));
    expect(rows.map((r) => r.scope)).toEqual(['foundations']);
  });

  it('warns before deletion what stops working, and then says the certificate was withdrawn', async () => {
    const { v, userId } = await ctx.person({ name: 'Wanda Withdrawn' });
    const now = new Date();
    const [certificateA, certificateB] = ['abcdefghijklmnopqrstuvwxyz', 'zyxwvutsrqponmlkjihgfedcba'];
    await ctx.db.insert(certificates).values([
      { id: certificateA, userId, scope: 'foundations', recipientName: 'Wanda Withdrawn', issuedAt: now },
      { id: certificateB, userId, scope: 'course', recipientName: 'Wanda Withdrawn', issuedAt: now },
    ]);
    await ctx.db.insert(assessmentResults).values({
      id: `result-${userId}`,
      userId,
      submissionId: 'sub-1',
      answers: '{}',
      scores: '{}',
      trustIndex: 50,
      shareToken: 'sharetokensharetokensharetoken22',
      createdAt: now,
    });
    const account = visibleText(await (await v.get('/account')).text());
    expect(account).toContain(
      'Your 2 certificates and 1 shared trust profile link will stop working. Anyone who checks a certificate link will be told it was withdrawn',
    );
    const anyone = new Visitor(ctx.server.origin, '192.0.2.12');
    expect((await anyone.get(`/certificates/${certificateA}`)).status).toBe(200);

    const deleted = await v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(deleted.headers.get('location')).toBe('/account/deleted');
    for (const id of [certificateA, certificateB]) {
      const res = await anyone.get(`/certificates/${id}`);
      expect(res.status).toBe(410);
      const page = visibleText(await res.text());
      expect(page).toContain('This certificate was withdrawn');
      expect(page).toContain(id);
      expect(page).not.toContain('Wanda');
    }
    // The tombstone is the bare id: no name, scope or date, and the person is gone.
    const tombstones = await ctx.db.select().from(withdrawnCertificates);
    expect(tombstones).toEqual(expect.arrayContaining([{ id: certificateA }, { id: certificateB }]));
    expect(await ctx.db.select().from(users).where(eq(users.id, userId))).toEqual([]);
    expect((await anyone.get('/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
  });

  it('says nothing will stop working when there is nothing to lose', async () => {
    const { v } = await ctx.person();
    const account = visibleText(await (await v.get('/account')).text());
    expect(account).toContain('Delete your account');
    expect(account).not.toContain('will stop working');
  });

  it('progress is in the data download and is deleted with the account', async () => {
    const { v, userId } = await ctx.person();
    await v.get('/lessons/trust-is-expectations-met');
    await v.post('/lessons/trust-is-expectations-met/read?_action=learning.markRead', {
      lesson: 'trust-is-expectations-met',
    });
    await passQuiz(v, 'trust-is-expectations-met');
    const download = await v.get('/account/data.json');
    expect(download.status).toBe(200);
    const data = (await download.json()) as {
      learning: { lessonProgress: unknown[]; quizAttempts: unknown[] };
    };
    expect(data.learning.lessonProgress).toHaveLength(1);
    expect(data.learning.quizAttempts).toHaveLength(1);

    const res = await v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(res.headers.get('location')).toBe('/account/deleted');
    expect(await ctx.db.select().from(lessonProgress).where(eq(lessonProgress.userId, userId))).toHaveLength(
      0,
    );
    expect(await ctx.db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId))).toHaveLength(0);
  });
});
