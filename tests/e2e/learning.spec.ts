import { expect, type Page, test } from '@playwright/test';
import { type QuizFile, quizSchema } from '../../src/lib/quiz/schema';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';
import { playThrough } from '../support/e2e-practice';
import { readQuizFiles } from '../support/quizzes';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.0.${Math.floor(Math.random() * 250)}` } });

const quizzes = new Map(readQuizFiles().map((f) => [f.slug, quizSchema.parse(f.data)]));
const quiz = (slug: string): QuizFile => quizzes.get(slug) as QuizFile;

/** Ticks the answers in the browser: right ones, except the wrong option for questions in `wrong`. */
async function answer(page: Page, slug: string, wrong: readonly string[] = []): Promise<void> {
  for (const q of quiz(slug).questions) {
    const group = page.locator(`#question-${q.id}`);
    if ((await group.count()) === 0) continue;
    const picks = wrong.includes(q.id)
      ? q.options.filter((o) => !o.correct).slice(0, 1)
      : q.options.filter((o) => o.correct);
    for (const o of picks) await group.locator(`input[value="${o.id}"]`).check();
  }
}

/** The page as it is, on a 390×844 phone: nothing scrolls sideways. Back to the size it had after. */
async function expectFitsPhone(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    document.scrollingElement?.clientWidth ?? 0,
  ]);
  expect(scrollWidth, `${page.url()} scrolls sideways on a phone`).toBeLessThanOrEqual(clientWidth);
  if (size) await page.setViewportSize(size);
}

test('a learner reads, fails, retakes only the misses, passes, completes a module and opens the certificate', async ({
  page,
}, testInfo) => {
  const address = await signUpAndLogIn(page, 'Priya Nair');
  grantMembership(address);

  await page.goto('/lessons/trust-is-expectations-met');
  const progress = page.getByRole('region', { name: 'Your progress' });
  await expect(progress).toContainText('Started');
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(progress).toContainText('Read');
  await expectAccessible(page);

  await progress.getByRole('link', { name: 'Take the quiz' }).click();
  await expect(page.getByRole('heading', { name: /^Quiz:/ })).toBeVisible();
  await expectAccessible(page);
  // Miss two questions, whatever the quiz's ids and length are; the grader floors the percentage.
  const first = quiz('trust-is-expectations-met').questions;
  await answer(page, 'trust-is-expectations-met', [first[1]?.id ?? '', first[3]?.id ?? '']);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: 'Not passed yet' })).toBeVisible();
  await expect(page.locator('.quiz-score')).toContainText(
    `${Math.floor(((first.length - 2) / first.length) * 100 + 1e-9)}%`,
  );
  await expectAccessible(page);

  await page.getByRole('link', { name: /Retake only what I missed/ }).click();
  await expect(page.locator('fieldset.question')).toHaveCount(2);
  await answer(page, 'trust-is-expectations-met');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();
  await expect(page.locator('.quiz-score')).toContainText('100%');

  await page.getByRole('link', { name: 'My learning' }).first().click();
  await expect(page.getByRole('heading', { name: 'My learning' })).toBeVisible();
  await expect(page.locator('main')).toContainText('1 of 30 lessons');
  await expectAccessible(page);

  // A module also needs a passed practice conversation (decision 022).
  await playThrough(page, 'the-inherited-promise');
  // The rest of the module, through the same pages.
  for (const slug of [
    'the-trust-account',
    'every-touchpoint',
    'why-customers-stay',
    'seven-practices',
    'measuring-trust',
  ]) {
    await page.goto(`/lessons/${slug}`);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.goto(`/lessons/${slug}/quiz`);
    await answer(page, slug);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();
  }
  // The finished module is celebrated where it happens: the certificate, its public link to copy and share.
  await expect(page.getByRole('heading', { name: 'You finished the Foundations module' })).toBeVisible();
  // What was finished, how far the course has come, the certificate's likeness and the one next step.
  const moment = page.getByRole('region', { name: 'You finished the Foundations module' });
  await expect(moment).toContainText('6 lessons, each read and its quiz passed');
  await expect(moment).toContainText('1 of 6 modules complete');
  await expect(
    moment.getByRole('link', { name: /Certificate of completion Priya Nair Foundations module/ }),
  ).toBeVisible();
  await expect(moment.getByRole('link', { name: /^Next: / })).toHaveAttribute('href', /^\/lessons\//);
  if (process.env['SCREENSHOTS_DIR']) {
    await page.screenshot({
      path: `${process.env['SCREENSHOTS_DIR']}/module-done-desktop.png`,
      fullPage: true,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      path: `${process.env['SCREENSHOTS_DIR']}/module-done-phone.png`,
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await expect(page.getByRole('link', { name: /^Start the next module: / })).toBeVisible();
  const shareLink = await page.getByLabel('Public link anyone can use to check it').inputValue();
  expect(shareLink).toMatch(/\/certificates\/[a-z2-7]{26}$/);
  // With scripts, a Copy button copies it and says so to screen readers too (a live region).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(page.locator('[aria-live="polite"]', { hasText: 'Copied to the clipboard.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareLink);
  await expectAccessible(page);
  await expectFitsPhone(page);
  await page.getByRole('link', { name: 'My learning' }).first().click();
  await expect(page.locator('main')).toContainText('6 of 30 lessons');
  await page.getByRole('link', { name: 'Foundations module' }).click();
  await expect(page.getByRole('heading', { name: 'Priya Nair' })).toBeVisible();
  await expect(page.locator('main')).toContainText('completed the Foundations module');
  await expectAccessible(page);
  await expectFitsPhone(page);
  // The download is the card's own action; under the card, what Trust Academy is and what it attests.
  await expect(page.locator('article.certificate').getByRole('link', { name: 'Download PDF' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What this certificate means' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'About Trust Academy and its course' })).toHaveAttribute(
    'href',
    '/',
  );
  for (const [name, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`certificate-${name}.png`), fullPage: true });
  }
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/^trust-academy-certificate-[a-z2-7]{26}\.pdf$/);
});

test('a quiz works with JavaScript disabled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUpAndLogIn(page, 'Noor Haddad');
  await page.goto('/lessons/small-certain-promises/quiz');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Answer every question before you submit');
  await answer(page, 'small-certain-promises');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();
  await context.close();
});
