import { type Browser, expect, type Page, test } from '@playwright/test';
import Sqlite from 'libsql';
import { E2E_DATABASE_URL } from '../../playwright.config';
import { typeset } from '../../src/lib/content/typography';
import { quizSchema } from '../../src/lib/quiz/schema';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';
import { readQuizFiles } from '../support/quizzes';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.2.${Math.floor(Math.random() * 250)}` } });

const SLUG = 'trust-is-expectations-met';
// As the site shows it: typeset when loaded.
const QUIZ = typeset(quizSchema.parse(readQuizFiles().find((f) => f.slug === SLUG)?.data));
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** Moves a learner's boosters back in time, as if their quiz was passed five days ago: all due now. */
function makeDue(address: string): void {
  const database = new Sqlite(E2E_DATABASE_URL.slice('file:'.length), { timeout: 5000 });
  const now = Date.now();
  database
    .prepare(
      'UPDATE booster_cards SET due = ?, added_at = ?, last_review = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)',
    )
    .run([now - 3_600_000, now - 5 * 86_400_000, now - 5 * 86_400_000, address]);
  database.close();
}

/**
 * axe and the sideways-scroll check run scripts in the page, which a JavaScript-off page can't: they look
 * at the same URL, as the same person, at the same size, in a browser with scripts on.
 */
async function checkPage(page: Page, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  await context.addCookies(await page.context().cookies());
  const same = await context.newPage();
  await same.goto(page.url());
  await expectAccessible(same);
  const overflow = await same.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
}

async function answerShownBooster(page: Page): Promise<void> {
  const item = (await page.locator('input[name="item"]').getAttribute('value')) ?? '';
  const question = QUIZ.questions.find((q) => q.id === item.split(':')[2]);
  if (!question) throw new Error(`unknown booster ${item}`);
  for (const o of question.options.filter((option) => option.correct)) {
    await page.locator(`input[name="answer"][value="${o.id}"]`).check();
  }
  await page.getByLabel('I was fairly sure').check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
}

for (const size of SIZES) {
  test.describe(`${size.name}, JavaScript off`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, javaScriptEnabled: false });

    test('a learner with due boosters answers the day’s session and sees when the next is due', async ({
      page,
      browser,
    }) => {
      const address = await signUpAndLogIn(page, 'Amara Okafor');
      grantMembership(address);
      await page.goto(`/lessons/${SLUG}/quiz`);
      for (const q of QUIZ.questions) {
        for (const o of q.options.filter((option) => option.correct)) {
          await page.locator(`#question-${q.id} input[value="${o.id}"]`).check();
        }
      }
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();

      await page.goto('/review');
      await expect(page.getByRole('heading', { name: 'Nothing is due today' })).toBeVisible();
      await expect(page.locator('.next-due')).toContainText('Your next booster is due');

      makeDue(address);
      // The dashboard counts what the session then shows: the session's size (5) of what is due.
      const session = Math.min(5, QUIZ.questions.length);
      await page.goto('/dashboard');
      await expect(page.locator('.boosters-card')).toContainText(`${session} boosters due today`);
      await page.locator('.boosters-card').getByRole('link', { name: 'Review now' }).click();

      for (let i = 1; i <= session; i += 1) {
        await expect(
          page.getByRole('group', { name: new RegExp(`^Booster ${i} of ${session}`) }),
        ).toBeVisible();
        if (i === 1) await checkPage(page, browser);
        await answerShownBooster(page);
        await expect(page.getByRole('heading', { level: 1, name: 'Right' })).toBeVisible();
        await expect(page.locator('.next-due')).toContainText('It comes back');
        if (i === 1) await checkPage(page, browser);
        await page.getByRole('link', { name: i < session ? 'Next booster' : 'Finish' }).click();
      }
      await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();
      await expect(page.locator('main')).toContainText(
        `You answered ${session} boosters today, ${session} right.`,
      );
      await expect(page.locator('.next-due')).toContainText(/next booster is due \w{3}, \d+ \w{3} \d{4}/);
      await expect(page.locator('main')).toContainText('1-day booster streak.');
      await checkPage(page, browser);
    });
  });
}
