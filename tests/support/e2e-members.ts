import { expect, type Page } from '@playwright/test';
import { E2E_DATABASE_URL } from '../../playwright.config';
import { runCliSync } from './cli';

export const E2E_PASSWORD = 'every promise counts';

export async function signUpAndLogIn(page: Page, name: string, next = '/'): Promise<string> {
  const address = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(address);
  await page.getByLabel('Password').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The address is not confirmed: a reminder comes first, then on to `next`.
  await expect(page.getByRole('heading', { name: 'Please confirm your email' })).toBeVisible();
  await page.getByRole('link', { name: /^Continue/ }).click();
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
