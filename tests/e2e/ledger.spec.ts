import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { expectAccessible } from '../support/axe';
import { grantMembership, signUpAndLogIn } from '../support/e2e-members';

test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.7.${Math.floor(Math.random() * 250)}` } });

test('a member keeps a promise and sees the balance rise, breaks one and sees it fall more, and subscribes to the calendar', async ({
  page,
}) => {
  const address = await signUpAndLogIn(page, 'Lena Ledger', '/ledger');
  await page.goto('/ledger');
  await expect(page.getByRole('heading', { name: 'The promise ledger is for members' })).toBeVisible();
  await expectAccessible(page);
  grantMembership(address);

  await page.goto('/ledger');
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger', exact: true }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'adding a customer' }).click();
  await page.getByLabel('Name').fill('Omar Haddad');
  await page.getByLabel('Company (optional)').fill('Haddad Freight');
  await page.getByLabel('Burned by a previous vendor: starts at −50').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add the customer' }).click();
  await expect(page.getByRole('heading', { name: 'Omar Haddad', level: 1 })).toBeVisible();
  await expect(page.getByTestId('balance')).toHaveText('−50');

  // Quick entry: three fields, due tomorrow at 5 pm unless changed.
  await page.getByLabel('What you promised').fill('I’ll call you tomorrow with the status');
  await page.getByRole('button', { name: 'Save the promise' }).click();
  await expect(page.getByRole('status')).toContainText('Promise saved');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Kept', exact: true }).click();
  await expect(page.getByTestId('balance')).toHaveText('−40');
  await expect(page.getByRole('status')).toContainText('make the next small promise');
  await expect(page.getByRole('img', { name: 'Trust balance of Omar Haddad over time' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Deposits and withdrawals/ })).toContainText('Kept on time');

  await page.getByLabel('What you promised').fill('Send the revised quote by Friday');
  await page.getByRole('button', { name: 'Save the promise' }).click();
  await page.getByRole('button', { name: 'Broken' }).click();
  // Down 20 after up 10: trust is lost faster than it is won.
  await expect(page.getByTestId('balance')).toHaveText('−60');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Ledger' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('table')).toContainText('Omar Haddad');
  await expect(page.getByText('kept on time in a row')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/ledger/customers');
  await page.getByRole('link', { name: 'Omar Haddad' }).click();
  await page.getByLabel('What you promised').fill('Confirm the pickup slot');
  await page.getByRole('button', { name: 'Save the promise' }).click();

  await page.getByRole('navigation', { name: 'Ledger' }).getByRole('link', { name: 'Settings' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create a calendar link' }).click();
  const link = page.getByRole('link', { name: 'Download the calendar file' });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  const feed = await page.request.get(href);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const events = new ICAL.Component(ICAL.parse(await feed.text()))
    .getAllSubcomponents('vevent')
    .map((e) => new ICAL.Event(e).summary);
  expect(events).toEqual(['Promise to Omar Haddad: Confirm the pickup slot']);

  await page.getByRole('button', { name: 'Revoke the calendar link' }).click();
  await expect(page.getByRole('status')).toContainText('revoked');
  expect((await page.request.get(href)).status()).toBe(404);
});

test('import customers from a CSV file with a preview, then record an outcome with JavaScript off', async ({
  page,
  browser,
}) => {
  const address = await signUpAndLogIn(page, 'Ines Import', '/ledger');
  grantMembership(address);
  await page.goto('/ledger/import');
  await expectAccessible(page);
  const file = (text: string) => ({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

  await page
    .getByLabel('CSV file')
    .setInputFiles(file('name,company,starting_balance\nPaula,Acme,-50\n,NoName,0\n'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('1 row has problems')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expectAccessible(page);

  await page
    .getByLabel('CSV file')
    .setInputFiles(file('name,company,starting_balance\nPaula,Acme,-50\nRui,Beta,0\n'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('table')).toContainText('Rui');
  await page.getByRole('button', { name: 'Import 2 customers' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 2 customers');
  await expect(page.getByRole('table')).toContainText('−50');

  // The same member in a browser without JavaScript: every ledger form is a plain form.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { 'X-Forwarded-For': `198.18.8.${Math.floor(Math.random() * 250)}` },
  });
  const plain = await noScript.newPage();
  await plain.goto('/ledger/customers');
  await plain.getByRole('link', { name: 'Paula' }).click();
  await plain.getByLabel('What you promised').fill('Call back before noon');
  await plain.getByRole('button', { name: 'Save the promise' }).click();
  await plain.getByRole('button', { name: 'Kept', exact: true }).click();
  await expect(plain.getByTestId('balance')).toHaveText('−40');
  // Editing a customer works without JavaScript too; the kept promise still counts from the new start.
  await plain.getByRole('link', { name: 'Edit or delete this customer' }).click();
  await plain.getByLabel('Name').fill('Paula Pérez');
  await plain.getByLabel('A little wary: starts at −20').check();
  await plain.getByRole('button', { name: 'Save the changes' }).click();
  await expect(plain.getByRole('status')).toContainText('Changes saved');
  await expect(plain.getByRole('heading', { name: 'Paula Pérez', level: 1 })).toBeVisible();
  await expect(plain.getByTestId('balance')).toHaveText('−10');
  await noScript.close();

  // Deleting asks for a confirmation first, then says what went.
  await page.goto('/ledger/customers');
  await page.getByRole('link', { name: 'Rui' }).click();
  await page.getByRole('link', { name: 'Edit or delete this customer' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Rui', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Delete the customer' }).click();
  await expect(page.getByRole('alert')).toContainText('The customer was not deleted');
  await expect(page.getByText('Tick the box to confirm')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Yes, delete Rui').check();
  await page.getByRole('button', { name: 'Delete the customer' }).click();
  await expect(page.getByRole('status')).toHaveText('Customer deleted.');
  await expect(page.getByRole('table')).toContainText('Paula Pérez');
  await expect(page.getByRole('table')).not.toContainText('Rui');
});
