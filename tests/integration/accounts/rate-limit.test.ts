import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consume } from '../../../src/lib/server/platform/rate-limit';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

describe('database-backed rate limits', () => {
  it('allows the burst, then refuses with Retry-After, then refills', async () => {
    const rule = { capacity: 3, refillPerSecond: 1 / 60 };
    const now = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) expect((await consume(t.db, 'login:ip:a', rule, now)).allowed).toBe(true);
    const refused = await consume(t.db, 'login:ip:a', rule, now);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect((await consume(t.db, 'login:ip:b', rule, now)).allowed).toBe(true);
    expect((await consume(t.db, 'login:ip:a', rule, new Date(now.getTime() + 60_000))).allowed).toBe(true);
  });

  it('never lets concurrent requests spend the same token', async () => {
    const rule = { capacity: 5, refillPerSecond: 1e-9 };
    const now = new Date('2026-05-04T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 20 }, () => consume(t.db, 'burst', rule, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
