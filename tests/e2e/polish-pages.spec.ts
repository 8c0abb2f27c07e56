/**
 * Pages the design review found lopsided or bare, at both sizes: the checkout (the order beside what
 * the plan gives), the team page's assignment progress (bars split by status, a legend, no table to
 * scroll), and the admin overview (figures against the period before, the funnel). With SCREENSHOTS_DIR
 * set, each is saved at 1280×800 and 390×844 for people to look at.
 */
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { makeAdmin, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.12.${Math.floor(Math.random() * 250)}` } });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SCREENSHOTS_DIR = process.env['SCREENSHOTS_DIR'];

/** Checks the page at both sizes: nothing scrolls sideways on the phone; saves screenshots when asked. */
async function atBothSizes(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.scrollingElement?.scrollWidth ?? 0,
      document.scrollingElement?.clientWidth ?? 0,
    ]);
    expect(scrollWidth, `${name} scrolls sideways at ${viewport.width}px`).toBeLessThanOrEqual(clientWidth);
    if (SCREENSHOTS_DIR)
      await page.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

test('the checkout puts the order beside what the plan gives, and stacks them on a phone', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await signUpAndLogIn(page, 'Chloe Checkout', '/checkout/monthly');
  const order = page.getByRole('region', { name: 'Order summary' });
  const includes = page.getByRole('complementary', { name: 'What you get' });
  await expect(order).toBeVisible();
  await expect(includes).toContainText('All 30 lessons');
  // Side by side on a wide screen, tops aligned; one above the other on a phone.
  const [o, i] = [await order.boundingBox(), await includes.boundingBox()];
  expect(i?.x ?? 0).toBeGreaterThan((o?.x ?? 0) + (o?.width ?? 0) - 1);
  expect(Math.abs((i?.y ?? 0) - (o?.y ?? 0))).toBeLessThan(2);
  await expectAccessible(page);
  await atBothSizes(page, 'checkout');
  await page.setViewportSize(PHONE);
  const [po, pi] = [await order.boundingBox(), await includes.boundingBox()];
  expect(pi?.y ?? 0).toBeGreaterThan((po?.y ?? 0) + (po?.height ?? 0));
});

test('the team page shows each assignment’s progress by status with a legend, and fits a phone', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await signUpAndLogIn(page, 'Tomas Teamlead', '/teams');
  await page.getByLabel('Team name').fill('Harbour sales');
  await page.getByRole('button', { name: 'Create the team' }).click();
  await expect(page.getByRole('heading', { name: 'Harbour sales' })).toBeVisible();
  // Nothing assigned yet: the empty state says what will appear and how.
  await expect(page.getByText('Nothing assigned yet.')).toBeVisible();
  await page.getByLabel('Assign', { exact: true }).selectOption({ label: 'Module: Foundations' });
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Due by the end of').fill(due);
  await page.getByRole('button', { name: 'Assign to the team’s reps' }).click();
  await expect(page.getByRole('status')).toContainText('The training is assigned');
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Module: Foundations' }) });
  await expect(card).toContainText('No reps to do it yet');
  await expect(page.getByText('No reps in the team yet')).toBeVisible();
  const legend = page.getByRole('list', { name: 'What the colours mean' });
  for (const label of ['Done', 'In progress', 'Not started', 'Overdue'])
    await expect(legend).toContainText(label);
  await expectAccessible(page);
  await atBothSizes(page, 'team');
});

test('the admin overview sets each figure against the period before and shows the funnel', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const address = await signUpAndLogIn(page, 'Ada Overview');
  makeAdmin(address);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'At a glance' })).toBeVisible();
  await expect(page.locator('.figure-change').first()).toHaveText(
    /^(no change|[+\u2212]\d[\d,]*) compared with the 7 days before/,
  );
  await expect(page.locator('main')).not.toContainText(/(^|\s)-\d/);
  const funnel = page.getByRole('region', { name: 'The funnel' });
  for (const step of ['Signed up', 'Took the assessment', 'Started a trial', 'Paid'])
    await expect(funnel).toContainText(step);
  await expectAccessible(page);
  await atBothSizes(page, 'admin-overview');
});
