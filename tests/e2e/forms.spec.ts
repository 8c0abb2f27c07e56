/**
 * One way a form answers bad input (decision 016): every field's problem at once in an error summary at
 * the top, which takes the focus when the page loads (with and without JavaScript), whose links lead to
 * the fields, with what was typed kept (never a password); the page passes axe.
 */
import { expect, type Page, test } from '@playwright/test';
import { quizSchema } from '../../src/lib/quiz/schema';
import { expectAccessible } from '../support/axe';
import { signUpAndLogIn } from '../support/e2e-members';
import { readQuizFiles } from '../support/quizzes';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250)}` } });

async function sendBadSignUp(page: Page): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Email').fill('not an address');
  await page.getByLabel('Password').fill('typed but never sent back');
  await page.getByRole('button', { name: 'Create account' }).click();
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('the error summary lists every problem, has the focus, and leads to each field', async ({
      page,
    }) => {
      await sendBadSignUp(page);
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('Please correct the highlighted fields.');
      await expect(summary.getByRole('link')).toHaveText([
        'Tell us what to call you.',
        'Enter an email address like name@example.com.',
      ]);
      // Focused on load, so the keyboard (and a screen reader's reading) starts at the problems.
      await expect(page.locator('#error-summary')).toBeFocused();
      // What was typed stays; the password is never sent back.
      await expect(page.getByLabel('Email')).toHaveValue('not an address');
      await expect(page.getByLabel('Password')).toHaveValue('');

      await page.keyboard.press('Tab');
      await expect(summary.getByRole('link', { name: 'Tell us what to call you.' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(summary.getByRole('link', { name: /email address/ })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#field-email$/);
      // The link moved the keyboard's place to the field: the next Tab reaches the field after it.
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('Password')).toBeFocused();
      // axe runs as a script in the page: checked with JavaScript on (the markup is the same).
      if (javaScriptEnabled) await expectAccessible(page);
    });
  });
}

test('a page with several forms shows the summary of the one that was sent, on a phone too', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await page.getByRole('button', { name: 'Log in' }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link')).toHaveText(['Enter your email address.', 'Enter your password.']);
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(summary).toBeInViewport();
  await expectAccessible(page);
});

/** A free lesson's quiz, read from its file so the test follows the content. */
const QUIZ_SLUG = 'small-certain-promises';
const quizFile = readQuizFiles().find((f) => f.slug === QUIZ_SLUG);
const QUESTIONS = quizFile ? quizSchema.parse(quizFile.data).questions : [];

for (const javaScriptEnabled of [false, true]) {
  test(`a quiz sent half-answered names the blank questions in one summary (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signUpAndLogIn(page, 'Quinn Blank');
    await page.goto(`/lessons/${QUIZ_SLUG}/quiz`);
    // The first question answered, the rest left blank.
    const [first, second] = QUESTIONS;
    const right = first?.options.find((o) => o.correct);
    await page.locator(`#question-${first?.id} input[value="${right?.id}"]`).check();
    await page.getByRole('button', { name: 'Submit answers' }).click();

    const summary = page.getByRole('alert');
    await expect(summary).toHaveCount(1);
    await expect(summary).toContainText(`${QUESTIONS.length - 1} are still blank`);
    await expect(summary.getByRole('link')).toHaveCount(QUESTIONS.length - 1);
    await expect(summary.getByRole('link').first()).toHaveText('Question 2 has no answer yet.');
    await expect(page.locator('#error-summary')).toBeFocused();
    // The answer given is kept; only the blank questions carry a message.
    await expect(page.locator(`#question-${first?.id} input[value="${right?.id}"]`)).toBeChecked();
    await expect(page.locator(`#question-${first?.id} .error`)).toHaveCount(0);
    await expect(page.locator('.quiz-form .error')).toHaveCount(QUESTIONS.length - 1);
    // The first link leads to the second question's first answer.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#answer-${second?.id}$`));
    await expect(page.locator(`#answer-${second?.id}`)).toBeFocused();
    if (javaScriptEnabled) await expectAccessible(page);
    await context.close();
  });
}
