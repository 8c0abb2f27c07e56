import { expect, type Page, test } from '@playwright/test';
import Sqlite from 'libsql';
import { E2E_DATABASE_URL } from '../../playwright.config';
import { bestReply } from '../../src/lib/conversations/engine';
import { expectAccessible } from '../support/axe';
import { grantMembership, linkFromEmail, makeAdmin, signUpAndLogIn } from '../support/e2e-members';
import { conversation } from '../support/e2e-practice';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.11.${Math.floor(Math.random() * 250)}` } });

const PHONE = { width: 390, height: 844 };
const PRACTICE = 'the-inherited-promise';

/** Makes every booster of a learner due an hour ago, so /review asks one. */
function makeBoostersDue(address: string): void {
  const database = new Sqlite(E2E_DATABASE_URL.slice('file:'.length), { timeout: 5000 });
  database
    .prepare('UPDATE booster_cards SET due = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)')
    .run([Date.now() - 3_600_000, address]);
  database.close();
}

/** The page is no wider than the screen: nothing makes a phone scroll sideways. */
async function expectNoSidewaysScroll(page: Page, path: string): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    document.scrollingElement?.clientWidth ?? 0,
  ]);
  expect(scrollWidth, `${path} is ${scrollWidth}px wide on a ${clientWidth}px screen`).toBeLessThanOrEqual(
    clientWidth,
  );
}

// With SCREENSHOTS_DIR set, the walk below also saves every page type at both sizes (`name-phone.png`,
// `name-desktop.png`), for people to look at; the test asserts the same either way.
const SCREENSHOTS_DIR = process.env['SCREENSHOTS_DIR'];
const DESKTOP = { width: 1280, height: 800 };

/** Opens `path` (or checks the page already there) on a phone, and checks it fits. */
async function visit(page: Page, name: string, path?: string): Promise<void> {
  if (path) await page.goto(path);
  const where = path ?? new URL(page.url()).pathname;
  await expectNoSidewaysScroll(page, where);
  if (SCREENSHOTS_DIR) {
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-desktop.png`, fullPage: true });
    await page.setViewportSize(PHONE);
  }
}

/** The id in the first link on the page whose address matches `pattern` (its first group). */
async function idFromLink(page: Page, pattern: RegExp): Promise<string> {
  for (const href of await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
    const match = href?.match(pattern);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no link like ${pattern} on ${page.url()}`);
}

test('no page type scrolls sideways on a phone, for a visitor, a member and an admin', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  // Every page of src/pages a visitor can open, including the ones that say a link is not valid.
  const visitorPages: [string, string][] = [
    ['home', '/'],
    ['course', '/lessons'],
    ['lesson-free', '/lessons/small-certain-promises'],
    ['lesson-paywall', '/lessons/owning-a-miss'],
    ['assessment-intro', '/assessment'],
    ['assessment-scoring', '/assessment/how-scoring-works'],
    ['pricing', '/pricing'],
    ['login', '/login'],
    ['signup', '/signup'],
    ['forgot-password', '/forgot-password'],
    ['reset-password', '/reset-password'],
    ['verify-email', '/verify-email'],
    ['confirm-email', '/confirm-email'],
    ['sources', '/sources'],
    ['search', '/search?q=promise'],
    ['practice', '/practice'],
    ['practice-conversation', `/practice/${PRACTICE}`],
    ['not-found', '/no-such-page'],
    ['certificate-unknown', '/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['shared-profile-unknown', '/assessment/shared/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['account-deleted', '/account/deleted'],
  ];
  for (const [name, path] of visitorPages) await visit(page, name, path);

  const address = await signUpAndLogIn(page, 'Priya Raman');
  grantMembership(address);
  makeAdmin(address);
  for (const [name, path] of [
    ['home-member', '/'],
    ['dashboard', '/dashboard'],
    ['lesson-member', '/lessons/owning-a-miss'],
    ['account', '/account'],
    ['certificates', '/certificates'],
    ['pricing-member', '/pricing'],
    ['billing', '/account/billing'],
    ['redeem', '/redeem'],
    ['checkout', '/checkout/yearly'],
    ['checkout-success', '/checkout/success'],
    ['quiz', '/lessons/small-certain-promises/quiz'],
  ] as [string, string][])
    await visit(page, name, path);

  // A quiz result: the first option of every question (a radio or a box to tick).
  for (const group of await page.locator('fieldset.question').all())
    await group.locator('input').first().check();
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await page.waitForURL(/\/quiz\/[^/]+$/);
  await visit(page, 'quiz-result');

  // Conversation practice: a turn, then a run that misses the first turn's best reply, to its debrief.
  await visit(page, 'practice-member', '/practice');
  await page.goto(`/practice/${PRACTICE}`);
  await page.getByRole('button', { name: 'Start the conversation' }).click();
  await expect(page.getByRole('button', { name: 'Say it' })).toBeVisible();
  await visit(page, 'practice-turn');
  const talk = conversation(PRACTICE);
  const debrief = page.getByRole('heading', { level: 1, name: /^Debrief: / });
  for (let i = 0; i < 10 && !(await debrief.isVisible()); i++) {
    const turnId = await page.locator('input[name="turn"]').inputValue();
    const turn = talk.turns[turnId];
    if (!turn) throw new Error(`no turn ${turnId}`);
    const best = bestReply(turn).id;
    const reply = turnId === talk.start ? (turn.replies.find((r) => r.id !== best)?.id ?? best) : best;
    await page.locator(`input[name="reply"][value="${reply}"]`).check();
    await page.getByRole('button', { name: 'Say it' }).click();
    await expect(page.getByRole('button', { name: 'Say it' }).or(debrief)).toBeVisible();
  }
  await visit(page, 'practice-debrief');

  // Boosters: the missed turn, asked on /review, its answer, and the settings.
  makeBoostersDue(address);
  await visit(page, 'review', '/review');
  await page.locator('input[name="answer"]').first().check();
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await page.waitForURL(/\/review\/answers\/[^/]+$/);
  await visit(page, 'review-answer');
  await visit(page, 'review-settings', '/review/settings');

  // The customer survey: its page and the invitation form.
  await visit(page, 'survey', '/survey');
  await visit(page, 'survey-invite', '/survey/invite');
  await expect(page).toHaveURL(/\/survey\/invite$/);
  // What a customer sees from the invitation: the survey in its own minimal layout.
  const invited = `design-${Date.now()}@harbour.example`;
  await page.getByLabel('Email addresses').fill(invited);
  await page.getByLabel(/We email them/).check();
  await page.getByRole('button', { name: 'Send the invitations' }).click();
  await expect(page.getByRole('status')).toContainText('on its way');
  const outsider = await browser.newContext({ viewport: PHONE });
  await visit(
    await outsider.newPage(),
    'survey-answer',
    await linkFromEmail(invited, 'Priya Raman would like your honest view'),
  );
  await outsider.close();

  // A team's reports, with the manager alone in it (the table with reps is in teams.spec.ts).
  await page.goto('/teams');
  await page.getByLabel('Team name').fill('Harbour sales');
  await page.getByRole('button', { name: 'Create the team' }).click();
  await expect(page.getByRole('heading', { name: 'Harbour sales' })).toBeVisible();
  const team = new URL(page.url()).pathname;
  await visit(page, 'team', team);
  await visit(page, 'team-reports', `${team}/reports`);
  await visit(page, 'team-quizzes', `${team}/reports/quizzes`);

  // The assessment: its pages, the review, the result and its share link.
  await page.goto('/assessment/1');
  await visit(page, 'assessment-page');
  for (let step = 1; step <= 6; step++) {
    for (const group of await page.locator('fieldset.question').all()) {
      await group.locator('ul.agreement input[type=radio]').nth(3).check();
    }
    await page.getByRole('button', { name: step === 6 ? 'Review my answers' : 'Save and continue' }).click();
  }
  await visit(page, 'assessment-review');
  await page.getByRole('button', { name: 'Submit and see my profile' }).click();
  await expect(page.getByRole('heading', { name: 'Your trust profile' })).toBeVisible();
  await page.getByRole('button', { name: 'Create a share link' }).click();
  await visit(page, 'assessment-result');
  const shared = await page.getByLabel('Your share link').inputValue();
  await visit(page, 'assessment-shared', new URL(shared).pathname);

  // The ledger: a customer, a promise, and every page about them.
  for (const [name, path] of [
    ['ledger', '/ledger'],
    ['ledger-customers', '/ledger/customers'],
    ['ledger-import', '/ledger/import'],
    ['ledger-settings', '/ledger/settings'],
    ['ledger-new-promise', '/ledger/promises/new'],
  ] as [string, string][])
    await visit(page, name, path);
  await page.goto('/ledger/customers');
  await page.getByLabel('Name').fill('Vera Vance, Northwind Logistics Procurement');
  await page.getByRole('button', { name: 'Add the customer' }).click();
  await expect(page.getByTestId('balance')).toBeVisible();
  await page
    .getByLabel('What you promised')
    .fill('Send the revised delivery schedule with the new pallet counts');
  await page.getByRole('button', { name: 'Save the promise' }).click();
  await expect(page.getByRole('status')).toContainText('Promise saved');
  await visit(page, 'ledger-customer');
  const customer = new URL(page.url()).pathname;
  await visit(page, 'ledger-customer-edit', `${customer}/edit`);
  await page.goto(customer);
  const promise = await idFromLink(page, /\/ledger\/promises\/([^/]+)\/renegotiate/);
  await visit(page, 'ledger-renegotiate', `/ledger/promises/${promise}/renegotiate`);
  await visit(page, 'ledger-outcome', `/ledger/promises/${promise}/outcome`);
  await page.goto(customer);
  await page
    .getByRole('region', { name: 'Next open promise' })
    .getByRole('button', { name: 'Kept', exact: true })
    .click();
  await visit(page, 'ledger-undo', `/ledger/promises/${promise}/undo`);
  await visit(page, 'ledger-correct', `/ledger/promises/${promise}/correct`);
  await visit(page, 'ledger-today', '/ledger');
  // The calendar link, shown once in a field with its Copy button: long, and still no sideways scroll.
  await page.goto('/ledger/settings');
  await page.getByRole('button', { name: 'Create a calendar link' }).click();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await visit(page, 'ledger-settings-feed');

  // The admin pages.
  for (const [name, path] of [
    ['admin', '/admin'],
    ['admin-codes', '/admin/codes'],
    ['admin-learners', '/admin/learners'],
    ['admin-analytics', '/admin/analytics'],
    ['admin-analytics-assessment', '/admin/analytics/assessment'],
    ['admin-surveys', '/admin/surveys'],
    ['admin-boosters', '/admin/boosters'],
    ['admin-audit', '/admin/audit'],
  ] as [string, string][])
    await visit(page, name, path);
  await page.goto(`/admin/learners?q=${encodeURIComponent(address)}`);
  const learner = await idFromLink(page, /\/admin\/learners\/([^/?.]+)$/);
  await visit(page, 'admin-learner', `/admin/learners/${learner}`);
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
  await expect(page.getByText('Blog readers take the assessment free')).toBeVisible();
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
