import { describe, expect, it } from 'vitest';
import {
  formatRate,
  funnelByWeek,
  funnelTotals,
  isoWeek,
  mean,
  rate,
  weekStart,
} from '../../../src/lib/admin/funnel';

const d = (s: string) => new Date(`${s}T12:00:00Z`);

describe('isoWeek', () => {
  it.each([
    ['2026-11-29', '2026-W48'], // a Sunday ends its week
    ['2026-11-30', '2026-W49'], // Monday starts the next
    ['2021-01-03', '2020-W53'], // early January can belong to the previous year
    ['2024-12-30', '2025-W01'], // late December can belong to the next
    ['2026-01-01', '2026-W01'], // a Thursday is always in its own year
    ['2020-12-31', '2020-W53'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(d(date))).toBe(week);
  });

  it('is the same all week long, whatever the hour', () => {
    expect(isoWeek(new Date('2026-11-23T00:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2026-11-29T23:59:59Z'))).toBe('2026-W48');
  });

  it('starts on Monday at midnight UTC', () => {
    expect(weekStart(d('2026-11-29')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStart(d('2026-11-23')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('funnelByWeek', () => {
  it('groups people by the week they signed up and counts the steps they reached since', () => {
    const rows = funnelByWeek(
      [
        { signedUpAt: d('2026-11-10'), assessedAt: d('2026-11-25'), trialAt: d('2026-11-26'), paidAt: null },
        { signedUpAt: d('2026-11-11'), assessedAt: null, trialAt: null, paidAt: null },
        {
          signedUpAt: d('2026-11-24'),
          assessedAt: d('2026-11-24'),
          trialAt: d('2026-11-24'),
          paidAt: d('2026-11-28'),
        },
        { signedUpAt: d('2026-01-01'), assessedAt: null, trialAt: null, paidAt: null }, // before the range
      ],
      d('2026-11-09'),
      d('2026-11-29'),
    );
    expect(rows).toEqual([
      { week: '2026-W46', signedUp: 2, assessed: 1, trial: 1, paid: 0 },
      { week: '2026-W47', signedUp: 0, assessed: 0, trial: 0, paid: 0 },
      { week: '2026-W48', signedUp: 1, assessed: 1, trial: 1, paid: 1 },
    ]);
  });

  it('crosses a year boundary without losing a week', () => {
    const weeks = funnelByWeek([], d('2020-12-21'), d('2021-01-11')).map((r) => r.week);
    expect(weeks).toEqual(['2020-W52', '2020-W53', '2021-W01', '2021-W02']);
  });
});

describe('rates', () => {
  it('divides, and has no rate for nobody', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
    expect(formatRate(rate(2, 3))).toBe('67%');
    expect(formatRate(null)).toBe('—');
    expect(mean([])).toBeNull();
    expect(mean([50, 70])).toBe(60);
  });
});

describe('funnelTotals', () => {
  it('adds the weeks up, step by step, and counts the weeks', () => {
    expect(
      funnelTotals([
        { week: '2026-W47', signedUp: 4, assessed: 2, trial: 1, paid: 0 },
        { week: '2026-W48', signedUp: 0, assessed: 0, trial: 0, paid: 0 },
        { week: '2026-W49', signedUp: 3, assessed: 1, trial: 2, paid: 1 },
      ]),
    ).toEqual({ weeks: 3, signedUp: 7, assessed: 3, trial: 3, paid: 1 });
    expect(funnelTotals([])).toEqual({ weeks: 0, signedUp: 0, assessed: 0, trial: 0, paid: 0 });
  });
});
