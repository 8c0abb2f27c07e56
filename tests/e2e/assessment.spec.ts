import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.1.${Math.floor(Math.random() * 250)}` } });

async function member(page: Page, name: string): Promise<void> {
  const address = await signUpAndLogIn(page, name, '/assessment');
  grantMembership(address);
  await page.goto('/assessment');
}

const TITLES = [
  'Getting started',
  'About a sixth done',
  'About a third done',
  'Halfway there',
  'About two-thirds done',
  'The last page',
];

/**
 * Answers every page with the `choice`-th answer (0–4: Never … Always, or Strongly disagree … Strongly
 * agree), checking accessibility on each page when asked.
 */
async function takeIt(page: Page, choice: number, checkEveryPage: boolean): Promise<void> {
  for (const [n, title] of TITLES.entries()) {
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    if (checkEveryPage) await expectAccessible(page);
    for (const group of await page.locator('fieldset.question').all()) {
      await group.locator('ul.agreement input[type=radio]').nth(choice).check();
    }
    await page
      .getByRole('button', { name: n === TITLES.length - 1 ? 'Review my answers' : 'Save and continue' })
      .click();
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
  await takeIt(page, 3, true);
  await expect(page.getByRole('img', { name: /Your five elements of trust/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Your scores/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your learning path' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'My learning' }).click();
  await expect(page.getByRole('link', { name: 'See your whole path' })).toBeVisible();

  await page.goto('/assessment');
  await page.getByRole('link', { name: 'Start' }).click();
  await takeIt(page, 4, false);
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
  await first.locator('ul.agreement input[type=radio]').nth(1).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Answer every statement on this page');
  await expect(page.locator('fieldset.question').first().locator('ul.agreement input').nth(1)).toBeChecked();
  await takeIt(page, 2, false);
  await context.close();
});

test('a page answered by keyboard alone, on a phone, without JavaScript, with "Doesn’t happen in my role"', async ({
  browser,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await member(page, 'Wanjiru Kamau');
  await page.goto('/assessment/2');
  await expect(page.getByRole('heading', { level: 1, name: 'About a sixth done' })).toBeVisible();
  // Tab to the first answer of the first statement.
  for (let n = 0; n < 80; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio'))
      break;
  }
  const groups = await page.locator('fieldset.question').all();
  for (const [n, group] of groups.entries()) {
    await expect(group.locator('input[type=radio]').first()).toBeFocused();
    // Space ticks the first answer; arrows move the tick along the scale, and on to "Doesn't happen in my role".
    await page.keyboard.press('Space');
    const offersNa = (await group.getByLabel('Doesn’t happen in my role').count()) > 0;
    for (let k = 0; k < (offersNa ? 5 : 3); k++) await page.keyboard.press('ArrowRight');
    await expect(
      offersNa ? group.getByLabel('Doesn’t happen in my role') : group.locator('ul.agreement input').nth(3),
    ).toBeChecked();
    if (n < groups.length - 1) await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Save and continue' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'About a third done' })).toBeVisible();
  // No sideways scrolling on the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto('/assessment/review');
  await expect(page.getByRole('main')).toContainText('Doesn’t happen in my role');
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
  await expect(page.getByRole('status')).toContainText('You now have the trust self-assessment');
  await expect(page.getByLabel('Code')).toHaveCount(0);
  await expectAccessible(page);
  await page.goto('/account/billing');
  await expect(page.getByRole('main')).toContainText('BLOG');
  await expectAccessible(page);
  await page.goto('/assessment');
  await page.getByRole('link', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible();
});
