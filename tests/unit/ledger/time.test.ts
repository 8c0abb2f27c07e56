import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../src/lib/ledger/clock';
import {
  cachedFormatterCount,
  canonicalTimeZone,
  dayBounds,
  defaultDue,
  formatForPerson,
  formatLocal,
  guessTimeZone,
  isTimeZone,
  localDay,
  localDayNumber,
  localTime,
  parseLocalInput,
  timeZones,
  toLocalInput,
  zoneChoices,
  zonedToUtc,
  zoneLabel,
} from '../../../src/lib/ledger/time';

describe('member time zones', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    // Intl accepts these, but they are not names the settings list shows.
    expect(isTimeZone('europe/berlin')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
  });

  it('canonicalises other spellings of a listed zone and refuses offsets and unlisted zones', () => {
    expect(canonicalTimeZone('eUROPE/bERLIN')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    for (const refused of ['+01:00', '-05:30', 'Etc/GMT+5', 'Mars/Olympus', '', 'x'.repeat(65)])
      expect(canonicalTimeZone(refused), refused).toBeNull();
  });

  it('keeps a bounded number of formatters, however many spellings it is given', () => {
    const at = new Date(Date.UTC(2026, 10, 30, 12));
    const letters = 'americaargentinabuenosaires';
    const spellings = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      // 2,000 letter-case variants of one zone: Intl takes each as a zone of its own.
      const cased = [...letters].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join('');
      const spelling = `${cased.slice(0, 7)}/${cased.slice(7, 16)}/${cased.slice(16, 22)}_${cased.slice(22)}`;
      spellings.add(spelling);
      expect(localTime(at, spelling).hour).toBe(9);
      formatLocal(at, spelling);
    }
    expect(spellings.size).toBe(2_000);
    expect(cachedFormatterCount()).toBeLessThanOrEqual(1024);
  });

  it.each([
    ['UTC', '2026-11-30T17:00', '2026-11-30T17:00:00.000Z'],
    ['Europe/Berlin', '2026-11-30T17:00', '2026-11-30T16:00:00.000Z'],
    ['Europe/Berlin', '2026-07-01T17:00', '2026-07-01T15:00:00.000Z'],
    ['America/New_York', '2026-11-30T17:00', '2026-11-30T22:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-30T09:30', '2026-11-30T04:00:00.000Z'],
    // Skipped by the spring change (02:30 does not exist): moved forward by the gap.
    ['Europe/Berlin', '2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    // Repeated in autumn: the first occurrence.
    ['Europe/Berlin', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
  ])('%s %s is %s', (zone, local, utc) => {
    const parsed = parseLocalInput(local);
    expect(parsed).not.toBeNull();
    if (parsed) expect(zonedToUtc(parsed, zone).toISOString()).toBe(utc);
  });

  it('round-trips a datetime-local value', () => {
    const instant = new Date('2026-11-30T16:00:00Z');
    expect(toLocalInput(instant, 'Europe/Berlin')).toBe('2026-11-30T17:00');
  });

  it('refuses times that do not exist', () => {
    for (const bad of [
      '2026-02-30T10:00',
      '2026-11-30T24:00',
      '2026-11-30',
      'tomorrow',
      '2026-11-30T10:60',
    ]) {
      expect(parseLocalInput(bad)).toBeNull();
    }
  });

  it('defaults a quick promise to tomorrow at 5 pm local time', () => {
    // 23:30 in New York is already the next day in UTC; "tomorrow" is New York's.
    const now = new Date('2026-12-01T04:30:00Z');
    expect(defaultDue(now, 'America/New_York').toISOString()).toBe('2026-12-01T22:00:00.000Z');
    expect(defaultDue(now, 'UTC').toISOString()).toBe('2026-12-02T17:00:00.000Z');
  });

  it('knows where the local day starts and ends', () => {
    const now = new Date('2026-12-01T04:30:00Z');
    expect(localDay(now, 'America/New_York')).toBe('2026-11-30');
    const { start, end } = dayBounds(now, 'America/New_York');
    expect(start.toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });
});

describe('guessing the zone from the browser’s language', () => {
  it.each([
    // Regions on one clock: their zone.
    ['de-DE,de;q=0.9,en;q=0.8', 'Europe/Berlin'],
    ['de', 'Europe/Berlin'],
    ['en-GB', 'Europe/London'],
    ['fr', 'Europe/Paris'],
    ['ja-JP', 'Asia/Tokyo'],
    ['it', 'Europe/Rome'],
    ['pl-PL', 'Europe/Warsaw'],
    ['fr-CH', 'Europe/Zurich'],
    // One legal time, although the zone database lists another zone.
    ['zh-CN', 'Asia/Shanghai'],
    // Several clocks: no guess, the page says times are in UTC.
    ['en-US,en;q=0.9', null],
    ['en', null],
    ['pt-BR', null],
    ['en-AU', null],
    ['en-CA', null],
    ['es-MX', null],
    ['es-ES', null],
    ['pt-PT', null],
    ['ru', null],
    ['id', null],
    // Nothing to go on.
    ['*', null],
    [null, null],
    ['', null],
    ['not a tag!', null],
  ])('%s → %s', (header, zone) => {
    expect(guessTimeZone(header)).toBe(zone);
  });
});

describe('a guess is always a zone the settings form offers', () => {
  it('takes the IANA name, or the older alias when the list has only that', () => {
    expect(guessTimeZone('hi-IN', ['UTC', 'Asia/Kolkata'])).toBe('Asia/Kolkata');
    expect(guessTimeZone('hi-IN', ['UTC', 'Asia/Calcutta'])).toBe('Asia/Calcutta');
    expect(guessTimeZone('uk-UA', ['Europe/Kyiv', 'Europe/Kiev'])).toBe('Europe/Kyiv');
    expect(guessTimeZone('es-AR', ['America/Buenos_Aires', 'America/Cordoba'])).toBe('America/Buenos_Aires');
    expect(guessTimeZone('es-AR', ['America/Argentina/Buenos_Aires'])).toBe('America/Argentina/Buenos_Aires');
    expect(guessTimeZone('en-US', ['UTC'])).toBeNull();
    expect(guessTimeZone('de-DE', ['UTC'])).toBeNull();
  });
});

describe('localDay and localDayNumber', () => {
  // Zones with daylight saving on either hemisphere, a half-hour change (Lord Howe), quarter-hour
  // offsets (Kathmandu, Chatham) and a zone that skipped a whole day (Apia, end of 2011).
  const ZONES = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Pacific/Apia',
  ];

  it('name the same date as the formatter at every instant, across changes of offset', () => {
    const step = 47 * 60_000 + 13_000; // never on the same minute of the hour twice in a row
    const wrong: string[] = [];
    for (const zone of ZONES) {
      for (const [from, to] of [
        [Date.UTC(2011, 11, 25), Date.UTC(2012, 0, 5)],
        [Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)],
      ] as const) {
        for (let t = from; t < to; t += step) {
          const p = localTime(new Date(t), zone);
          const expected = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
          const got = localDay(new Date(t), zone);
          if (got !== expected) wrong.push(`${zone} ${new Date(t).toISOString()}: ${got}, not ${expected}`);
          const number = localDayNumber(t, zone);
          if (number !== Date.UTC(p.year, p.month - 1, p.day) / 86_400_000) {
            wrong.push(`${zone} ${new Date(t).toISOString()}: day number ${number} is not ${expected}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('one time format on every ledger page (review 3)', () => {
  it.each([
    [0, 0, '12 am'],
    [9, 5, '9:05 am'],
    [12, 0, '12 pm'],
    [17, 0, '5 pm'],
    [23, 30, '11:30 pm'],
  ] as const)('%i:%i reads %s, as the promise form says “5 pm”', (hour, minute, text) => {
    expect(clockTime(hour, minute)).toBe(text);
  });

  it('writes the date and the time in the member’s zone', () => {
    expect(formatLocal(new Date('2026-11-30T23:30:00Z'), 'America/Chicago')).toBe(
      'Mon, 30 Nov 2026, 5:30 pm',
    );
    expect(formatLocal(new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('Tue, 1 Dec 2026, 12:30 am');
  });
});

describe('the time zone list without JavaScript (review 3)', () => {
  const winter = new Date('2026-12-03T12:00:00Z');
  const summer = new Date('2026-07-01T12:00:00Z');

  it('labels a zone with its name, what it is called and its offset on the given day', () => {
    expect(zoneLabel('America/Chicago', winter)).toBe('America/Chicago — Central Time (UTC−6)');
    expect(zoneLabel('America/Chicago', summer)).toBe('America/Chicago — Central Time (UTC−5)');
    expect(zoneLabel('Asia/Kolkata', winter)).toBe('Asia/Kolkata — India Standard Time (UTC+5:30)');
    expect(zoneLabel('UTC', winter)).toBe('UTC');
  });

  it('suggests the zones of the language’s region first, then the rest by continent, each zone once', () => {
    const { suggested, groups } = zoneChoices('en-US,en;q=0.9', winter);
    expect(suggested?.region).toBe('United States');
    const us = suggested?.zones.map((z) => z.value) ?? [];
    expect(us).toEqual(
      expect.arrayContaining([
        'America/Chicago',
        'America/New_York',
        'America/Los_Angeles',
        'Pacific/Honolulu',
      ]),
    );
    expect(us).not.toContain('Europe/Berlin');
    // East to west: New York before Chicago before Los Angeles.
    expect(us.indexOf('America/New_York')).toBeLessThan(us.indexOf('America/Chicago'));
    expect(us.indexOf('America/Chicago')).toBeLessThan(us.indexOf('America/Los_Angeles'));
    expect(groups[0]?.name).toBe('Coordinated Universal Time');
    expect(groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['Europe', 'Americas', 'Asia', 'Africa']),
    );
    // The clocks most people live by first (New York … Honolulu), the other US zones after them.
    expect(us.slice(0, 7)).toEqual(
      [
        'America/New_York',
        'America/Chicago',
        'America/Denver',
        'America/Phoenix',
        'America/Los_Angeles',
        'America/Anchorage',
        'Pacific/Honolulu',
      ].filter((z) => us.includes(z)),
    );
    expect(us).toHaveLength(7);
    const more = suggested?.more.map((z) => z.value) ?? [];
    expect(more).toEqual(
      expect.arrayContaining(['America/Detroit', 'America/Indiana/Marengo', 'America/Boise']),
    );
    const rest = groups.flatMap((g) => g.zones.map((z) => z.value));
    expect(rest).not.toContain('America/Chicago');
    expect(rest).not.toContain('America/Detroit');
    // Every zone of the settings list, once, by its canonical name.
    expect([...us, ...more, ...rest].sort()).toEqual([...timeZones()].sort());
    expect(groups.find((g) => g.name === 'Europe')?.zones.every((z) => z.value.startsWith('Europe/'))).toBe(
      true,
    );
  });

  it.each([[null], ['*'], ['not a language tag!']])(
    'suggests nothing for %s, and still lists every zone',
    (header) => {
      const { suggested, groups } = zoneChoices(header, winter);
      expect(suggested).toBeNull();
      expect(groups.flatMap((g) => g.zones).length).toBe(timeZones().length);
    },
  );

  it('takes a bare language’s usual region: de suggests Germany’s zones', () => {
    expect(zoneChoices('de', winter).suggested?.zones.map((z) => z.value)).toContain('Europe/Berlin');
  });

  it('lists every zone of a region with no principal zone named as a suggestion, with nothing more', () => {
    const de = zoneChoices('de-DE', winter).suggested;
    expect(de?.zones.map((z) => z.value)).toEqual(expect.arrayContaining(['Europe/Berlin']));
    expect(de?.more).toEqual([]);
  });
});

describe('formatForPerson', () => {
  it('writes a time in the person’s zone and names the zone', () => {
    const at = new Date('2026-12-03T20:06:00Z');
    expect(formatForPerson(at, 'America/Chicago')).toBe('Thu, 3 Dec 2026, 2:06 pm (America/Chicago)');
    expect(formatForPerson(at, 'UTC')).toBe('Thu, 3 Dec 2026, 8:06 pm (UTC)');
    expect(formatForPerson(at, 'America/Argentina/Buenos_Aires')).toBe(
      'Thu, 3 Dec 2026, 5:06 pm (America/Argentina/Buenos Aires)',
    );
  });
});
