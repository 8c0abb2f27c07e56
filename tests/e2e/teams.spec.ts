import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { quizSchema } from '../../src/lib/quiz/schema';
import { expectAccessible } from '../support/axe';
import { E2E_PASSWORD, linkFromEmail, signUpAndLogIn } from '../support/e2e-members';
import { readQuizFiles } from '../support/quizzes';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.1.${Math.floor(Math.random() * 250)}` } });

const LESSON = 'trust-is-expectations-met';
const quiz = quizSchema.parse(readQuizFiles().find((f) => f.slug === LESSON)?.data);

/** Ticks the quiz's right answers, or for `wrongFirst` a wrong option of its first question. */
async function answerQuiz(page: Page, wrongFirst: boolean): Promise<void> {
  for (const [i, q] of quiz.questions.entries()) {
    const group = page.locator(`#question-${q.id}`);
    const picks =
      wrongFirst && i === 0
        ? q.options.filter((o) => !o.correct).slice(0, 1)
        : q.options.filter((o) => o.correct);
    for (const o of picks) await group.locator(`input[value="${o.id}"]`).check();
  }
}

test('a manager builds a team, assigns a module, and follows the reps’ progress on a phone and in a CSV file', async ({
  page,
  browser,
}) => {
  test.slow();
  await signUpAndLogIn(page, 'Maria Manager', '/teams');
  await page.getByLabel('Team name').fill('Coastal sales');
  await page.getByRole('button', { name: 'Create the team' }).click();
  await expect(page.getByRole('heading', { name: 'Coastal sales' })).toBeVisible();

  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const reps = ['Rosa Reyes', 'Sam Stone', 'Tariq Tan'].map((name, i) => ({
    name,
    address: `e2e-rep${i + 1}-${stamp}@example.com`,
  }));
  await page.getByText('Invite a list (paste addresses or upload a CSV file)').click();
  await page.getByLabel('Addresses').fill(reps.map((r) => r.address).join('\n'));
  await page.getByRole('button', { name: 'Send the invitations' }).click();
  await expect(page.getByRole('status')).toContainText('3 invitations are on the way');

  await page.getByLabel('Assign', { exact: true }).selectOption({ label: 'Module: Foundations' });
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Due by the end of').fill(due);
  await page.getByRole('button', { name: 'Assign to the team’s reps' }).click();
  await expect(page.getByRole('status')).toContainText('The training is assigned');
  const teamPath = new URL(page.url()).pathname;

  // Each rep signs up at the invited address, joins through the emailed link, reads the lesson and takes its quiz.
  for (const [i, rep] of reps.entries()) {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'X-Forwarded-For': `198.18.2.${i + 10 + Math.floor(Math.random() * 200)}` },
    });
    const repPage = await context.newPage();
    await signUpAndLogIn(repPage, rep.name, '/', rep.address);
    await repPage.goto(await linkFromEmail(rep.address, 'You are invited to a team'));
    await repPage.getByRole('button', { name: 'Join Coastal sales' }).click();
    await expect(repPage.getByRole('status')).toContainText('Welcome to Coastal sales');
    await repPage.goto(`/lessons/${LESSON}`);
    await repPage.getByRole('button', { name: 'Mark as read' }).click();
    await repPage.goto(`/lessons/${LESSON}/quiz`);
    await answerQuiz(repPage, i === 0);
    await repPage.getByRole('button', { name: 'Submit answers' }).click();
    await expect(repPage.getByRole('heading', { name: /^(Passed|Not passed yet)$/ })).toBeVisible();
    await context.close();
  }

  // The manager looks on a phone: every rep's progress, the assignment's status, nothing scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${teamPath}/reports`);
  await expect(page.getByText('3 reps in the team now')).toBeVisible();
  for (const rep of reps) {
    const row = page.getByRole('row', { name: new RegExp(rep.name) });
    await expect(row).toContainText('1/6 read');
  }
  await expect(page.getByRole('listitem').filter({ hasText: 'Module: Foundations' })).toContainText(
    '3 in progress',
  );
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    document.scrollingElement?.clientWidth ?? 0,
  ]);
  expect(scrollWidth, 'the reports scroll sideways on a phone').toBeLessThanOrEqual(clientWidth);
  // Nor does the progress table inside: each rep is a card, each module a line named by its title.
  const table = page.getByRole('region', { name: 'Progress table' });
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  const rosa = page.getByRole('row', { name: /Rosa Reyes/ });
  expect((await rosa.boundingBox())?.width ?? 0).toBeLessThanOrEqual(390);
  await expect(rosa.locator('td[data-label="Foundations"]')).toContainText('1/6 read');
  await expectAccessible(page);

  // The team page shows the same progress at a glance: the assignment's bar, its counts in words.
  await page.goto(teamPath);
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Module: Foundations' }) });
  await expect(card).toContainText('0 of 3 reps done · 3 in progress');
  const [teamWidth, teamClient] = await page.evaluate(() => [
    document.scrollingElement?.scrollWidth ?? 0,
    document.scrollingElement?.clientWidth ?? 0,
  ]);
  expect(teamWidth, 'the team page scrolls sideways on a phone').toBeLessThanOrEqual(teamClient);
  if (process.env['SCREENSHOTS_DIR'])
    await card.screenshot({ path: `${process.env['SCREENSHOTS_DIR']}/team-assignment-card-phone.png` });
  await page.goto(`${teamPath}/reports`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Progress per rep and module (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('team-progress.csv');
  const rows = parse(readFileSync((await download.path()) ?? ''), { bom: true }) as string[][];
  const [header = [], ...body] = rows;
  const read = header.indexOf('Foundations: lessons read (of 6)');
  expect(body.map((r) => r[0]).sort()).toEqual(reps.map((r) => r.name).sort());
  for (const row of body) {
    expect(row[read]).toBe('1');
    expect(row.at(-3)).toBe('not shared');
  }

  // Three reps took the quiz: the team's answers per question show, one of three having missed the first.
  await page
    .getByRole('navigation', { name: 'Team pages' })
    .getByRole('link', { name: 'Quiz answers' })
    .click();
  await expect(page.getByText('3 reps answered')).toBeVisible();
  await expect(page.locator(`#q-${LESSON}-${quiz.questions[0]?.id}`)).toContainText('67% answered it right');
});

for (const [device, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test(`an invited person signs up from the invitation and lands back on it; the owner is warned before deleting and hands the team over (${device})`, async ({
    page,
    browser,
  }) => {
    await page.setViewportSize(viewport);
    await signUpAndLogIn(page, `Owen Owner ${device}`, '/teams');
    const teamName = `Harbour ${device}`;
    await page.getByLabel('Team name').fill(teamName);
    await page.getByRole('button', { name: 'Create the team' }).click();
    const invitee = `e2e-invitee-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
    await page.getByLabel('Email address').first().fill(invitee);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await expect(page.getByRole('status')).toContainText('One invitation is on the way');

    // The invited person has no account: the link, then "Create an account", then the confirmation email.
    const context = await browser.newContext({
      viewport,
      extraHTTPHeaders: { 'X-Forwarded-For': `198.18.3.${Math.floor(Math.random() * 250)}` },
    });
    const rep = await context.newPage();
    await rep.goto(await linkFromEmail(invitee, 'You are invited to a team'));
    await rep.getByRole('link', { name: 'Create an account' }).click();
    await rep.getByLabel('Your name').fill(`Ivy Invitee ${device}`);
    await rep.getByLabel('Email').fill(invitee);
    await rep.getByLabel('Password').fill(E2E_PASSWORD);
    await rep.getByRole('button', { name: 'Create account' }).click();
    await expect(rep.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await rep.goto(await linkFromEmail(invitee, 'Confirm'));
    await rep.getByRole('button', { name: 'Confirm my email' }).click();
    await expect(rep).toHaveURL(/\/teams\/join\?notice=verified$/);
    await expect(rep.getByRole('status')).toContainText('Your email address is confirmed');
    await expectAccessible(rep);
    await rep.getByRole('button', { name: `Join ${teamName}` }).click();
    await expect(rep.getByRole('status')).toContainText(`Welcome to ${teamName}`);
    await context.close();

    // The owner's account page names the team and who loses access, and offers the hand-over first.
    await page.goto('/account');
    const warning = page.getByTestId('team-deletion-warning');
    await expect(warning).toContainText(`You own the team “${teamName}”`);
    await expect(warning).toContainText('1 other member loses the membership the team pays for');
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    await warning.getByRole('link', { name: 'Hand the team to someone else' }).click();
    await expect(page.getByLabel('New owner')).toContainText(`Ivy Invitee ${device} (rep, ${invitee})`);
    await page.getByRole('button', { name: 'Make them the owner' }).click();
    await expect(page.getByRole('status')).toContainText('The team has a new owner');
    await expect(page.getByRole('row', { name: new RegExp(`Ivy Invitee ${device}`) })).toContainText('Owner');
    await page.goto('/account');
    await expect(page.getByTestId('team-deletion-warning')).toBeHidden();
  });
}
