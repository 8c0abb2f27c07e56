/** Conversation practice in the browser, without JavaScript, on a desktop and on a phone. */
import { expect, test } from '@playwright/test';
import { bestPath } from '../../src/lib/conversations/engine';
import { signUpAndLogIn } from '../support/e2e-members';
import { checkWithScripts, conversation } from '../support/e2e-practice';

let client = Math.floor(Math.random() * 200);
test.beforeEach(async ({ page }) => {
  client += 1;
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `198.18.7.${client % 250}` });
});

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SLUG = 'the-inherited-promise';
const c = conversation(SLUG);
const best = bestPath(c);

for (const size of SIZES) {
  test.describe(`${size.name}, JavaScript off`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, javaScriptEnabled: false });

    test('a learner plays a conversation to the end and reads the debrief', async ({ page, browser }) => {
      await signUpAndLogIn(page, 'Noor Haddad');
      await page.goto('/practice');
      await expect(page.getByRole('heading', { level: 1, name: 'Conversation practice' })).toBeVisible();
      await checkWithScripts(page, browser);
      await page.getByRole('link', { name: c.title }).click();
      await expect(page.getByRole('heading', { level: 1, name: c.title })).toBeVisible();
      await page.getByRole('button', { name: 'Start the conversation' }).click();

      // The first turn: the customer's line, the replies, the meter; nothing chosen yet.
      const first = c.turns[c.start];
      if (!first) throw new Error('no first turn');
      await expect(page.locator('#customer-line')).toContainText(first.customer.slice(0, 40));
      await expect(page.getByRole('radio')).toHaveCount(first.replies.length);
      await expect(page.locator('meter')).toHaveAttribute('value', String(c.startTrust));
      await checkWithScripts(page, browser);

      // A worse reply first, to see the meter move down and the branch follow it.
      const worst = first.replies.reduce((w, r) => (r.trust < w.trust ? r : w));
      await page.locator(`input[name="reply"][value="${worst.id}"]`).check();
      await page.getByRole('button', { name: 'Say it' }).click();
      await expect(page.locator('.trust-meter')).toContainText(`${c.startTrust + worst.trust} of 100`);
      await expect(page.locator('.exchange')).toContainText(worst.customer);

      // Then the best reply at every turn to the end.
      for (let i = 0; i < 10; i++) {
        const debrief = page.getByRole('heading', { level: 1, name: `Debrief: ${c.title}` });
        if (await debrief.isVisible()) break;
        const turnId = await page.locator('input[name="turn"]').inputValue();
        const turn = c.turns[turnId];
        if (!turn) throw new Error(`no turn ${turnId}`);
        const reply = turn.replies.reduce((b, r) => (r.trust > b.trust ? r : b));
        await page.getByRole('radio', { name: reply.text.replace(/\s+/g, ' ').slice(0, 30) }).check();
        await page.getByRole('button', { name: 'Say it' }).click();
      }

      // The debrief: the ending, the score, each turn with why, and the best reply where it was missed.
      await expect(page.getByRole('heading', { level: 1, name: `Debrief: ${c.title}` })).toBeVisible();
      const turns = page.locator('.debrief-turn');
      await expect(turns).toHaveCount(best.steps.length);
      await expect(turns.first()).toContainText('Not the best reply.');
      await expect(turns.first()).toContainText('The best reply:');
      await expect(turns.first()).toContainText(worst.feedback.replace(/\s+/g, ' ').slice(0, 60));
      await expect(turns.nth(1)).toContainText('The best reply.');
      await expect(
        page.getByRole('heading', { name: /^Score \d+ · (passed|not passed yet)$/ }),
      ).toBeVisible();
      await expect(page.locator('main')).toContainText(
        `You chose the best reply in ${best.steps.length - 1} of ${best.steps.length} turns`,
      );
      await checkWithScripts(page, browser);

      // Each turn links to the lesson section it practises.
      const link = turns.first().getByRole('link');
      await expect(link).toHaveAttribute('href', `/lessons/${first.lesson}#${first.section}`);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/lessons/${first.lesson}#${first.section}$`));

      // Every run is kept; the practice page shows the best.
      await page.goto(`/practice/${SLUG}`);
      await expect(page.getByRole('region', { name: 'Your runs' })).toContainText('Best score:');
      await expect(page.getByRole('button', { name: 'Play again' })).toBeVisible();
    });
  });
}
