/** Time ticks for the balance chart at whole local hours or days, so the axis reads "3 Dec 12:00", never "01:47". Pure. */
import { localTime, zonedToUtc } from './time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tick steps to choose from, in hours: whole hours below a day, whole days above. */
const STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 7 * 24, 14 * 24, 28 * 24, 56 * 24, 91 * 24, 182 * 24, 364 * 24];

/**
 * At most `max` ticks inside [start, end], at the smallest whole step that fits, aligned to local
 * midnight (day steps) or to the step's hours of the local day (hour steps); `withTime` when the
 * step is under a day.
 */
export function wholeTimeTicks(
  start: number,
  end: number,
  max: number,
  timeZone: string,
): { ticks: Date[]; withTime: boolean } {
  for (const step of STEPS) {
    const ticks = ticksEvery(step, start, end, max, timeZone);
    if (ticks !== null) return { ticks, withTime: step * HOUR < DAY };
  }
  return { ticks: [new Date(start), new Date(end)], withTime: false };
}

/** The ticks every `step` hours of the zone's wall clock inside [start, end], or null when more than `max`. */
function ticksEvery(step: number, start: number, end: number, max: number, timeZone: string): Date[] | null {
  const t = localTime(new Date(start), timeZone);
  // Walk the wall clock of the member's zone from the local day of `start`, so ticks sit on its hours and midnights.
  const base = Date.UTC(t.year, t.month - 1, t.day, step < 24 ? Math.floor(t.hour / step) * step : 0);
  const ticks: Date[] = [];
  for (let i = 0; ; i++) {
    const wall = new Date(base + i * step * HOUR);
    const at = zonedToUtc(
      {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: 0,
      },
      timeZone,
    ).getTime();
    if (at > end) return ticks;
    if (at >= start && ticks.at(-1)?.getTime() !== at) ticks.push(new Date(at));
    if (ticks.length > max) return null;
  }
}

/**
 * The balance chart's time axis: from its first point to now (the balance holds until today, so the
 * line runs up to it), at least a day wide, widened into the past rather than into a future with no data.
 */
export function balanceDomain(times: readonly Date[], now: Date): { start: number; end: number } {
  const ms = times.map((t) => t.getTime());
  const end = Math.max(now.getTime(), ...ms);
  const start = Math.min(end - DAY, ...ms);
  return { start, end };
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();

function labelFormat(timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withYear}`;
  let f = labelFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone,
    });
    // One per zone and kind a member uses: the zones come from the settings list, so this stays small.
    if (labelFormats.size < 1024) labelFormats.set(key, f);
  }
  return f;
}

/**
 * The date under each tick: "3 Dec", with the year ("3 Dec 2026") when the axis crosses a new year or
 * isn't in the year of `now`, so a reader never has to guess which December.
 */
export function tickDateLabels(ticks: readonly Date[], now: Date, timeZone: string): string[] {
  const year = (d: Date) => localTime(d, timeZone).year;
  const thisYear = year(now);
  const withYear = ticks.some((t) => year(t) !== thisYear);
  const f = labelFormat(timeZone, withYear);
  return ticks.map((t) => f.format(t));
}
