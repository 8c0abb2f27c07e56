import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { FAKE_PRICES, FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET } from './tests/support/fake-stripe/constants';
import { SERVER_NODE_FLAGS } from './tests/support/server-flags';

// E2E_PORT moves every port, so two checkouts on one machine can run their suites side by side.
const PORT = Number(process.env['E2E_PORT'] ?? 4455);
/** A second app with payments configured, against the fake Stripe (the billing journeys). */
export const STRIPE_APP_PORT = PORT + 1;
export const FAKE_STRIPE_PORT = PORT + 2;
export const MAILBOX_HTTP_PORT = PORT + 3;
const MAILBOX_SMTP_PORT = PORT + 4;
// Set once in the runner and inherited by the workers (which load this file again), so specs can reach
// the server's database through the admin command.
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'academy-e2e-'));
const dataDir = process.env['E2E_DATA_DIR'];
export const E2E_DATABASE_URL = `file:${join(dataDir, 'e2e.db')}`;
export const STRIPE_DATABASE_URL = `file:${join(dataDir, 'e2e-stripe.db')}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: 2,
  // Timeouts catch hangs, not slow machines: a CI host whose cores are busy is slow, and must stay green.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // Receives the app's email, so tests can follow verification and reset links.
      command: 'node node_modules/tsx/dist/cli.mjs tests/support/mailbox-server.ts',
      url: `http://127.0.0.1:${MAILBOX_HTTP_PORT}/messages`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { MAILBOX_SMTP_PORT: String(MAILBOX_SMTP_PORT), MAILBOX_HTTP_PORT: String(MAILBOX_HTTP_PORT) },
    },
    {
      // The built app, as production runs it (the test script builds first).
      command: `node ${SERVER_NODE_FLAGS.join(' ')} src/server.mjs`,
      url: `http://127.0.0.1:${PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        HOST: '127.0.0.1',
        PORT: String(PORT),
        DATABASE_URL: E2E_DATABASE_URL,
        SITE_URL: `http://127.0.0.1:${PORT}`,
        SMTP_URL: `smtp://127.0.0.1:${MAILBOX_SMTP_PORT}`,
        // Each test sends its own X-Forwarded-For, so rate limits apply per test as they would per person.
        TRUSTED_PROXY_HEADER: 'x-forwarded-for',
      },
    },
    {
      // Stripe's stand-in: its API, hosted Checkout and portal pages, and signed webhooks to the app below.
      command: 'node node_modules/tsx/dist/cli.mjs tests/support/fake-stripe/main.ts',
      url: `http://127.0.0.1:${FAKE_STRIPE_PORT}/__control/state`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        FAKE_STRIPE_PORT: String(FAKE_STRIPE_PORT),
        WEBHOOK_URL: `http://127.0.0.1:${STRIPE_APP_PORT}/api/stripe/webhook`,
      },
    },
    {
      // The same build with payments configured, reaching Stripe through the SDK's host/port options.
      command: `node ${SERVER_NODE_FLAGS.join(' ')} src/server.mjs`,
      url: `http://127.0.0.1:${STRIPE_APP_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        HOST: '127.0.0.1',
        PORT: String(STRIPE_APP_PORT),
        DATABASE_URL: STRIPE_DATABASE_URL,
        SITE_URL: `http://127.0.0.1:${STRIPE_APP_PORT}`,
        // The same mailbox: people confirm their email before a trial or a free code.
        SMTP_URL: `smtp://127.0.0.1:${MAILBOX_SMTP_PORT}`,
        TRUSTED_PROXY_HEADER: 'x-forwarded-for',
        STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
        STRIPE_PRICE_MONTHLY: FAKE_PRICES.monthly.id,
        STRIPE_PRICE_YEARLY: FAKE_PRICES.yearly.id,
        STRIPE_PRICE_ASSESSMENT: FAKE_PRICES.assessment.id,
        STRIPE_API_URL: `http://127.0.0.1:${FAKE_STRIPE_PORT}`,
      },
    },
  ],
});
