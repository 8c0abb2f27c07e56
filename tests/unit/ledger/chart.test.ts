import { describe, expect, it } from 'vitest';
import { balanceDomain, tickDateLabels, wholeTimeTicks } from '../../../src/lib/ledger/chart';
import { localTime } from '../../../src/lib/ledger/time';

const at = (iso: string) => new Date(iso).getTime();

describe('wholeTimeTicks', () => {
  it('puts a day-wide domain on whole hours of the local day', () => {
    const { ticks, withTime } = wholeTimeTicks(
      at('2026-12-02T13:47:00Z'),
      at('2026-12-03T13:47:00Z'),
      4,
      'UTC',
    );
    expect(withTime).toBe(true);
    expect(ticks.map((t) => t.toISOString())).toEqual([
      '2026-12-02T18:00:00.000Z',
      '2026-12-03T00:00:00.000Z',
      '2026-12-03T06:00:00.000Z',
      '2026-12-03T12:00:00.000Z',
    ]);
  });

  it('puts weeks on local midnights, in the member zone', () => {
    const zone = 'America/New_York';
    const { ticks, withTime } = wholeTimeTicks(
      at('2026-10-20T15:00:00Z'),
      at('2026-11-12T15:00:00Z'),
      4,
      zone,
    );
    expect(withTime).toBe(false);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(4);
    // Across the end of daylight time (1 Nov) every tick is still a local midnight.
    for (const t of ticks) expect(localTime(t, zone)).toMatchObject({ hour: 0, minute: 0 });
  });

  it('never gives more ticks than asked, and all inside the domain', () => {
    const start = at('2026-01-01T00:00:00Z');
    for (const days of [1, 2, 5, 13, 40, 200, 900]) {
      const end = start + days * 86_400_000;
      const { ticks } = wholeTimeTicks(start, end, 4, 'Asia/Kolkata');
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(4);
      for (const t of ticks) expect(t.getTime() >= start && t.getTime() <= end).toBe(true);
    }
  });
});

describe('balanceDomain', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  it.each([
    [
      'runs from the first point to now',
      ['2026-11-01T09:00:00Z', '2026-11-20T09:00:00Z'],
      '2026-11-01T09:00:00Z',
      now.toISOString(),
    ],
    [
      'is a day wide at least, reaching back rather than forward',
      ['2026-12-03T09:00:00Z'],
      '2026-12-02T10:00:00Z',
      now.toISOString(),
    ],
    ['with no points, the day up to now', [], '2026-12-02T10:00:00Z', now.toISOString()],
  ] as const)('%s', (_name, times, start, end) => {
    const domain = balanceDomain(
      times.map((t) => new Date(t)),
      now,
    );
    expect(new Date(domain.start).toISOString()).toBe(new Date(start).toISOString());
    expect(new Date(domain.end).toISOString()).toBe(new Date(end).toISOString());
  });
});

describe('tickDateLabels', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  it.each([
    [
      'dates of this year without the year',
      ['2026-11-01T00:00:00Z', '2026-11-15T00:00:00Z'],
      'UTC',
      ['1 Nov', '15 Nov'],
    ],
    [
      'the year on every date once the axis crosses into another',
      ['2025-12-20T00:00:00Z', '2026-01-10T00:00:00Z'],
      'UTC',
      ['20 Dec 2025', '10 Jan 2026'],
    ],
    ['the date in the member’s zone', ['2026-11-30T23:30:00Z'], 'Europe/Berlin', ['1 Dec']],
  ] as const)('%s', (_name, ticks, zone, labels) => {
    expect(
      tickDateLabels(
        ticks.map((t) => new Date(t)),
        now,
        zone,
      ),
    ).toEqual(labels);
  });
});
