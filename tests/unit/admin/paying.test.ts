import { describe, expect, it } from 'vitest';
import { hasPaid } from '../../../src/lib/admin/paying';

const at = (s: string) => new Date(`${s}T00:00:00Z`);

describe('hasPaid', () => {
  it.each([
    [{ status: 'active', trialEnd: null, endedAt: null }, true],
    [{ status: 'past_due', trialEnd: at('2026-11-01'), endedAt: null }, true],
    [{ status: 'unpaid', trialEnd: null, endedAt: null }, true],
    [{ status: 'trialing', trialEnd: at('2026-12-01'), endedAt: null }, false],
    [{ status: 'incomplete', trialEnd: null, endedAt: null }, false],
    [{ status: 'incomplete_expired', trialEnd: null, endedAt: at('2026-11-02') }, false],
    [{ status: 'canceled', trialEnd: at('2026-11-08'), endedAt: at('2026-11-05') }, false],
    [{ status: 'canceled', trialEnd: at('2026-11-08'), endedAt: at('2026-12-08') }, true],
    [{ status: 'canceled', trialEnd: null, endedAt: at('2026-12-08') }, true],
  ])('%j → %s', (state, paid) => {
    expect(hasPaid(state)).toBe(paid);
  });
});
