import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.11.${Math.floor(Math.random() * 250)}` } });

const PHONE = { width: 390, height: 844 };

/** The page is no wider than the screen: nothing makes a phone scroll sideways. */
async function expectNoSidewaysScroll(page: Page, path: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    window.innerWidth,
  ]);
  expect(scrollWidth, `${path} is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(
    innerWidth,
  );
}

test('no page scrolls sideways on a phone, for a visitor and for a member', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const visitorPages = [
    '/',
    '/lessons',
    '/lessons/small-certain-promises',
    '/lessons/owning-a-miss',
    '/assessment',
    '/pricing',
    '/login',
    '/signup',
    '/sources',
    '/search?q=promise',
  ];
  for (const path of visitorPages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  // Signing up on a wide screen, where the helper finds the account link in the header.
  await page.setViewportSize({ width: 1280, height: 800 });
  const address = await signUpAndLogIn(page, 'Priya Raman');
  grantMembership(address);
  await page.setViewportSize(PHONE);
  const memberPages = [
    '/',
    '/dashboard',
    '/lessons/owning-a-miss',
    '/lessons/owning-a-miss/quiz',
    '/assessment',
    '/assessment/1',
    '/account',
    '/account/billing',
    '/ledger',
    '/ledger/customers',
    '/ledger/promises/new',
  ];
  for (const path of memberPages) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
  await context.close();
});

test('on a phone the navigation is one Menu button that opens without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  const header = page.getByRole('banner');
  // One line: the brand and the Menu button, with the links folded away.
  const box = await header.boundingBox();
  expect(box?.height ?? 0).toBeLessThan(80);
  await expect(header.getByRole('link', { name: 'Sign up' })).toBeHidden();
  const menu = header.getByText('Menu', { exact: true });
  await menu.click();
  await expect(header.getByRole('link', { name: 'Pricing' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Sign up' })).toBeVisible();
  await header.getByRole('link', { name: 'Pricing' }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  await context.close();
});

test('the phone menu works from the keyboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto('/');
  const summary = page.getByRole('banner').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Course' }),
  ).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Course' }),
  ).toBeFocused();
  await context.close();
});

test('on a wide screen every link is in the header and there is no Menu button', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Course', 'Assessment', 'Pricing', 'Search', 'Log in', 'Sign up']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('banner').getByText('Menu', { exact: true })).toBeHidden();
});

test('the home page shows a learner where they left off, and never shows it to a visitor', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The trust assessment' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The promise ledger' })).toBeVisible();
  await expect(page.getByText('Readers of the Trust Academy blog')).toBeVisible();
  await signUpAndLogIn(page, 'Jonas Berg');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start with the first lesson' })).toBeVisible();
  await page.goto('/lessons/small-certain-promises');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Pick up where you left off' })).toBeVisible();
  await expect(page.getByText('Welcome back, Jonas Berg')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Continue\b.*Small, certain promises$/ })).toBeVisible();
  await expectAccessible(page);

  // The home page is cached for visitors: the learner's panel is not part of what is shared.
  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto('/');
  await expect(visitor.getByRole('heading', { name: 'Pick up where you left off' })).toHaveCount(0);
  await expect(visitor.getByText('Jonas Berg')).toHaveCount(0);
  await other.close();
});
