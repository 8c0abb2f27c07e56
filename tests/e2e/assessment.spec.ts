import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.1.${Math.floor(Math.random() * 250)}` } });

async function member(page: Page, name: string): Promise<void> {
  const address = await signUpAndLogIn(page, name, '/assessment');
  grantMembership(address);
  await page.goto('/assessment');
}

/** Answers every page with `choice` (an agreement label), checking accessibility on each when asked. */
async function takeIt(page: Page, choice: string, checkEveryPage: boolean): Promise<void> {
  for (let step = 1; step <= 6; step++) {
    await expect(page.getByRole('heading', { name: `Page ${step} of 6` })).toBeVisible();
    if (checkEveryPage) await expectAccessible(page);
    for (const group of await page.locator('fieldset.question').all()) {
      await group.getByLabel(choice, { exact: true }).check();
    }
    await page.getByRole('button', { name: step === 6 ? 'Review my answers' : 'Save and continue' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  if (checkEveryPage) await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit and see my profile' }).click();
  await expect(page.getByRole('heading', { name: 'Your trust profile' })).toBeVisible();
}

test('take the assessment, see the profile and learning path, retake it and see the comparison', async ({
  page,
  browser,
}) => {
  await member(page, 'Rosa Lindqvist');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Start' }).click();
  await takeIt(page, 'Agree', true);
  await expect(page.getByRole('img', { name: /Your five elements of trust/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Your scores/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your learning path' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'My learning' }).click();
  await expect(page.getByRole('link', { name: 'See your whole path' })).toBeVisible();

  await page.goto('/assessment');
  await page.getByRole('link', { name: 'Start' }).click();
  await takeIt(page, 'Strongly agree', false);
  await expect(page.getByRole('table', { name: /compared with your previous result/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Your trust index over time/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Create a share link' }).click();
  await expect(page.getByRole('status')).toContainText('Sharing is on');
  const link = await page.getByLabel('Your share link').inputValue();
  // Someone else, not logged in, opens the link.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { name: 'Trust profile' })).toBeVisible();
  await expectAccessible(stranger);
  await other.close();
});

test('the assessment works with JavaScript disabled, keeping answers when a page is incomplete', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await member(page, 'Tomás Ortega');
  await page.getByRole('link', { name: 'Start' }).click();
  const first = page.locator('fieldset.question').first();
  await first.getByLabel('Disagree', { exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Answer every statement on this page');
  await expect(
    page.locator('fieldset.question').first().getByLabel('Disagree', { exact: true }),
  ).toBeChecked();
  await takeIt(page, 'Neither agree nor disagree', false);
  await context.close();
});

test('a learner redeems BLOG and the assessment opens', async ({ page }) => {
  await signUpAndLogIn(page, 'Ines Duarte', '/assessment');
  await page.goto('/assessment');
  await expect(page.getByRole('heading', { name: 'How to get it' })).toBeVisible();
  await page.getByRole('link', { name: 'Redeem a code' }).click();
  await expectAccessible(page);
  await page.getByLabel('Code').fill('blog');
  await page.getByRole('button', { name: 'Check the code' }).click();
  await expect(
    page.getByRole('heading', { name: /BLOG gives you the trust self-assessment, free/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Redeem BLOG' }).click();
  await expect(page.getByRole('status')).toContainText('you now have the trust self-assessment');
  await expectAccessible(page);
  await page.goto('/account/billing');
  await expect(page.getByRole('main')).toContainText('BLOG');
  await expectAccessible(page);
  await page.goto('/assessment');
  await page.getByRole('link', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Page 1 of 6' })).toBeVisible();
});
