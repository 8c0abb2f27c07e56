import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The tests about the embedded file itself, left out of `npm run test:remote` (README, "Tested on a
 * remote database"), with why. Every other integration and fault test runs there too.
 */
const EMBEDDED_ONLY: Record<string, string> = {
  'tests/faults/backup.test.ts':
    '`npm run db:backup` copies the SQLite file; on a remote database it refuses (tested in this file, on every run)',
  'tests/faults/crash.test.ts':
    "kills the app mid-transaction and restarts it on the same database: sqld rolls an abandoned stream's transaction back after its idle timeout, the Hrana test server never does, so the restarted app would wait on that lock for ever",
  'tests/faults/resources.test.ts':
    "counts the app's file descriptors on the database file over 10,000 transactions; a remote database has no file in the app",
};

const alias = { '@db': fileURLToPath(new URL('./db', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Each file starts the built server on its own port with its own database. A test mostly waits on
          // its server, so `npm run test:integration` runs four files at a time on two cores (measured: the
          // suite in 163 s instead of 408 s, the cores busy instead of half idle). Timeouts catch hangs;
          // they are generous so that a machine whose cores are busy is slow, not red.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        // `npm run test:remote`: the integration suite again, every database served over the Hrana
        // protocol (tests/support/remote-database.ts), less the tests that are about the embedded file.
        test: {
          name: 'remote',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { TEST_DATABASE: 'remote' },
          // As generous as the embedded run's: every statement is a round trip to a Python server.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        // The fault cases over the protocol, one file at a time like `faults`; after `remote` in test:remote.
        test: {
          name: 'remote-faults',
          include: ['tests/faults/**/*.test.ts'],
          exclude: Object.keys(EMBEDDED_ONLY),
          environment: 'node',
          env: { TEST_DATABASE: 'remote' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        // Stripe's test mode over the internet: `npm run test:stripe-live`, never part of `npm test`.
        test: {
          name: 'stripe-live',
          include: ['tests/live/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          // The reliability cases of QUALITY.md against the built server. One file at a time: they time
          // lock waits and shutdowns, which a second server competing for two cores would blur.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
