import { expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { formatLocal } from '../../src/lib/ledger/time';
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
  // In the error summary (a link to the box) and beside the box itself.
  await expect(page.getByRole('alert').getByRole('link', { name: /Tick the box to confirm/ })).toBeVisible();
  await expect(page.locator('#delete-confirm-error')).toContainText('Tick the box to confirm');
  await expectAccessible(page);
  await page.getByLabel('Yes, delete Rui').check();
  await page.getByRole('button', { name: 'Delete the customer' }).click();
  await expect(page.getByRole('status')).toHaveText('Customer deleted.');
  await expect(page.getByRole('table')).toContainText('Paula Pérez');
  await expect(page.getByRole('table')).not.toContainText('Rui');
});

/** What a member sees after issue 18, on a desktop and on a phone. */
for (const [device, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(`ledger polish on a ${device}`, () => {
    test.use({ viewport, timezoneId: 'America/Chicago', locale: 'en-US' });

    /** No page of the ledger scrolls sideways. */
    const fitsWidth = async (page: import('@playwright/test').Page) =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );

    test(`radios sit beside their labels; an outcome is undone and corrected; renegotiating asks for the new time (${device})`, async ({
      page,
    }) => {
      const address = await signUpAndLogIn(page, `Pat Polish ${device}`, '/ledger');
      grantMembership(address);
      await page.goto('/ledger/customers');
      const radio = page.getByLabel('Burned by a previous vendor: starts at −50');
      const label = page.locator('label.choice', { has: radio });
      const [radioBox, labelBox] = [await radio.boundingBox(), await label.boundingBox()];
      // The radio is its own size, at the start of its label (past the browser's small margin), not
      // stretched across the column with its label text pushed after it.
      expect(radioBox?.width ?? 999).toBeLessThan(32);
      expect(Math.abs((radioBox?.x ?? 0) - (labelBox?.x ?? 999))).toBeLessThan(10);
      await fitsWidth(page);
      await page.getByLabel('Name').fill('Vera Vance');
      await radio.check();
      await page.getByRole('button', { name: 'Add the customer' }).click();
      await expect(page.getByTestId('balance')).toHaveText('−50');

      // A promise kept, then the same words again minutes later: saved and shown, not swallowed.
      await page.getByLabel('What you promised').fill('Send the delivery slot');
      await page.getByRole('button', { name: 'Save the promise' }).click();
      await page.getByRole('button', { name: 'Kept', exact: true }).click();
      await expect(page.getByTestId('balance')).toHaveText('−40');
      await page.getByLabel('What you promised').fill('Send the delivery slot');
      await page.getByRole('button', { name: 'Save the promise' }).click();
      await expect(page.getByRole('status')).toContainText('Promise saved');
      const next = page.getByRole('region', { name: 'Next open promise' });
      await expect(next).toContainText('Send the delivery slot');

      // A mis-click on "Broken" is undone from the note right after.
      await next.getByRole('button', { name: 'Broken' }).click();
      await expect(page.getByTestId('balance')).toHaveText('−60');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect(page.getByRole('status')).toContainText('the promise is open again');
      await expect(page.getByTestId('balance')).toHaveText('−40');
      await expect(page.getByText('Outcomes undone')).toBeVisible();

      // Renegotiating asks for the new due time; one in the past is refused.
      await next.getByRole('link', { name: 'Renegotiate' }).click();
      await expect(page.getByRole('heading', { name: 'Renegotiate a promise' })).toBeVisible();
      await expectAccessible(page);
      await fitsWidth(page);
      await page.getByLabel('New due time you agreed').fill('2020-01-02T10:00');
      await page.getByRole('button', { name: 'Save the new due time' }).click();
      await expect(
        page.getByRole('alert').getByRole('link', { name: /The new due time is in the past/ }),
      ).toBeVisible();
      await expect(page.locator('#due-error')).toContainText('The new due time is in the past');
      await page.getByLabel('New due time you agreed').fill('2099-03-04T10:30');
      await page.getByRole('button', { name: 'Save the new due time' }).click();
      await expect(page.getByRole('status')).toContainText('is now due');
      await expect(page.getByTestId('balance')).toHaveText('−42');
      await expect(next).toContainText('2099');

      // Kept, then corrected later from the customer's page: the ledger says so, the balance follows.
      await next.getByRole('button', { name: 'Kept', exact: true }).click();
      await expect(page.getByTestId('balance')).toHaveText('−32');
      const table = page.getByRole('table', { name: /Deposits and withdrawals/ });
      await table.getByText('Correct this outcome').last().click();
      await table.getByLabel('Broken').last().check();
      await table.getByRole('button', { name: 'Save the correction' }).last().click();
      await expect(page.getByRole('status')).toContainText('Outcome corrected');
      await expect(page.getByTestId('balance')).toHaveText('−62');
      await expect(table).toContainText('recorded first as kept on time, changed to broken');
      await expectAccessible(page);
      await fitsWidth(page);
    });

    test(`the settings suggest the browser's zone, and the calendar link copies (${device})`, async ({
      page,
      context,
    }) => {
      const address = await signUpAndLogIn(page, `Sam Settings ${device}`, '/ledger');
      grantMembership(address);
      await page.goto('/ledger/settings');
      await expect(page.getByLabel('Your time zone')).toHaveValue('America/Chicago');
      await expect(page.getByText('America/Chicago is your browser’s time zone')).toBeVisible();
      await fitsWidth(page);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(page.getByRole('status')).toContainText('Settings saved');
      await expect(page.getByLabel('Your time zone')).toHaveValue('America/Chicago');

      await page.getByRole('button', { name: 'Create a calendar link' }).click();
      const field = page.getByLabel('Your calendar link');
      const url = await field.inputValue();
      expect(url).toMatch(/\/ledger\/feed\/[a-z2-7]{32}\.ics$/);
      await expect(page.getByRole('link', { name: 'Subscribe in your calendar app' })).toHaveAttribute(
        'href',
        url.replace(/^https?:/, 'webcal:'),
      );
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Copy' }).click();
      await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      await expectAccessible(page);
      await fitsWidth(page);
    });

    test(`without JavaScript: a guessed zone, a selectable link, renegotiating and undoing still work (${device})`, async ({
      page,
      browser,
    }) => {
      const address = await signUpAndLogIn(page, `Noa Noscript ${device}`, '/ledger');
      grantMembership(address);
      const plainContext = await browser.newContext({
        viewport,
        javaScriptEnabled: false,
        storageState: await page.context().storageState(),
        // The browser's locale sets its Accept-Language: a German browser, whose region keeps one clock.
        locale: 'de-DE',
        extraHTTPHeaders: {
          'X-Forwarded-For': `198.18.9.${Math.floor(Math.random() * 250)}`,
          'Accept-Language': 'de-DE,de;q=0.9',
        },
      });
      const plain = await plainContext.newPage();
      await plain.goto('/ledger/settings');
      await expect(plain.getByLabel('Your time zone')).toHaveValue('Europe/Berlin');
      await expect(plain.getByText('Europe/Berlin is a guess from your browser’s language')).toBeVisible();
      await plain.getByRole('button', { name: 'Create a calendar link' }).click();
      // No script: no button, the link is in a read-only field to select and copy.
      await expect(plain.getByRole('button', { name: 'Copy' })).toBeHidden();
      await expect(plain.getByLabel('Your calendar link')).toHaveAttribute('readonly', '');
      await expect(plain.getByLabel('Your calendar link')).toHaveValue(/\/ledger\/feed\/[a-z2-7]{32}\.ics$/);

      await plain.goto('/ledger/customers');
      await plain.getByLabel('Name').fill('Ola Offline');
      await plain.getByRole('button', { name: 'Add the customer' }).click();
      await plain.getByLabel('What you promised').fill('Call with the figures');
      await plain.getByRole('button', { name: 'Save the promise' }).click();
      await plain.getByRole('link', { name: 'Renegotiate' }).click();
      await plain.getByLabel('New due time you agreed').fill('2099-05-06T09:00');
      await plain.getByRole('button', { name: 'Save the new due time' }).click();
      await expect(plain.getByRole('status')).toContainText('is now due');
      await expect(plain.getByTestId('balance')).toHaveText('−2');
      await plain.getByRole('button', { name: 'Broken' }).click();
      await expect(plain.getByTestId('balance')).toHaveText('−22');
      await plain.getByRole('button', { name: 'Undo' }).click();
      await expect(plain.getByTestId('balance')).toHaveText('−2');
      await fitsWidth(plain);
      await plainContext.close();
    });
  });
}

for (const [device, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test.describe(`before a zone is chosen on a ${device}`, () => {
    // Sign-ups are limited per address: these tests sign up from an address of their own.
    test.use({ extraHTTPHeaders: { 'X-Forwarded-For': `198.18.12.${Math.floor(Math.random() * 250)}` } });

    test(`before a zone is chosen: UTC said plainly without JavaScript, the browser's zone offered and saved with it (${device})`, async ({
      page,
      browser,
    }) => {
      const address = await signUpAndLogIn(page, `Zed Zone ${device}`, '/ledger');
      grantMembership(address);
      const state = await page.context().storageState();
      const headers = {
        'X-Forwarded-For': `198.18.11.${Math.floor(Math.random() * 250)}`,
        'Accept-Language': 'en-US,en;q=0.9',
      };
      // Without JavaScript, in a language whose region has many clocks: no guess, UTC said plainly.
      const plainContext = await browser.newContext({
        viewport,
        javaScriptEnabled: false,
        storageState: state,
        locale: 'en-US',
        extraHTTPHeaders: headers,
      });
      const plain = await plainContext.newPage();
      await plain.goto('/ledger');
      await expect(plain.getByTestId('zone-note')).toContainText(
        'Times are shown in UTC because you haven’t chosen your time zone yet.',
      );
      await expect(plain.getByRole('button', { name: /^Use / })).toBeHidden();
      // A promise saved without JavaScript saves no zone: its due time stays written in UTC.
      await plain.goto('/ledger/customers');
      await plain.getByLabel('Name').fill('Pat Plain');
      await plain.getByRole('button', { name: 'Add the customer' }).click();
      const plainCustomer = plain.url();
      await plain.getByLabel('What you promised').fill('Send the plain schedule');
      await plain.getByLabel('Due').fill('2099-03-09T17:00');
      await plain.getByRole('button', { name: 'Save the promise' }).click();
      await expect(plain.getByTestId('zone-note')).toContainText('Times are shown in UTC');
      await plainContext.close();

      // With JavaScript in Chicago: the offer names the browser's zone, and the first promise saves it.
      const context = await browser.newContext({
        viewport,
        timezoneId: 'America/Chicago',
        locale: 'en-US',
        storageState: state,
        extraHTTPHeaders: headers,
      });
      const js = await context.newPage();
      await js.goto('/ledger');
      await expect(js.getByRole('button', { name: 'Use America/Chicago' })).toBeVisible();
      await expectAccessible(js);
      // Before anything is saved, the page's times are shown in the browser's zone, and the note says so.
      await js.goto(plainCustomer);
      await expect(js.getByTestId('zone-note')).toContainText(
        'Times are shown in your browser’s time zone, America/Chicago. It isn’t saved yet',
      );
      const due = js.locator('.due-when time').first();
      const dueAt = new Date((await due.getAttribute('datetime')) ?? '');
      expect(dueAt.toISOString()).toBe('2099-03-09T17:00:00.000Z');
      await expect(due).toHaveText(formatLocal(dueAt, 'America/Chicago'));
      await js.goto('/ledger/customers');
      await js.getByRole('textbox', { name: 'Name' }).fill('Cora Central');
      await js.getByRole('button', { name: 'Add the customer' }).click();
      await expect(js.getByText('Your time (America/Chicago, from your browser')).toBeVisible();
      await js.getByLabel('What you promised').fill('Send the Chicago schedule');
      await js.getByLabel('Due').fill('2099-03-10T17:00');
      await js.getByRole('button', { name: 'Save the promise' }).click();
      await expect(js.getByTestId('zone-saved')).toContainText('Times are now shown in America/Chicago.');
      await expect(js.getByText(/Due Tue,? 10 Mar 2099, 5 pm/)).toBeVisible();
      await expect(js.getByTestId('zone-note')).toBeHidden();
      await js.goto('/ledger/settings');
      await expect(js.getByLabel('Your time zone')).toHaveValue('America/Chicago');
      expect(await js.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await context.close();
    });
  });
}
