import { assessmentDrafts, assessmentResults } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  answerAll as answerPages,
  items,
  pageFields,
  pages,
  submitAssessment,
} from '../../support/assessment';
import { Visitor } from '../../support/browser-less';
import { LEARNER_PASSWORD, postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const pageItems = (step: number) => pages[step - 1] ?? [];
const fields = (step: number, value: (i: number) => number = () => 4): [string, string][] =>
  pageFields(step, (_item, i) => value(i));
const answerAll = (v: Visitor, value: (i: number) => number = () => 4) =>
  answerPages(v, (_item, i) => value(i));
const submit = submitAssessment;

const resultsOf = (userId: string) =>
  ctx.db.select().from(assessmentResults).where(eq(assessmentResults.userId, userId));

describe('who can take it', () => {
  it('visitors and learners without it see what it measures and how to get it, not the statements', async () => {
    const visitor = new Visitor(ctx.server.origin, '192.0.2.30');
    const page = await visitor.get('/assessment');
    expect(page.status).toBe(200);
    const text = visibleText(await page.text());
    expect(text).toContain('What it measures');
    expect(text).toContain('About ten minutes');
    // BLOG is for the blog's readers: neither this page nor the home page prints it for everyone; both
    // say where a reader's code goes.
    expect(text).not.toContain('BLOG');
    expect(await (await visitor.get('/assessment')).text()).toContain('href="/redeem"');
    const home = await (await visitor.get('/')).text();
    expect(home).not.toMatch(/BLOG/);
    expect(visibleText(home)).toContain('Came from our blog?');
    expect(home).toContain('href="/redeem"');
    for (const item of items) expect(text).not.toContain(item.text);
    // The price, from the plans, and a server-rendered preview of a profile, labelled as an example.
    expect(text).toMatch(/On its own\s*: \$29 once, yours to keep\./);
    expect(text).toContain('$19 a month or $190 a year');
    expect(text).toContain('Example only — made-up scores, not a real result.');
    const html = await (await visitor.get('/assessment')).text();
    expect(html).toMatch(/<svg class="radar"[^>]*role="img"/);
    expect(html).toContain('Example trust profile with made-up scores, out of 100');

    const { v } = await ctx.person({ member: false });
    const offer = visibleText(await (await v.get('/assessment')).text());
    expect(offer).toContain('How to get it');
    const step = await v.get('/assessment/1');
    expect(step.status).toBe(303);
    expect(step.headers.get('location')).toBe('/assessment');
    expect((await visitor.get('/assessment/1')).status).toBe(302);
  });
});

describe('taking it', () => {
  it('saves each page, keeps answers when a page is incomplete, and resumes where the learner stopped', async () => {
    const { v, userId } = await ctx.person();
    const first = await v.get('/assessment/1');
    const firstText = visibleText(await first.text());
    expect(firstText).toContain('Getting started');
    expect(firstText).not.toMatch(/Page \d of \d/);
    expect(firstText).toContain('Statements 1–6 of 36');
    // Going back from the first page would leave the assessment: only later pages offer it.
    expect(firstText).not.toContain('Save and go back');
    expect(visibleText(await (await v.get('/assessment/2')).text())).toContain('Save and go back');
    const partial = await postForm(v, '/assessment/1?_action=assessment.savePage', [
      ['step', '1'],
      ...fields(1).slice(0, 3),
      ['go', 'next'],
    ]);
    expect(partial.status).toBe(400);
    const html = await partial.text();
    expect(html).toContain('Answer every statement on this page to go on');
    expect(html).toMatch(new RegExp(`name="item-${pageItems(1)[0]?.id}" value="4" checked`));
    await postForm(v, '/assessment/1?_action=assessment.savePage', [
      ['step', '1'],
      ...fields(1),
      ['go', 'next'],
    ]);
    await postForm(v, '/assessment/2?_action=assessment.savePage', [
      ['step', '2'],
      ...fields(2),
      ['go', 'next'],
    ]);
    const overview = await (await v.get('/assessment')).text();
    expect(visibleText(overview)).toContain('You have answered 12 of 36 statements');
    expect(overview).toContain('href="/assessment/3"');
    const [draft] = await ctx.db.select().from(assessmentDrafts).where(eq(assessmentDrafts.userId, userId));
    expect(Object.keys(JSON.parse(draft?.answers ?? '{}'))).toHaveLength(12);
  });

  it('scores the submitted answers into a profile with a chart, a table, habits and a learning path', async () => {
    const { v, userId } = await ctx.person();
    await answerAll(v, (i) => (i % 2 === 0 ? 5 : 2));
    const review = visibleText(await (await v.get('/assessment/review')).text());
    expect(review).toContain(items[0]?.text);
    // Grouped in the order answered, named by the statements' places, never by page.
    expect(review).toContain('Statements 1–6');
    expect(review).toContain('Statements 31–36');
    expect(review).not.toMatch(/Page \d/);
    const location = await submit(v);
    expect(location).toMatch(/^\/assessment\/results\/[a-z2-7]{26}$/);
    const html = await (await v.get(location)).text();
    const text = visibleText(html);
    expect(text).toContain('Trust index:');
    expect(html).toMatch(/<svg class="radar"[^>]*role="img"/);
    expect(text).toContain('Your scores');
    expect(text).toContain('Two habits to practise this week');
    expect(text).toContain('Your learning path');
    const [row] = await resultsOf(userId);
    expect(row?.trustIndex).toBeGreaterThan(0);
    expect(
      await ctx.db.select().from(assessmentDrafts).where(eq(assessmentDrafts.userId, userId)),
    ).toHaveLength(0);
  });

  it('compares a retake with the previous result and charts the trend', async () => {
    const { v } = await ctx.person();
    await answerAll(v, () => 3);
    await submit(v);
    await answerAll(v, () => 5);
    const second = await (await v.get(await submit(v))).text();
    const text = visibleText(second);
    expect(text).toContain('Since last time');
    expect(text).toContain('Your trust index over time');
    expect(second).toContain('class="radar-previous"');
  });
});

describe('a page sent with statements left blank', () => {
  it('answers 400 with one summary linking each blank statement, the message on those only, the rest saved', async () => {
    const { v } = await ctx.person();
    const sent = fields(1).slice(0, 2);
    const res = await postForm(v, '/assessment/1?_action=assessment.savePage', [
      ['step', '1'],
      ...sent,
      ['go', 'next'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html.match(/class="form-alert error error-summary"/g)).toHaveLength(1);
    expect(html).toMatch(/class="form-alert error error-summary" role="alert" tabindex="-1" autofocus/);
    const blank = pageItems(1).slice(2);
    expect(html).toContain(`${blank.length} are still blank`);
    for (const [n, item] of pageItems(1).entries()) {
      const link = new RegExp(`<a href="#answer-${item.id}"[^>]*>Statement ${n + 1}: choose how`);
      if (n < 2) expect(html).not.toMatch(link);
      else expect(html).toMatch(link);
      expect(html).toContain(`id="answer-${item.id}"`);
    }
    expect(html.match(/<p class="error"/g)).toHaveLength(blank.length);
    // What was sent is kept (saved to the draft), and shown ticked.
    expect(html).toMatch(new RegExp(`name="item-${pageItems(1)[1]?.id}" value="4" checked`));
    expect((await v.get('/assessment/1')).status).toBe(200);
  });

  it('a share form without a choice answers 400 in words and changes nothing', async () => {
    const { v } = await ctx.person();
    await answerAll(v);
    const location = await submit(v);
    const res = await postForm(v, `${location}?_action=assessment.share`, [
      ['result', location.split('/').pop() ?? ''],
      ['share', 'maybe'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(visibleText(html)).toContain('Choose whether to share this profile.');
    expect(html).toContain('Create a share link');
  });
});

describe('bad input', () => {
  const cases: [string, [string, string][]][] = [
    ['a statement from another page', [...fields(1), [`item-${pageItems(2)[0]?.id}`, '3']]],
    ['an answer of 6', [...fields(1).slice(1), [`item-${pageItems(1)[0]?.id}`, '6']]],
    ['an answer of 0', [...fields(1).slice(1), [`item-${pageItems(1)[0]?.id}`, '0']]],
    ['an unknown item', [...fields(1), ['item-nope-1', '3']]],
    ['the same statement twice', [...fields(1), [`item-${pageItems(1)[0]?.id}`, '2']]],
  ];
  it.each(cases)('%s → 400, nothing saved', async (_name, body) => {
    const { v, userId } = await ctx.person();
    const res = await postForm(v, '/assessment/1?_action=assessment.savePage', [
      ['step', '1'],
      ...body,
      ['go', 'next'],
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Nothing on this page was saved');
    expect(
      await ctx.db.select().from(assessmentDrafts).where(eq(assessmentDrafts.userId, userId)),
    ).toHaveLength(0);
  });

  it('oversized or non-form bodies → 413 / 415; an unknown page → 404', async () => {
    const { v } = await ctx.person();
    const big = await v.request('/assessment/1?_action=assessment.savePage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
      body: `x=${'a'.repeat(5 * 1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    const json = await v.request('/assessment/1?_action=assessment.savePage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: v.origin },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect((await v.get('/assessment/7')).status).toBe(404);
    expect((await v.get('/assessment/01')).status).toBe(404);
  });

  it('submitting with statements unanswered stores nothing', async () => {
    const { v, userId } = await ctx.person();
    await postForm(v, '/assessment/1?_action=assessment.savePage', [
      ['step', '1'],
      ...fields(1),
      ['go', 'next'],
    ]);
    const res = await postForm(v, '/assessment/review?_action=assessment.submit', [
      ['submission', 'a'.repeat(26)],
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('still unanswered');
    expect(await resultsOf(userId)).toHaveLength(0);
  });

  it('the same submission sent 10 times at once stores one result', async () => {
    const { v, userId } = await ctx.person();
    await answerAll(v);
    const body: [string, string][] = [['submission', 'b'.repeat(26)]];
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postForm(v, '/assessment/review?_action=assessment.submit', body)),
    );
    expect(new Set(responses.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(await resultsOf(userId)).toHaveLength(1);
  });
});

describe('whose it is', () => {
  it('a result is its owner’s: others get 404; a share link shows the profile, not the answers, until it is turned off', async () => {
    const a = await ctx.person();
    const b = await ctx.person();
    await answerAll(a.v);
    const location = await submit(a.v);
    expect((await b.v.get(location)).status).toBe(404);
    expect((await a.v.get('/assessment/results/aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    const pdf = await a.v.get(`${location}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await b.v.get(`${location}.pdf`)).status).toBe(404);
    // Someone else can't switch sharing on for it either.
    expect(
      (
        await postForm(b.v, `${location}?_action=assessment.share`, [
          ['result', location.split('/').pop() ?? ''],
          ['share', 'on'],
        ])
      ).status,
    ).toBe(404);

    const on = await postForm(a.v, `${location}?_action=assessment.share`, [
      ['result', location.split('/').pop() ?? ''],
      ['share', 'on'],
    ]);
    expect(on.status).toBe(303);
    const page = await (await a.v.get(location)).text();
    const link = /\/assessment\/shared\/[a-z2-7]{32}/.exec(page)?.[0] ?? '';
    expect(link).not.toBe('');
    const stranger = new Visitor(ctx.server.origin, '192.0.2.31');
    const shared = await stranger.get(link);
    expect(shared.status).toBe(200);
    const text = visibleText(await shared.text());
    expect(text).toContain('Trust index:');
    expect(text).not.toContain('Two habits to practise this week');
    for (const item of items) expect(text).not.toContain(item.text);

    await postForm(a.v, `${location}?_action=assessment.share`, [
      ['result', location.split('/').pop() ?? ''],
      ['share', 'off'],
    ]);
    expect((await stranger.get(link)).status).toBe(404);
  });

  it('results are in the data download and are deleted with the account', async () => {
    const { v, userId } = await ctx.person();
    await answerAll(v);
    await submit(v);
    const data = (await (await v.get('/account/data.json')).json()) as { assessment: { results: unknown[] } };
    expect(data.assessment.results).toHaveLength(1);
    await v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(await resultsOf(userId)).toHaveLength(0);
  });
});
