/** Time zones for the ledger: times are stored in UTC and entered and shown in the member's own zone, with Intl. */
import { LRUCache } from 'lru-cache';
import { formatLedgerTime, ledgerTimeFormatter } from './clock';

export const DEFAULT_TIME_ZONE = 'UTC';
/** Quick entry's default: due tomorrow at this local hour. */
export const DEFAULT_DUE_HOUR = 17;

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * Formatters per zone, bounded: only canonical names reach them (the settings store nothing else and
 * readers canonicalise), so the runtime's ~420 zones fit; the bound holds whatever a caller passes.
 */
const FORMATTERS_PER_KIND = 512;
const partsFormatters = new LRUCache<string, Intl.DateTimeFormat>({ max: FORMATTERS_PER_KIND });

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

let listed: ReadonlySet<string> | null = null;

/** Every time zone the runtime knows, for the settings form. */
let allZones: readonly string[] | null = null;

/** Every zone the runtime knows, UTC included: one list per process (the runtime's data doesn't change). */
export function timeZones(): readonly string[] {
  if (!allZones) {
    const zones = Intl.supportedValuesOf('timeZone');
    allZones = Object.freeze(zones.includes('UTC') ? zones : ['UTC', ...zones]);
  }
  return allZones;
}

/**
 * The canonical name of the zone `name` spells, as the settings list shows it, or null. Intl accepts
 * any letter case (`eUROPE/bERLIN`), aliases (`US/Eastern`) and offsets (`+01:00`); each spelling would
 * be a zone of its own that the settings list can't show. Case and aliases are resolved to the listed
 * name they stand for; offsets and zones outside the list are refused.
 */
export function canonicalTimeZone(name: string): string | null {
  listed ??= new Set(timeZones());
  if (listed.has(name)) return name;
  if (name.length === 0 || name.length > 64) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return listed.has(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** Whether `name` is a zone exactly as the settings list spells it. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) === name;
}

/** How many formatters are cached (both kinds), for the tests of the bound. */
export function cachedFormatterCount(): number {
  return partsFormatters.size + displayFormatters.size;
}

/** The wall-clock time in `timeZone` at an instant. */
export function localTime(date: Date, timeZone: string): LocalTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** How far `timeZone` is ahead of UTC at an instant, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  const t = localTime(new Date(instant), timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` names. A time skipped by a daylight-saving change is
 * moved forward by the gap; a repeated one means its first occurrence.
 */
export function zonedToUtc(local: LocalTime, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The zone's offsets a day either side: equal except around a change of offset.
  const before = guess - offsetMs(guess - 86_400_000, timeZone);
  const after = guess - offsetMs(guess + 86_400_000, timeZone);
  const shows = (instant: number) => {
    const t = localTime(new Date(instant), timeZone);
    return t.day === local.day && t.hour === local.hour && t.minute === local.minute;
  };
  const matching = [before, after].filter(shows);
  // Repeated: the earlier instant. Skipped: the offset before the change, which lands after the gap.
  return new Date(matching.length > 0 ? Math.min(...matching) : before);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const DAY_MS = 86_400_000;
/**
 * Per zone and UTC day, the zone's offset at the day's first and last second. A booster streak reads
 * the local day of every answer of a year (two formatter calls each made the dashboard take about 10 ms
 * for a daily learner); with the offsets kept, a day's dates are plain arithmetic. 20,000 entries: every
 * day of a year for fifty zones, about 2 MB.
 */
const dayOffsets = new LRUCache<string, readonly [number, number]>({ max: 20_000 });

/** The zone's offsets at the first and last second of the UTC day `dayIndex`. */
function offsetsOfUtcDay(dayIndex: number, timeZone: string): readonly [number, number] {
  const key = `${timeZone}\u0000${dayIndex}`;
  let offsets = dayOffsets.get(key);
  if (!offsets) {
    offsets = [offsetMs(dayIndex * DAY_MS, timeZone), offsetMs((dayIndex + 1) * DAY_MS - 1, timeZone)];
    dayOffsets.set(key, offsets);
  }
  return offsets;
}

/** `YYYY-MM-DD` of the local date. */
export function localDay(date: Date, timeZone: string): string {
  const instant = date.getTime();
  const offsets = offsetsOfUtcDay(Math.floor(instant / DAY_MS), timeZone);
  if (offsets[0] !== offsets[1]) {
    // The zone changes its offset during this UTC day: ask the formatter.
    const t = localTime(date, timeZone);
    return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  }
  const local = new Date(instant + offsets[0]);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

/**
 * The local date as a day number (days since 1970-01-01): `localDay` without the text, for code that
 * walks a year of dates (the booster streak).
 */
export function localDayNumber(instant: number, timeZone: string): number {
  const offsets = offsetsOfUtcDay(Math.floor(instant / DAY_MS), timeZone);
  if (offsets[0] !== offsets[1]) {
    const t = localTime(new Date(instant), timeZone);
    return Date.UTC(t.year, t.month - 1, t.day) / DAY_MS;
  }
  return Math.floor((instant + offsets[0]) / DAY_MS);
}

/** The value of a `datetime-local` input showing this instant in `timeZone`: `YYYY-MM-DDTHH:mm`. */
export function toLocalInput(date: Date, timeZone: string): string {
  const t = localTime(date, timeZone);
  return `${localDay(date, timeZone)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** Reads `YYYY-MM-DDTHH:mm` (a `datetime-local` value, seconds optional); null when it is not a real time. */
export function parseLocalInput(value: string): LocalTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  if (hour > 23 || minute > 59 || year < 2000 || year > 2200) return null;
  return { year, month, day, hour, minute };
}

/** The local calendar day containing `date`, as UTC instants: [start, end). */
export function dayBounds(date: Date, timeZone: string): { start: Date; end: Date } {
  const t = localTime(date, timeZone);
  const start = zonedToUtc({ year: t.year, month: t.month, day: t.day, hour: 0, minute: 0 }, timeZone);
  const next = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
  const end = zonedToUtc(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
  return { start, end };
}

/** The end of the `days`-th local day after the one containing `date` (0: the end of that day), DST-safe. */
export function endOfDayAfter(date: Date, timeZone: string, days: number): Date {
  const t = localTime(date, timeZone);
  const day = new Date(Date.UTC(t.year, t.month - 1, t.day + days));
  // Noon of that day is inside it whatever the zone's offset changes do at midnight.
  return dayBounds(
    zonedToUtc(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: 12,
        minute: 0,
      },
      timeZone,
    ),
    timeZone,
  ).end;
}

const dayHeadings = new LRUCache<string, Intl.DateTimeFormat>({ max: FORMATTERS_PER_KIND });

/** "Tomorrow", else "Saturday 5 December": the heading of a local day in the upcoming list. */
export function dayHeading(date: Date, now: Date, timeZone: string): string {
  if (localDay(date, timeZone) === localDay(endOfDayAfter(now, timeZone, 0), timeZone)) return 'Tomorrow';
  let f = dayHeadings.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
    dayHeadings.set(timeZone, f);
  }
  return f.format(date);
}

/** Quick entry's default due time: tomorrow at 5 pm in the member's zone. */
export function defaultDue(now: Date, timeZone: string): Date {
  const t = localTime(now, timeZone);
  const tomorrow = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
  return zonedToUtc(
    {
      year: tomorrow.getUTCFullYear(),
      month: tomorrow.getUTCMonth() + 1,
      day: tomorrow.getUTCDate(),
      hour: DEFAULT_DUE_HOUR,
      minute: 0,
    },
    timeZone,
  );
}

const displayFormatters = new LRUCache<string, Intl.DateTimeFormat>({ max: FORMATTERS_PER_KIND });

/** "Mon, 30 Nov 2026, 5 pm" in the member's zone (`formatLedgerTime`: one format on every ledger page). */
export function formatLocal(date: Date, timeZone: string): string {
  let f = displayFormatters.get(timeZone);
  if (!f) {
    f = ledgerTimeFormatter(timeZone);
    displayFormatters.set(timeZone, f);
  }
  return formatLedgerTime(date, f);
}

/**
 * A time shown to a signed-in person outside the ledger (a quiz result, their sessions): in their zone
 * (the ledger setting is the person's zone; UTC until they choose one), saying which: "Thu, 3 Dec 2026,
 * 2:06 pm (America/Chicago)".
 */
export function formatForPerson(date: Date, timeZone: string): string {
  return `${formatLocal(date, timeZone)} (${timeZone.replaceAll('_', ' ')})`;
}

/**
 * The person's calendar day of `date`, as noon UTC of that day: what the date-only formatters
 * (`formatDate`, `formatLongDate`, which read UTC) need to print the day it is where the person is.
 */
export function dayForPerson(date: Date, timeZone: string): Date {
  return new Date(localDayNumber(date.getTime(), timeZone) * DAY_MS + DAY_MS / 2);
}

/**
 * Regions with one legal time although the zone database lists another zone for part of them (an
 * informal local time, a disputed area): the IANA name first, then an older alias the runtime may use.
 */
const ONE_LEGAL_TIME: Readonly<Record<string, readonly string[]>> = {
  CN: ['Asia/Shanghai'],
  UA: ['Europe/Kyiv', 'Europe/Kiev'],
};

/**
 * In countries on several clocks, the zone most people mean by each clock (CLDR's "golden" zone of its
 * metazone: Eastern Time is New York's). The settings list suggests these first and the country's other
 * zones (Detroit, Indiana/Marengo, Kentucky/Louisville…) after them.
 */
const PRINCIPAL_ZONES: ReadonlySet<string> = new Set([
  // United States
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  // Canada
  'America/St_Johns',
  'America/Halifax',
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  // Mexico
  'America/Cancun',
  'America/Mexico_City',
  'America/Hermosillo',
  'America/Tijuana',
  // Brazil
  'America/Noronha',
  'America/Sao_Paulo',
  'America/Manaus',
  'America/Rio_Branco',
  // Australia
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Brisbane',
  'Australia/Hobart',
  'Australia/Adelaide',
  'Australia/Darwin',
  'Australia/Perth',
  // Russia
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  // Indonesia
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  // Spain, Portugal, Chile, Argentina, New Zealand, Kazakhstan, Mongolia, Ecuador
  'Europe/Madrid',
  'Atlantic/Canary',
  'Europe/Lisbon',
  'Atlantic/Azores',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'Pacific/Auckland',
  'Asia/Almaty',
  'Asia/Ulaanbaatar',
  'America/Guayaquil',
]);

/** The name to show for a region on one clock, where the runtime's first zone would read oddly or by an old alias. */
const PREFERRED_NAMES: Readonly<Record<string, readonly string[]>> = {
  AR: ['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
  IN: ['Asia/Kolkata', 'Asia/Calcutta'],
  VN: ['Asia/Ho_Chi_Minh', 'Asia/Saigon'],
  NP: ['Asia/Kathmandu', 'Asia/Katmandu'],
  MM: ['Asia/Yangon', 'Asia/Rangoon'],
};

/** A winter and a summer instant (fixed, so the rule never depends on today): zones on one clock agree at both. */
const CLOCK_SAMPLES = [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)];

function oneClock(zones: readonly string[]): boolean {
  const clock = (zone: string) => CLOCK_SAMPLES.map((t) => offsetMs(t, zone)).join(',');
  const first = zones[0];
  return first !== undefined && zones.every((zone) => clock(zone) === clock(first));
}

/**
 * A guess at the visitor's zone without JavaScript, from the region of their preferred language
 * (`Accept-Language`; a bare language takes its usual region, `de` → DE): only where that region keeps
 * one clock (`de-DE` → Europe/Berlin, `en-GB` → Europe/London). Where its people live on several clocks
 * (`en-US`, `pt-BR`, `en-AU`, `es-ES` with the Canaries) any one zone would be wrong for many of them, so
 * there is no guess (null) and the pages say that times are in UTC until a zone is chosen. Only a zone of
 * `available` (the settings form's list) is returned. The page says it is a guess.
 */
export function guessTimeZone(
  acceptLanguage: string | null,
  available: readonly string[] = timeZones(),
): string | null {
  const tag = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  if (!tag || tag === '*') return null;
  try {
    const locale = new Intl.Locale(tag).maximize() as Intl.Locale & { getTimeZones?: () => string[] };
    const region = locale.region ?? '';
    const official = ONE_LEGAL_TIME[region];
    if (official) return official.find((zone) => available.includes(zone)) ?? null;
    const zones = locale.getTimeZones?.() ?? [];
    if (!oneClock(zones)) return null;
    return [...(PREFERRED_NAMES[region] ?? []), ...zones].find((zone) => available.includes(zone)) ?? null;
  } catch {
    return null;
  }
}

export interface ZoneOption {
  /** The canonical name, as submitted and stored. */
  value: string;
  /** "America/Chicago — Central Time (UTC−6)". */
  label: string;
}

export interface ZoneChoices {
  /**
   * The zones of the browser language's region (`en-US` → the US zones), with the region's name; null
   * without one. `zones` are the clocks most of its people live by (`PRINCIPAL_ZONES`: New York, Chicago…),
   * `more` the region's other zones (Detroit, Indiana/Marengo…); both east to west.
   */
  suggested: { region: string; zones: ZoneOption[]; more: ZoneOption[] } | null;
  /** Every other zone, by its continent (the name's first part), in the runtime's order; UTC first on its own. */
  groups: { name: string; zones: ZoneOption[] }[];
}

const zoneLabels = new LRUCache<string, string>({ max: 1024 });

/** "UTC−6", "UTC+5:30", "UTC" (a real minus sign): the zone's offset at `at`. */
function offsetLabel(at: number, timeZone: string): string {
  const minutes = Math.round(offsetMs(at, timeZone) / 60_000);
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${minutes < 0 ? '−' : '+'}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * A zone as the settings list shows it: its name, what it is called (English, generic: "Central Time",
 * left out where Intl only knows an offset) and its offset at `at` (taken from the caller: summer and
 * winter differ).
 */
export function zoneLabel(zone: string, at: Date): string {
  const offset = offsetLabel(at.getTime(), zone);
  const key = `${zone}|${offset}`;
  const cached = zoneLabels.get(key);
  if (cached) return cached;
  const generic =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const named = generic && !generic.startsWith('GMT') && zone !== 'UTC' ? ` — ${generic}` : '';
  const label = zone === 'UTC' ? 'UTC' : `${zone.replaceAll('_', ' ')}${named} (${offset})`;
  zoneLabels.set(key, label);
  return label;
}

/** The region of the first language of `Accept-Language` (a bare language takes its usual region), or null. */
function regionOf(acceptLanguage: string | null): string | null {
  const tag = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  if (!tag || tag === '*') return null;
  try {
    return new Intl.Locale(tag).maximize().region ?? null;
  } catch {
    return null;
  }
}

/**
 * The settings' time zone list without JavaScript: the zones of the browser language's region first, as
 * suggestions (en-US: the US zones), then the rest by continent, each with a label people recognise.
 * Values stay the canonical names of `available`.
 */
export function zoneChoices(
  acceptLanguage: string | null,
  at: Date,
  available: readonly string[] = timeZones(),
): ZoneChoices {
  // The account and ledger settings pages build this list on every view: 400-odd zones, each labelled
  // with its offset. It depends only on the region, the hour (offsets change on the hour) and the list.
  if (available !== timeZones()) return buildZoneChoices(acceptLanguage, at, available);
  const key = `${regionOf(acceptLanguage) ?? ''}|${Math.floor(at.getTime() / 3_600_000)}`;
  let choices = zoneChoicesMemo.get(key);
  if (!choices) {
    choices = buildZoneChoices(acceptLanguage, at, available);
    zoneChoicesMemo.set(key, choices);
  }
  return choices;
}

/** Lists per region and hour: a few dozen regions in practice. */
const zoneChoicesMemo = new LRUCache<string, ZoneChoices>({ max: 256 });

function buildZoneChoices(
  acceptLanguage: string | null,
  at: Date,
  available: readonly string[],
): ZoneChoices {
  const option = (zone: string): ZoneOption => ({ value: zone, label: zoneLabel(zone, at) });
  const region = regionOf(acceptLanguage);
  let suggested: ZoneChoices['suggested'] = null;
  if (region) {
    const locale = new Intl.Locale(`und-${region}`) as Intl.Locale & { getTimeZones?: () => string[] };
    const zones = (locale.getTimeZones?.() ?? [])
      .map((z) => canonicalTimeZone(z))
      .filter((z): z is string => z !== null && available.includes(z));
    const name = new Intl.DisplayNames('en', { type: 'region' }).of(region) ?? region;
    // East to west (New York before Los Angeles), as a map of the region reads.
    const byOffset = [...new Set(zones)].sort(
      (a, b) => offsetMs(at.getTime(), b) - offsetMs(at.getTime(), a),
    );
    const principal = byOffset.filter((z) => PRINCIPAL_ZONES.has(z));
    // A region none of whose zones is listed (one clock, or a small country) shows them all first.
    const first = principal.length > 0 ? principal : byOffset;
    if (zones.length > 0) {
      suggested = {
        region: name,
        zones: first.map(option),
        more: byOffset.filter((z) => !first.includes(z)).map(option),
      };
    }
  }
  const taken = new Set([...(suggested?.zones ?? []), ...(suggested?.more ?? [])].map((z) => z.value));
  const groups: ZoneChoices['groups'] = [];
  for (const zone of available) {
    if (taken.has(zone)) continue;
    const name = zone.includes('/') ? (zone.split('/')[0] ?? zone) : 'UTC';
    let group = groups.find((g) => g.name === name);
    if (!group) {
      group = { name, zones: [] };
      groups.push(group);
    }
    group.zones.push(option(zone));
  }
  // UTC on its own first; the continents in the runtime's (alphabetical) order.
  groups.sort((a, b) => Number(b.name === 'UTC') - Number(a.name === 'UTC'));
  return { suggested, groups: groups.map((g) => ({ ...g, name: GROUP_NAMES[g.name] ?? g.name })) };
}

/** The zone database's areas as a reader says them. */
const GROUP_NAMES: Readonly<Record<string, string>> = {
  America: 'Americas',
  Atlantic: 'Atlantic Ocean',
  Indian: 'Indian Ocean',
  Pacific: 'Pacific Ocean',
  UTC: 'Coordinated Universal Time',
};
