/**
 * The ledger's repeated parts as HTML strings — the due list, the outcome buttons, the customer picker.
 * The today view shows dozens of promises and hundreds of customers; built as strings they cost a small
 * fraction of a component per row (the bench's today view). Every text is escaped here.
 */
import { escapeHtml } from '../platform/html';
import { isOverdue, OUTCOME_LABELS, type Outcome, settle } from './rules';
import { dayHeading, formatLocal, localDay } from './time';

const SHORT: Readonly<Record<Outcome, string>> = {
  kept: 'Kept',
  late: 'Kept late',
  renegotiated: 'Renegotiated',
  broken: 'Broken',
};

/** The outcomes that can apply now: kept late only once due, renegotiated only before. */
export function offeredOutcomes(dueAt: Date, now: Date): Outcome[] {
  return dueAt.getTime() <= now.getTime() ? ['kept', 'late', 'broken'] : ['kept', 'renegotiated', 'broken'];
}

/**
 * One click to record what happened to an open promise, then back to `back`. Renegotiating is not an
 * outcome but a new due time agreed: it links to a form that asks for it.
 */
export function outcomeButtonsHtml(
  promise: { id: string; text: string; dueAt: Date },
  now: Date,
  back: string,
): string {
  const buttons = offeredOutcomes(promise.dueAt, now)
    .map((o) =>
      o === 'renegotiated'
        ? `<a class="button small outcome-${o}" href="/ledger/promises/${escapeHtml(promise.id)}/renegotiate?back=${escapeHtml(encodeURIComponent(back))}">Renegotiate</a>`
        : `<button class="button small outcome-${o}" type="submit" name="outcome" value="${o}" title="${OUTCOME_LABELS[o]}">${SHORT[o]}</button>`,
    )
    .join('');
  return (
    // The page's form action (`?_action=`, src/actions/ledger.ts), written out: this module renders without Astro.
    `<form method="POST" action="/ledger/promises/${escapeHtml(promise.id)}/outcome?_action=ledger.recordOutcome" class="outcome-form">` +
    `<input type="hidden" name="promise" value="${escapeHtml(promise.id)}">` +
    `<input type="hidden" name="back" value="${escapeHtml(back)}">` +
    `<fieldset><legend class="visually-hidden">What happened to “${escapeHtml(promise.text)}”?</legend>${buttons}</fieldset></form>`
  );
}

/**
 * A ledger time in the member's zone, marked with its instant (the `LedgerTime` component's markup): while
 * no zone is saved, the ledger's script shows it in the browser's zone, so the cached HTML stays one.
 */
export function timeHtml(at: Date, timeZone: string): string {
  return `<time datetime="${at.toISOString()}" data-ledger-time>${escapeHtml(formatLocal(at, timeZone))}</time>`;
}

export interface DueEntry {
  id: string;
  customerId: string;
  customerName: string;
  text: string;
  channel: string;
  dueAt: Date;
}

/** The today view's list of open promises due today and overdue. */
export function dueListHtml(items: readonly DueEntry[], now: Date, timeZone: string, back: string): string {
  const rows = items.map((p) => {
    const open = { dueAt: p.dueAt, outcome: null, resolvedAt: null };
    const overdue = isOverdue(open, now);
    const counted = settle(open, now) !== null;
    return (
      `<li class="due-item${overdue ? ' overdue' : ''}"><div class="due-text">` +
      `<a href="/ledger/customers/${escapeHtml(p.customerId)}">${escapeHtml(p.customerName)}</a>: <span>${escapeHtml(p.text)}</span>` +
      `<p class="muted due-when">${overdue ? 'Overdue since' : 'Due'} ${timeHtml(p.dueAt, timeZone)} · by ${escapeHtml(p.channel)}` +
      `${counted ? ' · counts as broken until you record what happened' : ''}</p>` +
      `</div>${outcomeButtonsHtml(p, now, back)}</li>`
    );
  });
  return `<ul class="due-list">${rows.join('')}</ul>`;
}

/** Open promises due after today, under a heading per local day (earliest first, as given). */
export function upcomingListHtml(
  items: readonly DueEntry[],
  now: Date,
  timeZone: string,
  back: string,
): string {
  const days: DueEntry[][] = [];
  let current = '';
  for (const item of items) {
    const day = localDay(item.dueAt, timeZone);
    if (day !== current) days.push([]);
    current = day;
    days[days.length - 1]?.push(item);
  }
  return days
    .map((group) => {
      const first = group[0] as DueEntry;
      return (
        '<div class="upcoming-day">' +
        `<h3>${escapeHtml(dayHeading(first.dueAt, now, timeZone))} <span class="muted">(${group.length})</span></h3>` +
        dueListHtml(group, now, timeZone, back) +
        '</div>'
      );
    })
    .join('');
}

/**
 * The `<option>`s of a customer picker, `selected` chosen (or a prompt first when none is). With `anyLabel`
 * (a filter), an option of that label for no customer always comes first.
 */
export function customerOptionsHtml(
  customers: readonly { id: string; name: string; company: string }[],
  selected: string,
  anyLabel: string | null = null,
): string {
  const prompt =
    anyLabel !== null
      ? `<option value=""${selected === '' ? ' selected' : ''}>${escapeHtml(anyLabel)}</option>`
      : selected === ''
        ? '<option value="">Choose a customer</option>'
        : '';
  return (
    prompt +
    customers
      .map(
        (c) =>
          `<option value="${escapeHtml(c.id)}"${c.id === selected ? ' selected' : ''}>${escapeHtml(c.name)}${c.company ? ` (${escapeHtml(c.company)})` : ''}</option>`,
      )
      .join('')
  );
}
