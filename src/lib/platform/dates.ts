/** Dates as the site shows them (British English, UTC). Formatters are built once: building one costs far more than using it. */
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from './bounded-cache';

const medium = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const withTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

const DAY = 86_400_000;
/** A day's text is about 100 bytes with its entry: some 10,000 days, and never more than the budget. */
const days = new BoundedCache<number, string>({
  name: 'dates',
  maxBytes: 1024 * 1024,
  maxEntryBytes: 1024,
  sizeOf: (text) => ENTRY_OVERHEAD_BYTES + 8 + stringBytes(text),
});

/** "23 Nov 2026" — memoised per day: pages such as the dashboard show many dates from few days. */
export function formatDate(date: Date): string {
  const day = Math.floor(date.getTime() / DAY);
  let text = days.get(day);
  if (text === undefined) {
    text = medium.format(date);
    days.set(day, text);
  }
  return text;
}
/** "23 November 2026" */
export const formatLongDate = (date: Date): string => long.format(date);
/** "23 Nov 2026, 18:39" (UTC) */
export const formatDateTime = (date: Date): string => withTime.format(date);
