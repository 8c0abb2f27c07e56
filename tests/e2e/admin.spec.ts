import { expect, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { makeAdmin, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250)}` } });

test('an admin creates a code, a learner redeems it, and the admin sees it and grants a month', async ({
  page,
  browser,
}) => {
  // Two sign-ups, the admin command and an axe check on every admin page: a long journey.
  const code = `E2E-${Date.now() % 1_000_000}`;
  const adminAddress = await signUpAndLogIn(page, 'Ada Admin');
  makeAdmin(adminAddress);

  await page.goto('/lessons');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Admin', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Codes' }).click();
  await expectAccessible(page);
  // The form asks for the kind first, then shows that kind's fields only.
  await expect(page.getByLabel('Code', { exact: true })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Membership trial' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Not for people who already had a trial.')).toBeVisible();
  await expect(page.getByLabel('Percent off')).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByLabel('Trial days').fill('10');
  await page.getByLabel('Maximum redemptions (optional)').fill('5');
  await page.getByRole('button', { name: 'Create the code' }).click();
  await expect(page.getByRole('status')).toHaveText(`Created ${code}.`);
  await expectAccessible(page);

  const learnerContext = await browser.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 250)}` },
  });
  const learner = await learnerContext.newPage();
  const learnerAddress = await signUpAndLogIn(learner, 'Lee Learner');
  await learner.goto(`/redeem?code=${code.toLowerCase()}`);
  await learner.getByRole('button', { name: `Redeem ${code}` }).click();
  await expect(learner.getByRole('status')).toContainText('You have membership until');
  await expect(learner.getByRole('status')).toContainText('10 days of membership, free');

  await page.goto('/admin/codes');
  const row = page.getByRole('row', { name: new RegExp(code) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');
  await expect(row).toContainText('4');

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Learners' }).click();
  await page.getByLabel('Email or name').fill(learnerAddress);
  await page.getByRole('button', { name: 'Search' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Lee Learner' }).click();
  await expect(page.getByText(/On a free trial until/)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: code })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Days (empty: until revoked)').fill('30');
  await page.getByLabel('Reason for the grant').fill('Welcome month');
  await page.getByRole('button', { name: 'Grant membership' }).click();
  await expect(page.getByRole('status')).toContainText('Membership granted.');
  await expect(page.getByText(/^Member until/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'Welcome month' })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('link', { name: 'Course analytics' })
    .click();
  await expect(page.getByRole('heading', { name: 'Funnel by sign-up week' })).toBeVisible();
  await expectAccessible(page);

  // The learner is a member on their very next request, and sees no admin link.
  await learner.goto('/account/billing');
  await expect(learner.getByText('Member', { exact: true })).toBeVisible();
  await expect(learner.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await learnerContext.close();
});

test('on a phone the admin pages fit and their forms work', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const address = await signUpAndLogIn(page, 'Pat Phone');
  makeAdmin(address);
  await page.goto('/admin/codes');
  await expectAccessible(page);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
      .map((e) => `${e.tagName}.${e.className}`),
  );
  expect(wide).toEqual([]);
  // Nothing (not even visually hidden text in a wide table) makes the page itself scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole('radio', { name: 'Discount on membership' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Amount off (USD)')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Code', { exact: true }).fill('X');
  await page.getByRole('button', { name: 'Create the code' }).click();
  await expect(page.getByRole('alert')).toContainText("can't be a code");
  await expect(page.getByLabel('Code', { exact: true })).toHaveValue('X');
  await expect(page.getByLabel('Amount off (USD)')).toBeVisible();
});
