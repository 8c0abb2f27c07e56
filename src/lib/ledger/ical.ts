/** The calendar feed as iCalendar text (RFC 5545): one event per open promise, at its due time, in UTC. */

export interface FeedPromise {
  id: string;
  text: string;
  customerName: string;
  channel: string;
  dueAt: Date;
}

/** How long each event lasts in the calendar: long enough to see, short enough not to block a day. */
const EVENT_MINUTES = 15;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function icalText(value: string): string {
  // Control characters other than line breaks have no place in a calendar.
  const printable = [...value]
    .filter((c) => c === '\n' || c === '\r' || (c >= ' ' && c !== '\u007f'))
    .join('');
  return printable
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** `20261130T170000Z` */
export function icalDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const encoder = new TextEncoder();

/** Lines are folded at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function buildCalendar(
  promises: readonly FeedPromise[],
  options: { now: Date; siteUrl: string; host: string; note?: string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Trust Academy//Promise ledger//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText('Promises due (Trust Academy)')}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
  ];
  // The calendar's own description (RFC 7986, and the X-WR- name most clients show).
  if (options.note)
    lines.push(`DESCRIPTION:${icalText(options.note)}`, `X-WR-CALDESC:${icalText(options.note)}`);
  for (const p of promises) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:promise-${p.id}@${options.host}`,
      `DTSTAMP:${icalDate(options.now)}`,
      `DTSTART:${icalDate(p.dueAt)}`,
      `DTEND:${icalDate(new Date(p.dueAt.getTime() + EVENT_MINUTES * 60_000))}`,
      `SUMMARY:${icalText(`Promise to ${p.customerName}: ${p.text}`)}`,
      `DESCRIPTION:${icalText(`Promised by ${p.channel}. Record the outcome in your ledger: ${options.siteUrl}`)}`,
      `URL:${options.siteUrl}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The `webcal://` form of a feed's URL: calendar apps open it as a subscription rather than a download. */
export function webcalUrl(feedUrl: string): string {
  return feedUrl.replace(/^https?:\/\//, 'webcal://');
}
