/** Browser-test people: sign up through the form, confirm the email, become a member the way an operator does it (the admin command), log in. */
import { expect, type Page } from '@playwright/test';
import { E2E_DATABASE_URL, MAILBOX_HTTP_PORT } from '../../playwright.config';

/** The first link in the newest email to `to` whose subject starts with `subject` (the test mailbox). */
export async function linkFromEmail(to: string, subject: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${MAILBOX_HTTP_PORT}/messages`);
    const messages = (await res.json()) as { to: string; subject: string; text: string }[];
    const mail = messages.findLast((m) => m.to === to && m.subject.startsWith(subject));
    const link = mail?.text.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no "${subject}" email to ${to}`);
}

import { runCliSync } from './cli';

export const E2E_PASSWORD = 'every promise counts';

/** Signs up (at `address`, or a fresh one), confirms the email and lands on `next`; returns the address. */
export async function signUpAndLogIn(
  page: Page,
  name: string,
  next = '/',
  address = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`,
): Promise<string> {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  // Confirmed, as the trial and free codes require.
  await page.goto(await linkFromEmail(address, 'Confirm'));
  // Confirming signs this (signed-out) browser in and opens the welcome page.
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page.getByRole('status')).toContainText(/your email address is confirmed/i);
  await page.goto(next);
  // On a phone the header's links are behind its Menu button.
  const menu = page.getByRole('banner').locator('summary');
  if (await menu.isVisible()) await menu.click();
  await expect(page.getByRole('link', { name: `Account of ${name}` })).toBeVisible();
  return address;
}

/** Until billing lands, membership is granted with `npm run admin -- grant-membership`. */
export function grantMembership(address: string): void {
  runCliSync('admin', ['grant-membership', address], { DATABASE_URL: E2E_DATABASE_URL });
}

/** Makes an existing account an admin, as an operator does: `npm run admin -- create-admin`. */
export function makeAdmin(address: string): void {
  runCliSync('admin', ['create-admin', address], { DATABASE_URL: E2E_DATABASE_URL });
}
