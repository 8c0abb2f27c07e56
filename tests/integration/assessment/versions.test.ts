/** Assessment v2 over HTTP: "doesn't happen in my role", results of version 1 kept apart, the admin's item analysis. */
import { readFileSync } from 'node:fs';
import { write } from '@db/client';
import { assessmentDrafts, assessmentResults } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MIN_RESULTS } from '../../../src/lib/assessment/item-analysis';
import { itemsSchema } from '../../../src/lib/assessment/schema';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { createUser } from '../../factories/users';
import { signedInAdmin } from '../../support/admin';
import { answerAll, items, pageFields, pages, submitAssessment } from '../../support/assessment';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const text = (html: string) => visibleText(html).replace(/\s+/g, ' ');
const v1Items = itemsSchema.parse(
  parse(readFileSync(new URL('../../../content/assessment/items-v1.yaml', import.meta.url), 'utf8')),
).items;

/** A version 1 result stored as version 1 stored it (every answer 3: every scale 50, index 37.5). */
async function storeV1Result(userId: string, at: Date): Promise<string> {
  const id = newId();
  const scores = {
    dependability: 50,
    competence: 50,
    empathy: 50,
    truth: 50,
    rapport: 50,
    'self-orientation': 50,
  };
  await write(ctx.db, (tx) =>
    tx.insert(assessmentResults).values({
      id,
      userId,
      submissionId: newId(),
      version: 1,
      answers: JSON.stringify(Object.fromEntries(v1Items.map((i) => [i.id, 3]))),
      scores: JSON.stringify(scores),
      trustIndex: 37.5,
      shareToken: null,
      createdAt: at,
      code: null,
    }),
  );
  return id;
}

describe('pages', () => {
  it('show every scale once per page, answers on how often or how much you agree, and the version', async () => {
    const { v } = await ctx.person();
    for (const [n, page] of pages.entries()) {
      const html = await (await v.get(`/assessment/${n + 1}`)).text();
      const shown = text(html);
      for (const item of page) expect(shown).toContain(item.text);
      expect(new Set(page.map((i) => i.scale)).size).toBe(page.length);
      expect(shown).toContain(page.some((i) => i.response === 'frequency') ? 'Sometimes' : 'Agree');
    }
    const naItem = items.find((i) => i.notApplicable);
    const naPage = pages.findIndex((p) => p.some((i) => i.id === naItem?.id)) + 1;
    expect(await (await v.get(`/assessment/${naPage}`)).text()).toContain(
      `name="item-${naItem?.id}" value="na"`,
    );
  });
});

describe('"Doesn’t happen in my role"', () => {
  const naItem = items.find((i) => i.notApplicable);
  const plainItem = items.find((i) => !i.notApplicable);
  const stepOf = (id: string | undefined) => pages.findIndex((p) => p.some((i) => i.id === id)) + 1;

  it('is kept where offered and left out of the score', async () => {
    const { v, userId } = await ctx.person();
    // 3 everywhere is 50 on every scale; na on a statement that offers it leaves its scale at 50.
    await answerAll(v, (item) => (item.id === naItem?.id ? 'na' : 3));
    const [draft] = await ctx.db.select().from(assessmentDrafts).where(eq(assessmentDrafts.userId, userId));
    expect(JSON.parse(draft?.answers ?? '{}')[naItem?.id ?? '']).toBe('na');
    const review = text(await (await v.get('/assessment/review')).text());
    expect(review).toContain('Doesn’t happen in my role');
    const page = text(await (await v.get(await submitAssessment(v))).text());
    expect(page).toContain('Trust index: 37.5 out of 100');
    const [row] = await ctx.db.select().from(assessmentResults).where(eq(assessmentResults.userId, userId));
    expect(row?.version).toBe(2);
    expect(JSON.parse(row?.scores ?? '{}')[naItem?.scale ?? '']).toBe(50);
  });

  it('is refused, with nothing saved, where the statement does not offer it', async () => {
    const { v, userId } = await ctx.person();
    const step = stepOf(plainItem?.id);
    const body = pageFields(step, (item) => (item.id === plainItem?.id ? 'na' : 3));
    const res = await postForm(v, `/assessment/${step}?_action=assessment.savePage`, [
      ['step', String(step)],
      ...body,
      ['go', 'next'],
    ]);
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('Nothing on this page was saved');
    expect(
      await ctx.db.select().from(assessmentDrafts).where(eq(assessmentDrafts.userId, userId)),
    ).toHaveLength(0);
  });
});

describe('versions', () => {
  it('a version 1 result stays readable, marked as such, and a version 2 result is not compared with it', async () => {
    const { v, userId } = await ctx.person();
    const old = await storeV1Result(userId, new Date(Date.now() - 60 * 86_400_000));
    const oldPage = text(await (await v.get(`/assessment/results/${old}`)).text());
    expect(oldPage).toContain('Taken with version 1 of the assessment');
    expect(oldPage).toContain('Trust index: 37.5 out of 100');
    expect((await v.get(`/assessment/results/${old}.pdf`)).status).toBe(200);

    await answerAll(v, () => 5);
    const html = await (await v.get(await submitAssessment(v))).text();
    const page = text(html);
    expect(page).toContain('used version 1 of the assessment, so this result is not compared with it');
    expect(page).not.toContain('Since last time');
    expect(page).not.toContain('Your trust index over time');
    expect(html).not.toContain('class="radar-previous"');
    const list = text(await (await v.get('/assessment')).text());
    expect(list).toContain('version 1 of the assessment');
    expect(list).toContain('About the versions');

    const data = (await (await v.get('/account/data.json')).json()) as {
      assessment: { results: { version: number }[] };
    };
    expect(data.assessment.results.map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it('compares two version 2 results with each other, passing over a version 1 result between them', async () => {
    const { v, userId } = await ctx.person();
    await answerAll(v, () => 3);
    await submitAssessment(v);
    const [first] = await ctx.db.select().from(assessmentResults).where(eq(assessmentResults.userId, userId));
    // Between the two: a millisecond after the first, before the second (submitted after several requests).
    await storeV1Result(userId, new Date((first?.createdAt.getTime() ?? 0) + 1));
    await answerAll(v, () => 5);
    const location = await submitAssessment(v);
    const page = text(await (await v.get(location)).text());
    expect(page).toContain('Since last time');
    expect(page).toContain('so it is left out of the comparison and the trend');
  });

  it('the admin sees each result’s version on the learner’s page and in its CSV', async () => {
    const { v, userId } = await ctx.person();
    await storeV1Result(userId, new Date(Date.now() - 60 * 86_400_000));
    await answerAll(v, () => 3);
    await submitAssessment(v);
    const admin = await signedInAdmin(ctx);
    expect(text(await (await admin.v.get(`/admin/learners/${userId}`)).text())).toContain('· version 1');
    const csv = (await (await admin.v.get(`/admin/learners/${userId}/assessments.csv`)).text())
      .trim()
      .split('\n');
    expect(csv[0]?.split(',').slice(0, 3)).toEqual(['taken_at', 'version', 'trust_index']);
    expect(
      csv
        .slice(1)
        .map((line) => line.split(',')[1])
        .sort(),
    ).toEqual(['1', '2']);
  });

  it('ignores a draft started on version 1', async () => {
    const { v, userId } = await ctx.person();
    await write(ctx.db, (tx) =>
      tx
        .insert(assessmentDrafts)
        .values({ userId, answers: JSON.stringify({ 'dependability-1': 4 }), updatedAt: new Date() }),
    );
    const page = text(await (await v.get('/assessment')).text());
    expect(page).toContain('Take the assessment');
    expect(page).not.toContain('You have answered');
    await answerAll(v, () => 3);
    expect(await submitAssessment(v)).toMatch(/^\/assessment\/results\/[a-z2-7]{26}$/);
  });
});

describe('the admin’s item analysis', () => {
  it(`shows an empty state below ${MIN_RESULTS} people, then alpha and item figures for the current version`, async () => {
    const admin = await signedInAdmin(ctx);
    const before = text(await (await admin.v.get('/admin/analytics/assessment')).text());
    expect(before).toContain('Not enough results yet');
    expect(before).toContain(`once ${MIN_RESULTS} people have`);

    // MIN_RESULTS people with a version 2 result; answers vary by person so every item varies.
    const now = new Date();
    for (let n = 0; n < MIN_RESULTS; n++) {
      const user = await createUser(ctx.db, now);
      const answers = Object.fromEntries(items.map((item, i) => [item.id, 1 + ((n + (i % 3)) % 5)]));
      await write(ctx.db, (tx) =>
        tx.insert(assessmentResults).values({
          id: newId(),
          userId: user.id,
          submissionId: newId(),
          version: 2,
          answers: JSON.stringify(answers),
          scores: '{}',
          trustIndex: 0,
          shareToken: null,
          createdAt: now,
          code: null,
        }),
      );
    }
    const after = text(await (await admin.v.get('/admin/analytics/assessment')).text());
    expect(after).not.toContain('Not enough results yet');
    expect(after).toMatch(/Cronbach’s alpha: -?\d\.\d\d/);
    for (const item of items) expect(after).toContain(item.text);
  });
});
