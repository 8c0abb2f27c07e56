import { describe, expect, it } from 'vitest';
import { type BucketState, take } from '../../../src/lib/platform/token-bucket';

const rule = { capacity: 5, refillPerSecond: 0.1 }; // a burst of 5, then one every 10 s

describe('token bucket', () => {
  it('starts full and allows a burst of `capacity`', () => {
    let state: BucketState | null = null;
    for (let i = 0; i < 5; i++) {
      const r = take(rule, state, 1_000);
      expect(r.allowed).toBe(true);
      state = r.state;
    }
    expect(state?.tokens).toBe(0);
    const refused = take(rule, state, 1_000);
    expect(refused).toEqual({
      allowed: false,
      state: { tokens: 0, updatedAt: 1_000 },
      retryAfterSeconds: 10,
    });
  });

  it('refills with time, never above capacity', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(take(rule, empty, 5_000)).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    expect(take(rule, empty, 10_000)).toMatchObject({ allowed: true, state: { tokens: 0 } });
    expect(take(rule, empty, 3_600_000).state.tokens).toBe(4);
  });

  it('treats a clock that went backwards as no time passed', () => {
    expect(take(rule, { tokens: 0.5, updatedAt: 10_000 }, 5_000)).toMatchObject({ allowed: false });
  });
});
