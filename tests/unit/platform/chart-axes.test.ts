import { describe, expect, it } from 'vitest';
import { timeDomain, valueTicks } from '../../../src/lib/platform/chart-axes';

describe('valueTicks', () => {
  it.each([
    [-50, -30, [-50, -40, -30, -20, -10, 0]],
    [-60, 20, [-60, -40, -20, 0, 20]],
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [5, 37, [0, 10, 20, 30, 40]],
    [0, 0, [0, 1]],
  ])('covers %d to %d with round steps and zero', (low, high, ticks) => {
    const axis = valueTicks(low, high, 6);
    expect(axis.ticks).toEqual(ticks);
    expect(axis.min).toBe(ticks[0]);
    expect(axis.max).toBe(ticks.at(-1));
  });

  it('always includes zero and the extremes', () => {
    for (const [low, high] of [
      [-130, -20],
      [3, 470],
      [-7, 9],
    ] as const) {
      const { ticks, min, max } = valueTicks(low, high);
      expect(ticks).toContain(0);
      expect(min).toBeLessThanOrEqual(low);
      expect(max).toBeGreaterThanOrEqual(high);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});

describe('timeDomain', () => {
  const at = (iso: string) => new Date(iso);

  it('spreads ticks evenly from the first to the last instant', () => {
    const d = timeDomain([at('2026-01-01T00:00:00Z'), at('2026-01-21T00:00:00Z')], 5);
    expect(d.ticks.map((t) => t.toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-01-11',
      '2026-01-16',
      '2026-01-21',
    ]);
    expect(d.withTime).toBe(false);
  });

  it('widens a single day to a day around it and labels ticks with the time', () => {
    const d = timeDomain([at('2026-03-04T10:00:00Z'), at('2026-03-04T10:05:00Z')], 5);
    expect(d.end - d.start).toBe(86_400_000);
    expect(d.start).toBeLessThan(at('2026-03-04T10:00:00Z').getTime());
    expect(d.end).toBeGreaterThan(at('2026-03-04T10:05:00Z').getTime());
    expect(d.withTime).toBe(true);
  });
});
