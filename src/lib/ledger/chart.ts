/** Time ticks for the balance chart at whole local hours or days, so the axis reads "3 Dec 12:00", never "01:47". Pure. */
import { localTime, zonedToUtc } from './time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Tick steps to choose from, in minutes: round minutes below an hour, whole hours below a day, whole days above. */
const STEPS = [
  5,
  10,
  15,
  30,
  60,
  120,
  180,
  360,
  720,
  1440,
  2 * 1440,
  3 * 1440,
  7 * 1440,
  14 * 1440,
  28 * 1440,
].concat([56 * 1440, 91 * 1440, 182 * 1440, 364 * 1440]);
/** The shortest time axis: a day-one history (a few changes minutes apart) reads as an hour, not as a day. */
export const MIN_SPAN_MS = HOUR;

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
    if (ticks !== null) return { ticks, withTime: step * MINUTE < DAY };
  }
  return { ticks: [new Date(start), new Date(end)], withTime: false };
}

/** The ticks every `step` minutes of the zone's wall clock inside [start, end], or null when more than `max`. */
function ticksEvery(step: number, start: number, end: number, max: number, timeZone: string): Date[] | null {
  const t = localTime(new Date(start), timeZone);
  // Walk the wall clock of the member's zone from the local hour or day of `start`, so ticks sit on its round minutes, hours and midnights.
  const base =
    step < 60
      ? Date.UTC(t.year, t.month - 1, t.day, t.hour, Math.floor(t.minute / step) * step)
      : Date.UTC(
          t.year,
          t.month - 1,
          t.day,
          step < 1440 ? Math.floor(t.hour / (step / 60)) * (step / 60) : 0,
        );
  const ticks: Date[] = [];
  for (let i = 0; ; i++) {
    const wall = new Date(base + i * step * MINUTE);
    const at = zonedToUtc(
      {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
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
 * line runs up to it), at least `MIN_SPAN_MS` wide. A history shorter than that (a customer added
 * minutes ago) sits in the middle of the axis, with as much time before it as after now: reaching back
 * only put a new customer's one point at the right edge, as if the chart had nothing to show.
 */
export function balanceDomain(times: readonly Date[], now: Date): { start: number; end: number } {
  const ms = times.map((t) => t.getTime());
  const end = Math.max(now.getTime(), ...ms);
  const first = Math.min(end, ...ms);
  const missing = MIN_SPAN_MS - (end - first);
  if (missing <= 0) return { start: first, end };
  return { start: first - missing / 2, end: end + missing / 2 };
}

/** Where the balance line ends: now (it holds until today), or the last change if one is later. Pure. */
export function balanceUntil(times: readonly Date[], now: Date): number {
  return Math.max(now.getTime(), ...times.map((t) => t.getTime()));
}

/**
 * Points' x positions (in order, non-decreasing) moved apart so that neighbours are at least `gap`
 * apart and all stay inside [left, right]: changes recorded seconds apart each get their own dot and
 * step, as near their true time as the gap allows (the ledger table below gives the exact times). When
 * even that can't fit, the points are spaced evenly across the width.
 */
export function spreadPositions(xs: readonly number[], gap: number, left: number, right: number): number[] {
  const n = xs.length;
  if (n === 0) return [];
  if ((n - 1) * gap > right - left) {
    return xs.map((_, i) => (n === 1 ? right : left + ((right - left) * i) / (n - 1)));
  }
  const out = xs.map((x) => Math.min(right, Math.max(left, x)));
  for (let i = 1; i < n; i++) out[i] = Math.max(out[i] ?? 0, (out[i - 1] ?? 0) + gap);
  // Pushed past the right edge: pull back from it, keeping the gap.
  out[n - 1] = Math.min(out[n - 1] ?? right, right);
  for (let i = n - 2; i >= 0; i--) out[i] = Math.min(out[i] ?? 0, (out[i + 1] ?? 0) - gap);
  return out;
}

/**
 * How a point shows on the chart: the starting balance, a deposit (it went up) or a withdrawal (down),
 * by the sign of the change, not of the balance: a kept promise at −10 is still a deposit.
 */
export function changeKind(change: number | null): 'start' | 'deposit' | 'withdrawal' {
  if (change === null) return 'start';
  return change > 0 ? 'deposit' : 'withdrawal';
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
 * isn't in the year of `now`, so a reader never has to guess which December. A tick on the same day as
 * the one before it gets no date (its time says enough): an axis within one day reads "3 Dec" once.
 */
export function tickDateLabels(ticks: readonly Date[], now: Date, timeZone: string): string[] {
  const year = (d: Date) => localTime(d, timeZone).year;
  const thisYear = year(now);
  const withYear = ticks.some((t) => year(t) !== thisYear);
  const f = labelFormat(timeZone, withYear);
  const labels = ticks.map((t) => f.format(t));
  return labels.map((label, i) => (i > 0 && labels[i - 1] === label ? '' : label));
}
