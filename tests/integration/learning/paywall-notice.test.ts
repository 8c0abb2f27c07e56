/** A free learner's next step and "Next on your path" never lead into a members' lesson unannounced, and mark free, members and done. */
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
const FREE_LESSONS = [
  'trust-is-expectations-met',
  'small-certain-promises',
  'know-the-product-and-the-industry',
  'listening-for-goals',
  'bad-news-early',
  'first-impressions',
];

async function complete(v: Visitor, slug: string): Promise<void> {
  await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
  const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
  const res = await postQuiz(v, slug, [['submission', submissionIdIn(html)], ...answerFields(slug)]);
  expect(res.status).toBe(303);
}

describe('no surprise paywalls', () => {
  it('a free learner’s next step is never a members’ lesson: the free one to read now, with the locked one named', async () => {
    const free = await ctx.person({ member: false });
    await complete(free.v, FIRST);
    const html = await (await free.v.get('/dashboard')).text();
    const page = text(html);
    // The one button: the first free lesson not yet complete, the first lesson of the next module.
    expect(html).toContain('<a class="button" href="/lessons/small-certain-promises">Start the lesson</a>');
    expect(page).toMatch(/Next step · Your next lesson Small, certain promises Free/);
    expect(page).toContain(
      'The next lesson in order, “The trust account”, is for members. See the plans and the free trial',
    );
    expect(html).not.toMatch(/class="button" href="\/lessons\/the-trust-account"/);
    // Which lessons are free, which for members.
    expect(page).toMatch(/Free 6 of 30 lessons are open to you; the rest are for Members/);

    const member = await ctx.person();
    await complete(member.v, FIRST);
    const forMember = await (await member.v.get('/dashboard')).text();
    expect(forMember).toContain('<a class="button" href="/lessons/the-trust-account">Start the lesson</a>');
    expect(text(forMember)).not.toContain('is for members');
    expect(text(forMember)).not.toContain('lessons are open to you');
  });

  it('a free learner who has read every free lesson is asked to join, with the plans as the one button', async () => {
    const free = await ctx.person({ member: false });
    for (const slug of FREE_LESSONS) await complete(free.v, slug);
    const html = await (await free.v.get('/dashboard')).text();
    expect(text(html)).toContain('Next step · Every free lesson done The trust account Members');
    expect(html).toContain('<a class="button" href="/pricing">See the plans and the free trial</a>');
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
    // The path starts with the foundations: the wording says so rather than tying the lesson to an element.
    expect(dashboard).toMatch(
      /Your path starts with the Foundations module, which every element builds on(, then goes to [a-z ,]+)?\. Next: The trust account Members — a members’ lesson/,
    );

    const path = await (await v.get(result)).text();
    const row = (slug: string) =>
      text(new RegExp(`<li[^>]*><a href="/lessons/${slug}"[\\s\\S]*?</li>`).exec(path)?.[0] ?? '');
    expect(row(FIRST)).toMatch(/Free.*Done/);
    expect(row(SECOND)).toContain('Members');
    expect(row(SECOND)).not.toContain('Done');
  });
});
