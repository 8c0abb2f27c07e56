import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { grantMembership, linkFromEmail, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.9.${Math.floor(Math.random() * 250)}` } });

/**
 * Takes the self-assessment through its pages, answering the fourth choice of every question ("Agree"
 * or "Often"), whatever the pages are: the assessment's own journey is tested in assessment.spec.ts.
 */
async function takeSelfAssessment(page: Page): Promise<void> {
  await page.goto('/assessment');
  await page
    .getByRole('link', { name: /^Start/ })
    .first()
    .click();
  for (let step = 0; step < 20 && !/\/assessment\/results\//.test(page.url()); step++) {
    const groups = await page
      .locator('main input[type=radio]')
      .evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
    for (const name of groups) await page.locator(`main input[type=radio][name="${name}"]`).nth(3).check();
    const before = page.url();
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForURL((url) => url.href !== before);
  }
  await expect(page).toHaveURL(/\/assessment\/results\//);
}

test('a member invites three customers, who answer on a phone without JavaScript; the member sees the gap report and its PDF', async ({
  page,
  browser,
}) => {
  const address = await signUpAndLogIn(page, 'Priya Raman', '/survey');
  grantMembership(address);
  await takeSelfAssessment(page);

  await page.goto('/dashboard');
  await page.getByRole('link', { name: 'Open the customer trust survey' }).click();
  await expect(page.getByRole('heading', { name: 'No customers invited yet' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Invite your first customers' }).click();
  await expect(page.getByRole('heading', { name: 'Invite customers', level: 1 })).toBeVisible();
  await expectAccessible(page);
  const stamp = Date.now();
  const customers = [1, 2, 3].map((n) => `buyer${n}-${stamp}@harbour-logistics.example`);
  await page.getByLabel('Email addresses').fill(customers.join('\n'));
  await page.getByLabel(/We email them/).check();
  await page.getByRole('button', { name: 'Send the invitations' }).click();
  await expect(page.getByRole('status')).toContainText('Your 3 invitations are on their way');
  await expect(page.getByRole('heading', { name: 'Your report appears when a round closes' })).toBeVisible();
  await expectAccessible(page);

  // Each customer opens the emailed link on a phone with JavaScript off, and answers.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled: false,
  });
  const answers = ['Disagree', 'Strongly disagree', 'Disagree'];
  for (const [i, customer] of customers.entries()) {
    const link = await linkFromEmail(customer, 'Priya Raman would like your honest view');
    const c = await phone.newPage();
    await c.goto(link);
    await expect(c.getByRole('heading', { name: 'How much do you trust Priya Raman?' })).toBeVisible();
    await expect(c.getByRole('heading', { name: 'How your answers stay anonymous' })).toBeVisible();
    if (i === 0) {
      // axe needs JavaScript: the same page, looked at (not answered) in a phone context that has it.
      const look = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const viewer = await look.newPage();
      await viewer.goto(link);
      await expect(viewer.getByRole('button', { name: 'Send my answers' })).toBeVisible();
      await expectAccessible(viewer);
      await look.close();
    }
    await c.getByRole('group', { name: 'Overall, how much do you trust them?' }).getByLabel('A lot').check();
    if (i === 0) {
      // On a phone the scale is one column, in order: each answer sits below the one before it.
      const boxes = await c
        .locator('ul.statement')
        .first()
        .locator('li')
        .evaluateAll((items) =>
          items
            .map((li) => li.getBoundingClientRect())
            .map((r) => ({ top: r.top, bottom: r.bottom, left: r.left })),
        );
      expect(boxes.length).toBe(6);
      for (let k = 1; k < boxes.length; k++) {
        expect(boxes[k]?.top ?? 0).toBeGreaterThanOrEqual((boxes[k - 1]?.bottom ?? 0) - 1);
        expect(boxes[k]?.left).toBe(boxes[0]?.left);
      }
    }
    for (const group of await c.locator('fieldset.question').all()) {
      if (((await group.locator('legend').textContent()) ?? '').trim().startsWith('Overall')) continue;
      await group.getByLabel(answers[i] as string, { exact: true }).check();
    }
    await c
      .getByLabel(/Anything you’d like Priya Raman to know/)
      .fill(`Customer note ${i + 1}: keep the weekly call.`);
    await c.getByRole('button', { name: 'Send my answers' }).click();
    await expect(c.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    // The same link again says it was answered.
    await c.goto(link);
    await expect(c.getByRole('heading', { name: 'This survey was already answered' })).toBeVisible();
    await c.close();
  }
  await phone.close();

  await page.goto('/survey');
  await expect(page.getByRole('heading', { name: 'Your rating and your customers’' })).toBeVisible();
  const table = page.getByRole('table', { name: /your self-rating, the customers’ rating, and the gap/ });
  await expect(table.getByRole('row', { name: /Dependability/ })).toContainText('Blind spot');
  for (const n of [1, 2, 3])
    await expect(page.getByText(`Customer note ${n}: keep the weekly call.`)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What to work on next' })).toBeVisible();
  await expect(page.getByText('closed: every link was used')).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the PDF report' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^customer-trust-report-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = await readFile((await file.path()) as string);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});
