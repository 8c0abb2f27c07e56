/**
 * A newcomer's first minutes, on a phone and a desktop, with JavaScript off (every form works without it):
 * a refused sign-up comes back on a clean address with every problem in the summary, "Check your email"
 * can send the confirmation again, and confirming opens a first-run welcome page with the one next step
 * and the three things to do. Screenshots go to the test's output folder.
 */
import { expect, type Page, test } from '@playwright/test';
import { E2E_DATABASE_URL } from '../../playwright.config';
import { expectAccessible } from '../support/axe';
import { runCliSync } from '../support/cli';
import { grantMembership, linkFromEmail, makeAdmin, signUpAndLogIn } from '../support/e2e-members';

test.use({
  extraHTTPHeaders: {
    'X-Forwarded-For': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  },
});

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

async function fitsTheScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const size of SIZES) {
  test(`sign-up, resend and the welcome page on a ${size.name}, JavaScript off`, async ({
    browser,
  }, info) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: size.width, height: size.height },
    });
    const page = await context.newPage();
    const shot = (name: string) =>
      page.screenshot({ path: info.outputPath(`${size.name}-${name}.png`), fullPage: true });
    const address = `e2e-first-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

    await page.goto('/signup');
    await page.getByLabel('Email').fill('not an address');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // A clean address: nothing to resubmit on reload, nothing odd to bookmark.
    await expect(page).toHaveURL(/\/signup$/);
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link')).toHaveText([
      'Tell us what to call you.',
      'Enter an email address like name@example.com.',
      /Use at least 8 characters/,
    ]);
    await expect(page.locator('#field-password-error')).toContainText('Use at least 8 characters');
    await expect(page.getByLabel('Email')).toHaveValue('not an address');
    await fitsTheScreen(page);
    await shot('signup-errors');

    await page.getByLabel('Your name').fill('Robin Ash');
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Password').fill('every promise counts');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/signup\?sent=1$/);
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect(page.getByText(`We sent a message to ${address}`)).toBeVisible();
    await page.getByRole('button', { name: 'Resend the confirmation email' }).click();
    await expect(page).toHaveURL(/\/signup\?sent=1&resent=1$/);
    await expect(page.getByRole('status')).toContainText(`We sent another confirmation email to ${address}`);
    await fitsTheScreen(page);
    await shot('check-email-resent');

    await page.goto(await linkFromEmail(address, 'Confirm'));
    await page.getByRole('button', { name: 'Confirm my email' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome, Robin Ash' })).toBeVisible();
    await expect(page.locator('.next-step')).toHaveCount(1);
    await expect(page.locator('.next-step').getByRole('link', { name: 'Start the lesson' })).toBeVisible();
    for (const heading of [
      'Learn: the course',
      'Measure: the trust assessment',
      'Practise: the promise ledger',
    ])
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await fitsTheScreen(page);
    await shot('welcome');
    await context.close();
  });
}

test('a refused sign-up, back on its clean address, passes axe', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expectAccessible(page);
});

test('a member is told what they have on /redeem, not offered a trial of it, on a phone and a desktop', async ({
  page,
}, info) => {
  const address = await signUpAndLogIn(page, 'Mo Member');
  grantMembership(address);
  const code = `TRY${Date.now().toString(36).toUpperCase()}`;
  runCliSync('codes', ['create', code, '--kind', 'trial', '--days', '14'], {
    DATABASE_URL: E2E_DATABASE_URL,
  });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(`/redeem?code=${code}`);
    await expect(page.getByRole('heading', { name: 'You already have membership' })).toBeVisible();
    await expect(page.locator('main')).toContainText(
      'You have membership given by Trust Academy, with no end date.',
    );
    await expect(page.getByRole('button', { name: `Redeem ${code}` })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Go to the course' })).toBeVisible();
    await fitsTheScreen(page);
    await page.screenshot({ path: info.outputPath(`${size.name}-redeem-member.png`), fullPage: true });
  }
  await expectAccessible(page);
});

test('the audit log says when on the admin’s clock, on a phone and a desktop', async ({ page }, info) => {
  const address = await signUpAndLogIn(page, 'Ari Admin');
  makeAdmin(address);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/admin/audit');
    await expect(page.getByRole('columnheader', { name: 'When', exact: true })).toBeVisible();
    // The one clock format, saying the zone (UTC until the admin chooses theirs).
    await expect(page.locator('.audit-table time').first()).toHaveText(
      /^\w{3}, \d{1,2} \w{3} \d{4}, \d{1,2}(:\d{2})? [ap]m \(UTC\)$/,
    );
    await fitsTheScreen(page);
    await page.screenshot({ path: info.outputPath(`${size.name}-audit.png`), fullPage: true });
  }
});

test('a free learner chooses their time zone on the account page: the browser’s with JavaScript, from the list without', async ({
  page,
  browser,
}, info) => {
  // With JavaScript (the default project, a browser in Los Angeles): the browser's zone is filled in.
  await signUpAndLogIn(page, 'Fran Free');
  const zoned = await browser.newContext({
    timezoneId: 'America/Los_Angeles',
    storageState: await page.context().storageState(),
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'X-Forwarded-For': `198.19.${Math.floor(Math.random() * 250)}.1` },
  });
  const js = await zoned.newPage();
  await js.goto('/account');
  const select = js.getByLabel('Your time zone');
  await expect(select).toHaveValue('America/Los_Angeles');
  await expect(js.locator('[data-zone-note]')).toContainText(
    'America/Los Angeles is your browser’s time zone',
  );
  await fitsTheScreen(js);
  await js.screenshot({ path: info.outputPath('phone-account-zone.png'), fullPage: true });
  await js.getByRole('button', { name: 'Save time zone' }).click();
  await expect(js.getByRole('status')).toContainText('Your time zone is saved');
  await expect(js.locator('.session-list')).toContainText('(America/Los Angeles)');
  // axe runs in the page: here, where scripts may run.
  await expectAccessible(js);
  await zoned.close();

  // Without JavaScript, on a desktop: chosen from the list and saved the same way.
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: { width: 1280, height: 800 },
  });
  const nojs = await plain.newPage();
  await nojs.goto('/account');
  await nojs.getByLabel('Your time zone').selectOption('Europe/Berlin');
  await nojs.getByRole('button', { name: 'Save time zone' }).click();
  await expect(nojs.getByRole('status')).toContainText('Your time zone is saved');
  await expect(nojs.getByLabel('Your time zone')).toHaveValue('Europe/Berlin');
  await expect(nojs.locator('.session-list')).toContainText('(Europe/Berlin)');
  await fitsTheScreen(nojs);
  await plain.close();
});
