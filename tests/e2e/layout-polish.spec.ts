/**
 * Layouts from the third design review (issue 18): the lesson's contents on a phone, tables that fit a
 * phone, form boxes in the site's style, quiz options as cards, and the customer's survey page.
 */
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { grantMembership, linkFromEmail, makeAdmin, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.14.${Math.floor(Math.random() * 250)}` } });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const LESSON = '/lessons/small-certain-promises';

/** Neither the page nor any element in it is wider than it lets a reader see without scrolling sideways. */
async function expectFits(page: Page, selector: string): Promise<void> {
  const overflowing = await page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.className),
    );
  expect(overflowing, `${selector} scrolls sideways`).toEqual([]);
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    document.scrollingElement?.clientWidth ?? 0,
  ]);
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

test('on a phone a lesson’s contents come before its body, closed, and open without JavaScript', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LESSON);
  const disclosure = page.locator('details.toc-collapsed');
  const summary = disclosure.locator('summary');
  await expect(summary).toHaveText('On this page');
  await expect(disclosure).not.toHaveAttribute('open');
  // Before the body: its top is above the body's top. The sidebar's copy is not shown on a phone.
  const contentsTop = (await summary.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
  const bodyTop = (await page.locator('#lesson-body').boundingBox())?.y ?? 0;
  expect(contentsTop).toBeLessThan(bodyTop);
  await expect(page.locator('nav.toc-sidebar')).toBeHidden();
  const nav = page.getByRole('navigation', { name: 'On this page' });
  await expect(nav).toBeHidden();
  await summary.click();
  await expect(nav).toBeVisible();
  const first = nav.getByRole('link').first();
  const target = (await first.getAttribute('href')) ?? '';
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect(page.locator('script')).toHaveCount(0);
  await context.close();

  // With JavaScript (for axe), on both sizes: the phone's disclosure, the desktop's sidebar.
  const look = await browser.newContext({ viewport: PHONE });
  const viewer = await look.newPage();
  await viewer.goto(LESSON);
  await expectAccessible(viewer);
  await viewer.setViewportSize(DESKTOP);
  await expect(viewer.locator('details.toc-collapsed')).toBeHidden();
  await expect(viewer.getByRole('navigation', { name: 'On this page' })).toBeVisible();
  await expect(viewer.locator('nav.toc-sidebar')).toBeVisible();
  await expectAccessible(viewer);
  await look.close();
});

test('quiz options are cards: the whole card picks the answer, shows it chosen and shows the keyboard’s focus', async ({
  page,
}) => {
  await signUpAndLogIn(page, 'Quinn Okafor');
  await page.goto(`${LESSON}/quiz`);
  const question = page.locator('fieldset.question').first();
  // The question is still a group named by its legend, its options radios (or boxes) with labels.
  await expect(page.getByRole('group', { name: /^Question 1\b/ })).toBeVisible();
  const option = question.locator('.options label').nth(1);
  const input = option.locator('input');
  const look = () =>
    option.evaluate((label) => {
      const style = getComputedStyle(label);
      const box = label.getBoundingClientRect();
      return {
        border: style.borderTopWidth,
        background: style.backgroundColor,
        outline: style.outlineStyle,
        height: box.height,
      };
    });
  const before = await look();
  expect(Number.parseFloat(before.border)).toBeGreaterThan(0);
  expect(before.height).toBeGreaterThanOrEqual(44);
  // A click on the card's text, away from the radio, chooses it; the card then looks chosen.
  const box = await option.boundingBox();
  await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) - 12, (box?.y ?? 0) + (box?.height ?? 0) / 2);
  await expect(input).toBeChecked();
  const chosen = await look();
  expect(chosen.background).not.toBe(before.background);
  // From the keyboard: the focused option's card is ringed.
  await input.focus();
  await page.keyboard.press('ArrowDown');
  const next = question.locator('.options label').nth(2);
  await expect(next.locator('input')).toBeFocused();
  expect(await next.evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('solid');
  await expectAccessible(page);
  await page.setViewportSize(PHONE);
  await expectFits(page, '.quiz-form');
});

test('an admin’s codes fit a phone, one card per code; the code forms use the site’s form boxes', async ({
  page,
}) => {
  const address = await signUpAndLogIn(page, 'Ada Admin');
  makeAdmin(address);
  await page.goto('/admin/codes');
  // The kind of code, chosen on a card; radios keep their size (no width: 100%).
  const radio = page.getByRole('radio', { name: 'Discount on membership' });
  expect((await radio.boundingBox())?.width ?? 0).toBeLessThan(30);
  await radio.check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const code = page.getByLabel('Percent off');
  expect(await code.evaluate((i) => getComputedStyle(i).borderTopWidth)).toBe('2px');
  const group = page.getByRole('group', { name: 'How much off (fill in one)' });
  expect(await group.evaluate((f) => getComputedStyle(f).borderTopStyle)).toBe('solid');
  await page.goto('/admin/codes');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code', { exact: true }).fill(`PHONE${Date.now() % 1_000_000}`);
  await page.getByRole('button', { name: 'Create the code' }).click();
  await expect(page.getByRole('status')).toBeVisible();

  await page.setViewportSize(PHONE);
  await page.goto('/admin/codes');
  await expectFits(page, '.table-scroll');
  // The header row is out of sight: each line of a card names its column.
  await expect(page.locator('.codes-table thead')).toHaveCSS('position', 'absolute');
  const row = page.getByRole('row', { name: /PHONE/ });
  await expect(row).toBeVisible();
  const width = (await row.boundingBox())?.width ?? 0;
  expect(width).toBeLessThanOrEqual(PHONE.width);
  expect(
    await row
      .locator('td[data-label="Remaining"]')
      .evaluate((td) => getComputedStyle(td, '::before').content),
  ).toBe('"Remaining"');
  await expectAccessible(page);
});

test('a customer’s survey page has no site navigation, and its anonymity note after the questions', async ({
  page,
  browser,
}) => {
  const address = await signUpAndLogIn(page, 'Priya Raman');
  grantMembership(address);
  await page.goto('/survey/invite');
  // The invitation form's choices in the site's boxes, radios and boxes at their own size.
  const delivery = page.getByRole('group', { name: 'How should they get it?' });
  expect(await delivery.evaluate((f) => getComputedStyle(f).borderTopStyle)).toBe('solid');
  expect((await delivery.getByRole('radio').first().boundingBox())?.width ?? 0).toBeLessThan(30);
  const customer = `buyer-${Date.now()}@harbour.example`;
  await page.getByLabel('Email addresses').fill(customer);
  await page.getByLabel(/We email them/).check();
  await page.getByRole('button', { name: 'Send the invitations' }).click();
  await expect(page.getByRole('status')).toContainText('on its way');
  const link = await linkFromEmail(customer, 'Priya Raman would like your honest view');

  const phone = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const c = await phone.newPage();
  await c.goto(link);
  await expect(c.getByRole('heading', { name: 'How much do you trust Priya Raman?' })).toBeVisible();
  // The brand and whose request it is; none of the learner's navigation.
  await expect(c.getByRole('banner')).toContainText('A trust survey for Priya Raman');
  await expect(c.getByRole('navigation')).toHaveCount(0);
  await expect(c.getByRole('link', { name: 'Pricing' })).toHaveCount(0);
  // The questions first; the one-line summary by the send button; the whole note after the form.
  const lastQuestion = (await c.locator('fieldset.question').last().boundingBox())?.y ?? 0;
  const note = c.getByRole('heading', { name: 'How your answers stay anonymous' });
  expect((await note.boundingBox())?.y ?? 0).toBeGreaterThan(lastQuestion);
  await expect(c.getByText('Your answers are anonymous.')).toBeVisible();
  await expectFits(c, '.survey-page');
  await phone.close();

  const look = await browser.newContext({ viewport: PHONE });
  const viewer = await look.newPage();
  await viewer.goto(link);
  await expectAccessible(viewer);
  await look.close();
});
