/** After a passed quiz: the way on (next lesson, "mark as read" if still needed) and the finished module or course. */
import { lessonProgress } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { slugFromId } from '../../../src/lib/content/course';
import { MODULES } from '../../../src/lib/content/elements';
import { passEveryModulesPractice } from '../../factories/conversations';
import type { Visitor } from '../../support/browser-less';
import { answerFields, postForm, postQuiz, submissionIdIn, useLearningServer } from '../../support/learning';
import { readLessonFiles } from '../../support/lessons';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const text = (html: string) => visibleText(html).replace(/\s+/g, ' ');
/** Every lesson's slug in course order (module order, then file number). */
const COURSE = readLessonFiles()
  .map((f) => f.id)
  .sort(
    (a, b) =>
      MODULES.indexOf(a.split('/')[0] as (typeof MODULES)[number]) -
        MODULES.indexOf(b.split('/')[0] as (typeof MODULES)[number]) || a.localeCompare(b),
  )
  .map(slugFromId);

async function passQuiz(v: Visitor, slug: string): Promise<string> {
  const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
  const res = await postQuiz(v, slug, [['submission', submissionIdIn(html)], ...answerFields(slug)]);
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

/** The primary action of the result: the first `.actions` link, with its text. */
function primaryAction(html: string): { href: string; label: string } {
  const actions = /<div class="actions"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  const first = /<a class="button(?: [a-z-]+)*" href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/.exec(actions);
  return { href: first?.[1] ?? '', label: text(first?.[2] ?? '').trim() };
}

describe('after a passed quiz', () => {
  it('leads on to the next lesson, says "mark as read" is still needed, and the button brings the learner back', async () => {
    const { v } = await ctx.person();
    const [slug, next] = COURSE as [string, string];
    const location = await passQuiz(v, slug);
    const html = await (await v.get(location)).text();
    expect(primaryAction(html)).toMatchObject({ href: `/lessons/${next}` });
    expect(primaryAction(html).label).toMatch(/^Next lesson: /);
    // Retaking stays, as a secondary action.
    expect(html).toMatch(
      new RegExp(`<a class="button secondary" href="/lessons/${slug}/quiz"[^>]*>Retake the whole quiz</a>`),
    );
    expect(text(html)).toContain('One step left: mark this lesson as read to complete it.');

    const back = location.split('?')[0] ?? '';
    const read = await postForm(v, `/lessons/${slug}/read?_action=learning.markRead`, [
      ['lesson', slug],
      ['back', back],
    ]);
    expect(read.status).toBe(303);
    expect(read.headers.get('location')).toBe(back);
    const after = text(await (await v.get(back)).text());
    expect(after).not.toContain('One step left');
    expect(after).toContain('This lesson is complete');
  });

  it('never turns "back" into a redirect elsewhere', async () => {
    const { v } = await ctx.person();
    const slug = COURSE[0] ?? '';
    for (const back of [
      'https://example.com/x',
      '//example.com',
      `/lessons/${COURSE[1]}/quiz/aaaaaaaaaaaaaaaaaaaaaaaaaa`,
    ]) {
      const res = await postForm(v, `/lessons/${slug}/read?_action=learning.markRead`, [
        ['lesson', slug],
        ['back', back],
      ]);
      expect(res.headers.get('location')).toBe(`/lessons/${slug}#progress`);
    }
  });

  it('offers a free learner the next free lesson first, and says the next one in the course is for members', async () => {
    const { v } = await ctx.person({ member: false });
    const slug = COURSE[0] ?? '';
    const html = await (await v.get(await passQuiz(v, slug))).text();
    const page = text(html);
    expect(page).toContain('Members');
    expect(page).toMatch(/Next free lesson: \S/);
    expect(page).toContain('Next in the course:');
    expect(page).toMatch(
      /“[^”]+”, next in the course, is for members: you will see what it covers and how to join\./,
    );
    // The main button is the free one.
    expect(html).toMatch(/class="button next-step"[^>]*>Next free lesson: /);
  });

  it('celebrates a finished module with its certificate and public link, then starts the next module', async () => {
    const { v, userId } = await ctx.person({ name: 'Ana Pereira' });
    // A module also needs a passed practice conversation (decision 022).
    await passEveryModulesPractice(ctx.db, userId, new Date());
    const foundations = COURSE.slice(0, 6);
    let location = '';
    for (const slug of foundations) {
      await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
      location = await passQuiz(v, slug);
    }
    expect(location).toMatch(/\?earned=foundations$/);
    const html = await (await v.get(location)).text();
    const page = text(html);
    expect(page).toContain('You finished the Foundations module');
    expect(page).toContain('Congratulations — your certificate is ready');
    const url = /<input id="share-foundations" type="text" readonly value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(url).toMatch(/^https?:\/\/[^/]+\/certificates\/[a-z2-7]{26}$/);
    expect((await v.get(new URL(url).pathname)).status).toBe(200);
    expect(primaryAction(html)).toMatchObject({ href: `/lessons/${COURSE[6]}` });
    expect(primaryAction(html).label).toMatch(/^Start the next module: /);
  });

  it('celebrates the finished course: the certificate is the way on', async () => {
    const { v, userId } = await ctx.person({ name: 'Lin Wei' });
    const last = COURSE.at(-1) ?? '';
    const done = new Date();
    await passEveryModulesPractice(ctx.db, userId, done);
    await ctx.db.insert(lessonProgress).values(
      COURSE.slice(0, -1).map((slug) => ({
        userId,
        lessonSlug: slug,
        startedAt: done,
        lastSeenAt: done,
        readAt: done,
        bestScore: 100,
        quizPassedAt: done,
      })),
    );
    await v.post(`/lessons/${last}/read?_action=learning.markRead`, { lesson: last });
    const location = await passQuiz(v, last);
    expect(location).toMatch(/\?earned=.*course/);
    const html = await (await v.get(location)).text();
    expect(text(html)).toContain('You finished the whole course');
    expect(html).toMatch(
      /<input id="share-course" type="text" readonly value="[^"]+\/certificates\/[a-z2-7]{26}"/,
    );
    expect(primaryAction(html).label).toBe('See your course certificate');
    expect(primaryAction(html).href).toMatch(/^\/certificates\/[a-z2-7]{26}$/);
  });
});
