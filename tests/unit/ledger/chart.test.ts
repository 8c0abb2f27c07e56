import { describe, expect, it } from 'vitest';
import {
  balanceDomain,
  balanceUntil,
  changeKind,
  spreadPositions,
  tickDateLabels,
  wholeTimeTicks,
} from '../../../src/lib/ledger/chart';
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
      'a one-day history (a new customer, changes minutes apart) runs from its first point, not a day back',
      ['2026-12-03T07:12:00Z', '2026-12-03T07:14:00Z', '2026-12-03T07:15:30Z'],
      '2026-12-03T07:12:00Z',
      now.toISOString(),
    ],
    [
      'is an hour wide at least, a short history (to now) in its middle',
      ['2026-12-03T09:50:00Z', '2026-12-03T09:55:00Z'],
      '2026-12-03T09:25:00Z',
      '2026-12-03T10:25:00Z',
    ],
    [
      'puts the one point of a customer added seconds ago in the middle, not at the right edge',
      ['2026-12-03T09:59:50Z'],
      '2026-12-03T09:29:55Z',
      '2026-12-03T10:29:55Z',
    ],
    [
      'a history exactly an hour long fills the axis',
      ['2026-12-03T09:00:00Z'],
      '2026-12-03T09:00:00Z',
      now.toISOString(),
    ],
    ['with no points, the hour around now', [], '2026-12-03T09:30:00Z', '2026-12-03T10:30:00Z'],
  ] as const)('%s', (_name, times, start, end) => {
    const domain = balanceDomain(
      times.map((t) => new Date(t)),
      now,
    );
    expect(new Date(domain.start).toISOString()).toBe(new Date(start).toISOString());
    expect(new Date(domain.end).toISOString()).toBe(new Date(end).toISOString());
  });
});

describe('balanceUntil', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  it('runs the line to now, or to a change recorded later than now', () => {
    expect(balanceUntil([new Date('2026-12-03T09:59:50Z')], now)).toBe(now.getTime());
    expect(balanceUntil([new Date('2026-12-03T10:00:05Z')], now)).toBe(at('2026-12-03T10:00:05Z'));
    expect(balanceUntil([], now)).toBe(now.getTime());
  });

  it('ends a new customer’s line in the middle of the axis, where now is', () => {
    const times = [new Date('2026-12-03T09:59:50Z')];
    const { start, end } = balanceDomain(times, now);
    const share = (balanceUntil(times, now) - start) / (end - start);
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
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
      'a date once, on its first tick of the day, when the axis stays within the day',
      ['2026-12-03T09:00:00Z', '2026-12-03T09:10:00Z', '2026-12-03T09:20:00Z', '2026-12-04T00:00:00Z'],
      'UTC',
      ['3 Dec', '', '', '4 Dec'],
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

describe('wholeTimeTicks on a short axis', () => {
  it('ticks on round minutes of the member’s zone when the axis is an hour', () => {
    const { ticks, withTime } = wholeTimeTicks(
      Date.parse('2026-12-03T09:00:00Z'),
      Date.parse('2026-12-03T10:00:00Z'),
      6,
      'Asia/Kolkata',
    );
    expect(withTime).toBe(true);
    // Kolkata is UTC+5:30: its quarter hours fall on UTC's too, its whole hours on UTC's half hours.
    expect(ticks.map((t) => t.toISOString())).toEqual([
      '2026-12-03T09:00:00.000Z',
      '2026-12-03T09:15:00.000Z',
      '2026-12-03T09:30:00.000Z',
      '2026-12-03T09:45:00.000Z',
      '2026-12-03T10:00:00.000Z',
    ]);
  });
});

describe('spreadPositions', () => {
  it.each([
    ['leaves points far enough apart where they are', [10, 50, 90], [10, 50, 90]],
    ['moves points recorded seconds apart a gap apart, from the first', [40, 41, 41.5], [40, 54, 68]],
    ['pulls a cluster at the right edge back inside it', [99, 100, 100], [72, 86, 100]],
    [
      'spaces evenly when even the gap cannot fit them all',
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 11.1, 22.2, 33.3, 44.4, 55.6, 66.7, 77.8, 88.9, 100],
    ],
    ['keeps a lone point', [30], [30]],
  ] as const)('%s', (_name, xs, expected) => {
    const out = spreadPositions(xs, 14, 0, 100);
    expect(out.map((x) => Math.round(x * 10) / 10)).toEqual(expected);
  });
});

describe('changeKind', () => {
  it('colours a point by the sign of its change, not of the balance', () => {
    expect(changeKind(null)).toBe('start');
    expect(changeKind(10)).toBe('deposit');
    expect(changeKind(-2)).toBe('withdrawal');
  });
});
