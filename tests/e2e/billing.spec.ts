import { expect, type Page, test } from '@playwright/test';
import { FAKE_STRIPE_PORT, STRIPE_APP_PORT, STRIPE_DATABASE_URL } from '../../playwright.config';
import { expectAccessible } from '../support/axe';
import { runCliSync } from '../support/cli';
import { signUpAndLogIn } from '../support/e2e-members';

test.use({ baseURL: `http://127.0.0.1:${STRIPE_APP_PORT}` });

const FAKE = `http://127.0.0.1:${FAKE_STRIPE_PORT}`;
const MEMBER_LESSON = '/lessons/punctuality-and-follow-up';

/** What Stripe does on its own (a trial ending, a period ending), asked of the fake. */
async function stripeDoes(
  page: Page,
  action: 'end-trial' | 'end-period',
  subscriptionId: string,
): Promise<void> {
  const res = await page.request.post(`${FAKE}/__control/subscriptions/${subscriptionId}/${action}`);
  expect(res.ok()).toBe(true);
}

async function latestSubscriptionOf(page: Page, email: string): Promise<string> {
  const state = (await (await page.request.get(`${FAKE}/__control/state`)).json()) as {
    customers: { id: string; email: string }[];
    subscriptions: { id: string; customer: string; created: number }[];
  };
  const customer = state.customers.find((c) => c.email === email);
  const sub = state.subscriptions.filter((s) => s.customer === customer?.id).at(-1);
  if (!sub) throw new Error(`no subscription for ${email}`);
  return sub.id;
}

test('BLOG at the assessment checkout makes it free, and the assessment opens', async ({ page }) => {
  await signUpAndLogIn(page, 'Lena Fischer', '/assessment');
  await page.goto('/assessment');
  await page.getByRole('link', { name: 'Get it on its own' }).click();
  await expect(page.getByRole('heading', { name: 'The trust self-assessment' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('$29');
  await expectAccessible(page);
  await page.getByLabel('Have a code?').fill('blog');
  await page.getByRole('button', { name: 'Apply the code' }).click();
  await expect(page.getByRole('table')).toContainText('Total$0');
  await page.getByRole('button', { name: 'Get it free now' }).click();
  await expect(page.getByRole('status')).toContainText('nothing to pay');
  await page.getByRole('link', { name: 'Take the trust self-assessment' }).click();
  await page.getByRole('link', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible();
});

test('a trial opens member lessons; ending without a card locks them again', async ({ page }) => {
  const email = await signUpAndLogIn(page, 'Tomas Novak', MEMBER_LESSON);
  await page.goto(MEMBER_LESSON);
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toBeVisible();
  await page.getByRole('button', { name: 'Start my free 7-day trial' }).click();
  await expect(page.getByRole('heading', { name: 'Membership, monthly' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Due today$0');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start my free 7-day trial' }).click();
  // Stripe's hosted page (the stand-in): no card needed for the trial.
  await page.getByRole('button', { name: 'Start trial without a card' }).click();
  await expect(page.getByRole('status')).toContainText('your free trial runs until');
  await expectAccessible(page);
  await page.goto(MEMBER_LESSON);
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toHaveCount(0);
  await page.goto('/account/billing');
  await expect(page.getByRole('main')).toContainText('7 days left');
  await expectAccessible(page);

  await stripeDoes(page, 'end-trial', await latestSubscriptionOf(page, email));
  await page.goto(MEMBER_LESSON);
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toBeVisible();
  await page.goto('/account/billing');
  await expect(page.getByRole('main')).toContainText('Ended');
});

test('subscribing with a discount code shows the plan; cancelling in the portal keeps access to period end', async ({
  page,
}) => {
  const code = `E2E${Date.now() % 1_000_000}`;
  runCliSync('codes', ['create', code, '--kind', 'discount', '--percent', '25', '--duration', 'forever'], {
    DATABASE_URL: STRIPE_DATABASE_URL,
  });
  const email = await signUpAndLogIn(page, 'Ama Owusu', '/pricing');
  await page.goto('/pricing');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Start my free 7-day trial' }).nth(1).click();
  await expect(page.getByRole('heading', { name: 'Membership, yearly' })).toBeVisible();
  await page.getByLabel('Have a code?').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Apply the code' }).click();
  await expect(page.getByRole('table')).toContainText('−$47.50');
  await page.getByRole('button', { name: 'Start my free 7-day trial' }).click();
  await expect(page.getByText('Promotion code applied.')).toBeVisible();
  await page.getByRole('button', { name: 'Pay with test card 4242' }).click();
  await expect(page.getByRole('status')).toContainText('You are a member');

  const subscription = await latestSubscriptionOf(page, email);
  await stripeDoes(page, 'end-trial', subscription);
  await page.goto('/account/billing');
  const main = page.getByRole('main');
  await expect(main).toContainText('Membership, yearly · $190 a year');
  await expect(main).toContainText('Active');
  await expect(main).toContainText(code);

  await page.getByRole('button', { name: 'Manage billing: card, cancel, invoices' }).click();
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(page).toHaveURL(/\/account\/billing$/);
  await expect(main).toContainText('Cancelled — open until');
  await page.goto(MEMBER_LESSON);
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toHaveCount(0);

  await stripeDoes(page, 'end-period', subscription);
  await page.goto(MEMBER_LESSON);
  await expect(page.getByRole('heading', { name: 'This lesson is for members' })).toBeVisible();
});
