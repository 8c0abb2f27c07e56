/** A free learner's "Continue" and "Next on your path" say when they lead to a members' lesson, and mark free, members and done. */
import { grants } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { takeAssessment } from '../../support/assessment';
import type { Visitor } from '../../support/browser-less';
import { answerFields, postQuiz, submissionIdIn, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const text = (html: string) => visibleText(html).replace(/\s+/g, ' ');
const FIRST = 'trust-is-expectations-met';
const SECOND = 'the-trust-account';

async function complete(v: Visitor, slug: string): Promise<void> {
  await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
  const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
  const res = await postQuiz(v, slug, [['submission', submissionIdIn(html)], ...answerFields(slug)]);
  expect(res.status).toBe(303);
}

describe('no surprise paywalls', () => {
  it('a free learner’s Continue card says its lesson is for members and offers a free one; a member’s does not', async () => {
    const free = await ctx.person({ member: false });
    await complete(free.v, FIRST);
    const html = await (await free.v.get('/dashboard')).text();
    const page = text(html);
    expect(html).toContain(`href="/lessons/${SECOND}"`);
    expect(page).toMatch(/The trust account Members/i);
    expect(page).toContain('This lesson is for members: opening it shows what it covers and how to join.');
    // The first free lesson not yet complete: the first lesson of the next module.
    expect(page).toContain('Free for you now: Small, certain promises');
    expect(html).toMatch(/Free for you now: <a href="\/lessons\/small-certain-promises"/);

    const member = await ctx.person();
    await complete(member.v, FIRST);
    expect(text(await (await member.v.get('/dashboard')).text())).not.toContain('This lesson is for members');
  });

  it('the learning path marks free, members and done, and "Next on your path" says when it is a members’ lesson', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const now = new Date();
    await ctx.db.insert(grants).values({
      id: newId(),
      userId,
      product: 'assessment',
      source: 'admin',
      startsAt: now,
      endsAt: null,
      createdAt: now,
    });
    const result = await takeAssessment(v, () => 3);
    expect(result).toMatch(/^\/assessment\/results\/[a-z2-7]{26}$/);
    await complete(v, FIRST);

    const dashboard = text(await (await v.get('/dashboard')).text());
    expect(dashboard).toMatch(/Next on your path: The trust account Members — a members’ lesson/i);

    const path = await (await v.get(result)).text();
    const row = (slug: string) =>
      text(new RegExp(`<li[^>]*><a href="/lessons/${slug}"[\\s\\S]*?</li>`).exec(path)?.[0] ?? '');
    expect(row(FIRST)).toMatch(/Free.*Done/);
    expect(row(SECOND)).toContain('Members');
    expect(row(SECOND)).not.toContain('Done');
  });
});
