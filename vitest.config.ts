import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
          // Each file starts the built server on its own port with its own database. Timeouts catch hangs;
          // they are generous so that a machine whose cores are busy is slow, not red.
          testTimeout: 120_000,
          hookTimeout: 180_000,
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
