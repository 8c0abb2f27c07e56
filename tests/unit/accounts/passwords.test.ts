import { describe, expect, it } from 'vitest';
import {
  HASHES_AT_ONCE,
  hashesInFlight,
  hashPassword,
  verifyPassword,
} from '../../../src/lib/server/accounts/passwords';

describe('password hashing', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const hashed = await hashPassword('correct horse battery staple');
    expect(hashed.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await verifyPassword(hashed, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hashed, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('runs at most one hash per core (four at most) at once, and queues the rest', async () => {
    expect(HASHES_AT_ONCE).toBeGreaterThanOrEqual(1);
    expect(HASHES_AT_ONCE).toBeLessThanOrEqual(4);
    const burst = HASHES_AT_ONCE + 3;
    const hashes = Array.from({ length: burst }, (_, i) => hashPassword(`a burst of logins ${i}`));
    // Every call has been made; within microtasks (no hash can finish before the next macrotask) the
    // limiter starts as many as it allows and holds the others.
    for (let i = 0; i < 10 && hashesInFlight().running < HASHES_AT_ONCE; i += 1) await Promise.resolve();
    const during = hashesInFlight();
    expect(during.running).toBe(HASHES_AT_ONCE);
    expect(during.waiting).toBe(burst - HASHES_AT_ONCE);
    const done = await Promise.all(hashes);
    expect(new Set(done).size).toBe(burst);
    expect(hashesInFlight()).toEqual({ running: 0, waiting: 0 });
  });
});
