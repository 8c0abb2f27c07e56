/** Axes for the server-rendered charts: round value ticks and evenly spaced, labelled time ticks. Pure. */

/** Round steps a reader can count in: 1, 2, 2.5 and 5 times a power of ten. */
function niceStep(span: number, maxTicks: number): number {
  const raw = span / Math.max(1, maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/**
 * Value ticks covering [low, high] and always zero (a balance is read against zero), at most about
 * `maxTicks` of them; the returned domain is the first and last tick, so the plot ends on a labelled line.
 */
export function valueTicks(
  low: number,
  high: number,
  maxTicks = 5,
): { ticks: number[]; min: number; max: number } {
  const lo = Math.min(0, low);
  const hi = Math.max(0, high, lo + 1);
  const step = niceStep(hi - lo, maxTicks);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Math.round(v * 100) / 100);
  return { ticks, min, max };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A time domain around the given instants, at least a day wide (so a single day's changes spread out
 * instead of sitting on one vertical line), and `count` tick instants spread evenly across it.
 */
export function timeDomain(
  times: readonly Date[],
  count = 5,
): { start: number; end: number; ticks: Date[]; withTime: boolean } {
  const ms = times.map((t) => t.getTime());
  let start = Math.min(...ms);
  let end = Math.max(...ms);
  if (!Number.isFinite(start)) start = end = 0;
  if (end - start < DAY) {
    const middle = (start + end) / 2;
    start = middle - DAY / 2;
    end = middle + DAY / 2;
  }
  const ticks = Array.from({ length: count }, (_, i) => new Date(start + ((end - start) * i) / (count - 1)));
  // Ticks closer than two days apart need the time of day to tell them apart.
  return { start, end, ticks, withTime: (end - start) / (count - 1) < 2 * DAY };
}
