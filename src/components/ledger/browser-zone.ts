/**
 * The ledger's one script, for members who have chosen no time zone yet (the pages work without it):
 * the page's times (`time[data-ledger-time]`, written in UTC) are shown in the browser's zone and the
 * zone note says so; promise forms send the browser's zone (`input[data-browser-zone]`), and say so in
 * their hint; a "Use <zone>" offer (`[data-zone-offer]`) is filled with it and shown. Nothing is saved
 * without the member's click. The server's HTML stays the same for everyone (the today view is cached):
 * all of this happens here. Bundled as a file: the CSP forbids inline scripts.
 */
import { formatLedgerTime, ledgerTimeFormatter } from '../../lib/ledger/clock';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const label = zone ? zone.replaceAll('_', ' ') : '';

if (zone && zone !== 'UTC') {
  // Only while no zone is saved (the note is there): a saved zone is the member's choice, kept as is.
  const unset = document.querySelector<HTMLElement>('[data-zone-unset]');
  if (unset) {
    const format = ledgerTimeFormatter(zone);
    for (const time of document.querySelectorAll<HTMLTimeElement>('time[data-ledger-time]')) {
      const at = new Date(time.dateTime);
      if (!Number.isNaN(at.getTime())) time.textContent = formatLedgerTime(at, format);
    }
    const times = unset.querySelector<HTMLElement>('[data-zone-times]');
    if (times) {
      times.textContent = `Times are shown in your browser’s time zone, ${label}. It isn’t saved yet: emails and your calendar feed still use UTC.`;
    }
  }
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-browser-zone]')) {
    input.value = zone;
  }
  for (const hint of document.querySelectorAll<HTMLElement>('[data-zone-hint]')) {
    hint.textContent = `Your time (${label}, from your browser: it becomes your ledger’s time zone when you save). Tomorrow at 5 pm unless you change it.`;
  }
  // The default due time was written for tomorrow in UTC; make it tomorrow at 5 pm here, unless edited.
  for (const due of document.querySelectorAll<HTMLInputElement>('input[data-default-due]')) {
    if (due.value !== due.dataset['defaultDue']) continue;
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    due.value = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T17:00`;
  }
  for (const offer of document.querySelectorAll<HTMLFormElement>('form[data-zone-offer]')) {
    const field = offer.querySelector<HTMLInputElement>('input[name="timeZone"]');
    const button = offer.querySelector<HTMLButtonElement>('button');
    const text = offer.querySelector<HTMLElement>('[data-zone-offer-text]');
    if (!field || !button) continue;
    field.value = zone;
    button.textContent = `Use ${label}`;
    if (text) text.textContent = `Save it as your ledger’s time zone:`;
    offer.hidden = false;
  }
}
