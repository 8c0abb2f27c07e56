/**
 * How the ledger writes a time: "Mon, 30 Nov 2026, 5 pm" ("5:30 pm" off the hour), the way the promise
 * form speaks of its default ("tomorrow at 5 pm"), the same on every ledger page. No dependencies: the
 * ledger's browser script uses it too, to show times in the browser's zone before a zone is saved.
 */

/** "5 pm", "5:30 pm", "12 pm" (noon), "12 am" (midnight), from a 24-hour clock. */
export function clockTime(hour: number, minute: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`} ${hour < 12 ? 'am' : 'pm'}`;
}

/** The formatter of one zone's date and 24-hour time parts; build one per zone and reuse it. */
export function ledgerTimeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** "Mon, 30 Nov 2026, 5 pm" with a formatter from `ledgerTimeFormatter`. */
export function formatLedgerTime(date: Date, formatter: Intl.DateTimeFormat): string {
  const part: Record<string, string> = {};
  for (const p of formatter.formatToParts(date)) part[p.type] = p.value;
  const clock = clockTime(Number(part['hour'] ?? 0), Number(part['minute'] ?? 0));
  return `${part['weekday']}, ${part['day']} ${part['month']} ${part['year']}, ${clock}`;
}
