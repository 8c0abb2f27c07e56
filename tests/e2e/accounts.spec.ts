import { expect, test } from '@playwright/test';
import { MAILBOX_HTTP_PORT } from '../../playwright.config';
import { expectAccessible } from '../support/axe';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250)}` } });

interface Mail {
  to: string;
  subject: string;
  text: string;
}

async function linkFromEmail(to: string, subject: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const messages = (await (await fetch(`http://127.0.0.1:${MAILBOX_HTTP_PORT}/messages`)).json()) as Mail[];
    const mail = messages.findLast((m) => m.to === to && m.subject.startsWith(subject));
    const link = mail?.text.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${subject}" email to ${to}`);
}

const email = () => `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

test('sign up, confirm the email, log out, reset the password, and land back on the page that asked', async ({
  page,
}) => {
  const address = email();
  await page.goto('/signup');
  await expectAccessible(page);
  await page.getByLabel('Your name').fill('Dana Reyes');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('every promise counts');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  await page.goto(await linkFromEmail(address, 'Confirm'));
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  // The confirmation signs this browser in and welcomes the person with their next steps.
  await expect(page.getByRole('status')).toContainText(
    'Your email address is confirmed and you are logged in.',
  );
  await expect(page.getByRole('heading', { name: 'Welcome, Dana Reyes' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Account of Dana Reyes' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('status')).toContainText('You are logged out.');

  // A member lesson sends the visitor to log in and back.
  await page.goto('/lessons');
  await page
    .locator('.lesson-item', { has: page.locator('.badge.members') })
    .first()
    .getByRole('link')
    .click();
  const lessonUrl = page.url();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expectAccessible(page);
  await page.getByLabel('Email').fill(address);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('a link to reset the password is on its way');

  await page.goto(await linkFromEmail(address, 'Reset'));
  await expectAccessible(page);
  await page.getByLabel('New password').fill('a fresh passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  // A reset signs nobody in: the person logs in with the new password.
  await expect(page.getByRole('status')).toContainText('Your new password is saved');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }),
  ).toBeVisible();

  await page.goto(lessonUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).click();
  await expectAccessible(page);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('a fresh passphrase');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(lessonUrl);
});

test('the account page: change the name, download my data, delete the account', async ({ page }) => {
  const address = email();
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Sam');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('every promise counts');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto('/login?next=/account');
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill('every promise counts');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Please confirm your email' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Name', { exact: true }).fill('Sam Okafor');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status')).toContainText('Your name is updated.');
  await expect(page).toHaveURL(/\/account\?notice=name$/);
  await expect(page.getByRole('link', { name: 'Account of Sam Okafor' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data' }).click();
  const file = await download;
  const data = JSON.parse(
    await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(data.account.email).toBe(address);

  await page.getByLabel('Your password, to confirm').fill('wrong password!');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Please correct the highlighted fields.');
  await page.getByLabel('Your password, to confirm').fill('every promise counts');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('forms work with JavaScript off, and errors keep what was typed', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Kim');
  await page.getByLabel('Email').fill('kim@example.com');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  // Said twice: in the error summary at the top (a link to the field) and under the field itself.
  await expect(
    page.getByRole('alert').getByRole('link', { name: /Use at least 8 characters/ }),
  ).toBeVisible();
  await expect(page.locator('#field-password-error')).toContainText('Use at least 8 characters');
  await expect(page.getByLabel('Your name')).toHaveValue('Kim');
  await expect(page.getByLabel('Email')).toHaveValue('kim@example.com');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await context.close();
});
