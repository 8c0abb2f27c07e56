import { type Browser, expect, type Page, test } from '@playwright/test';
import { MAILBOX_HTTP_PORT } from '../../playwright.config';
import { type QuizFile, quizSchema } from '../../src/lib/quiz/schema';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';
import { readQuizFiles } from '../support/quizzes';

/** The learner's journey between pages (issue 18): the way on after a quiz, no surprise paywalls, confirming an email. */
// One client address per test: each signs up, and sign-ups are rate-limited per address.
let client = Math.floor(Math.random() * 200);
test.beforeEach(async ({ page }) => {
  client += 1;
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.18.1.${client % 250}` });
});

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const FIRST = 'trust-is-expectations-met';
const quizzes = new Map(readQuizFiles().map((f) => [f.slug, quizSchema.parse(f.data)]));

async function answerRight(page: Page, slug: string): Promise<void> {
  for (const q of (quizzes.get(slug) as QuizFile).questions) {
    for (const o of q.options.filter((x) => x.correct)) {
      await page.locator(`#question-${q.id} input[value="${o.id}"]`).check();
    }
  }
}

/**
 * axe and the sideways-scroll check run scripts in the page, which a JavaScript-off page can't: they look
 * at the same URL, as the same person, at the same size, in a browser with scripts on.
 */
async function checkPage(page: Page, browser: Browser): Promise<void> {
  // Cookies, not storageState(): reading a page's storage runs a script, which a JavaScript-off page won't.
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

async function linkFromEmail(to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const messages = (await (await fetch(`http://127.0.0.1:${MAILBOX_HTTP_PORT}/messages`)).json()) as {
      to: string;
      subject: string;
      text: string;
    }[];
    const link = messages
      .findLast((m) => m.to === to && m.subject.startsWith('Confirm'))
      ?.text.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no confirmation email to ${to}`);
}

for (const size of SIZES) {
  test.describe(`${size.name}, JavaScript off`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, javaScriptEnabled: false });

    test('after a pass: "Next lesson" leads on, and "Mark as read" is asked for and brings the learner back', async ({
      page,
      browser,
    }) => {
      const address = await signUpAndLogIn(page, 'Priya Nair');
      grantMembership(address);
      await page.goto(`/lessons/${FIRST}/quiz`);
      await answerRight(page, FIRST);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();
      const next = page.getByRole('link', { name: /^Next lesson: The trust account/ });
      await expect(next).toBeVisible();
      await expect(page.getByRole('link', { name: 'Retake the whole quiz' })).toBeVisible();
      await expect(page.getByRole('note')).toContainText('One step left: mark this lesson as read');
      await checkPage(page, browser);

      await page.getByRole('button', { name: 'Mark as read' }).click();
      await expect(page.getByRole('heading', { name: 'Passed' })).toBeVisible();
      await expect(page.locator('main')).toContainText('This lesson is complete');
      await next.click();
      await expect(page.getByRole('heading', { level: 1, name: 'The trust account' })).toBeVisible();
    });

    test('a free learner’s next step is a free lesson, and the members’ lesson after it is named as such', async ({
      page,
      browser,
    }) => {
      await signUpAndLogIn(page, 'Tomás Ruiz');
      await page.goto(`/lessons/${FIRST}`);
      await page.getByRole('button', { name: 'Mark as read' }).click();
      await page.goto(`/lessons/${FIRST}/quiz`);
      await answerRight(page, FIRST);
      await page.getByRole('button', { name: 'Submit answers' }).click();
      // The main button is the next free lesson; the members' lesson next in the course is second, named as such.
      const nextFree = page.getByRole('link', { name: /^Next free lesson: Small, certain promises$/ });
      await expect(nextFree).toHaveClass(/next-step/);
      await expect(
        page.getByRole('link', { name: 'Next in the course: The trust account (for members)' }),
      ).toBeVisible();
      await expect(page.locator('main')).toContainText(
        '“The trust account”, next in the course, is for members',
      );

      await page.goto('/dashboard');
      const card = page.getByRole('region', { name: 'Small, certain promises' });
      await expect(card).toContainText('Next step · Your next lesson');
      await expect(card.locator('.badge.free')).toBeVisible();
      await expect(card).toContainText('The next lesson in order, “The trust account”, is for members.');
      await card.getByRole('link', { name: 'Start the lesson' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Small, certain promises' })).toBeVisible();
      await page.goto('/dashboard');
      await checkPage(page, browser);
    });

    test('logging in unconfirmed shows a reminder that resends the link; confirming lands on the welcome page', async ({
      page,
      browser,
    }) => {
      const address = await signUpAndLogInWithoutContinuing(page, 'Lin Wei', '/lessons');
      await expect(page.getByRole('heading', { name: 'Please confirm your email' })).toBeVisible();
      await checkPage(page, browser);
      await page.getByRole('button', { name: 'Send the link again' }).click();
      await expect(page.getByRole('status')).toContainText(`We sent a new confirmation link to ${address}`);
      await page.getByRole('link', { name: 'Continue' }).click();
      await expect(page).toHaveURL(/\/lessons$/);

      const link = await linkFromEmail(address);
      await page.goto(link);
      await page.getByRole('button', { name: 'Confirm my email' }).click();
      await expect(page.getByRole('heading', { name: 'Welcome, Lin Wei' })).toBeVisible();
      await expect(page.getByRole('status')).toContainText(/your email address is confirmed/i);
      await page.goto(link);
      await expect(page.getByRole('status')).toContainText('Your email address is already confirmed');
    });
  });
}

/** Signs up and logs in, stopping at the page login leads to (the reminder, for an unconfirmed address). */
async function signUpAndLogInWithoutContinuing(page: Page, name: string, next: string): Promise<string> {
  const address = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('every promise counts');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('every promise counts');
  await page.getByRole('button', { name: 'Log in' }).click();
  return address;
}
