import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT moves all three ports, so two checkouts on one machine can run their suites side by side.
const PORT = Number(process.env['E2E_PORT'] ?? 4455);
export const MAILBOX_HTTP_PORT = PORT + 3;
const MAILBOX_SMTP_PORT = PORT + 4;
// Set once in the runner and inherited by the workers (which load this file again), so specs can reach
// the server's database through the admin command.
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'academy-e2e-'));
const dataDir = process.env['E2E_DATA_DIR'];
export const E2E_DATABASE_URL = `file:${join(dataDir, 'e2e.db')}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: 2,
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
      env: { MAILBOX_SMTP_PORT: String(MAILBOX_SMTP_PORT), MAILBOX_HTTP_PORT: String(MAILBOX_HTTP_PORT) },
    },
    {
      // The built app, as production runs it (the test script builds first).
      command: 'node src/server.mjs',
      url: `http://127.0.0.1:${PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
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
  ],
});
