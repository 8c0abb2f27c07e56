/**
 * The dashboard's trial status, as HTML: the `trial-status` slot, filled per request, because the days
 * left move with the clock while the rest of the dashboard is cached per data version and entitlements.
 * Pure: `now` comes from the caller.
 */
import { dayForPerson, formatForPerson } from '../ledger/time';
import { formatDate } from '../platform/dates';
import { escapeHtml } from '../platform/html';

export const TRIAL_STATUS_SLOT = 'trial-status';

/** A trial ended this long ago is still mentioned; after that the dashboard stops bringing it up. */
export const TRIAL_ENDED_NOTICE_MS = 14 * 86_400_000;

export type TrialState =
  /** A trial granted here (a trial code or the local trial): it ends by itself. */
  | { kind: 'trial'; until: Date }
  /** A Stripe subscription in its trial: the first payment follows unless it is cancelled. */
  | { kind: 'paid-trial'; until: Date; firstCharge: string | null }
  | { kind: 'trial-ended'; endedAt: Date }
  | { kind: 'none' };

const DAY = 86_400_000;

/** "5 days left", "1 day left", "less than a day left": whole days rounded up, as the billing page counts. */
export function daysLeftText(until: Date, now: Date): string {
  const ms = until.getTime() - now.getTime();
  if (ms < DAY) return 'less than a day left';
  const days = Math.ceil(ms / DAY);
  return `${days} ${days === 1 ? 'day' : 'days'} left`;
}

/** "ends 8 Dec 2026", or with the time when it is under a day away: in the person's zone, the one clock format. */
function endsText(until: Date, now: Date, timeZone: string): string {
  return until.getTime() - now.getTime() < DAY
    ? `ends ${escapeHtml(formatForPerson(until, timeZone))}`
    : `ends ${formatDate(dayForPerson(until, timeZone))}`;
}

/** `timeZone`: the person's (their ledger setting; UTC until they choose one). */
export function trialStatusHtml(state: TrialState, now: Date, timeZone: string): string {
  const open = (title: string) =>
    `<section class="trial-status" aria-labelledby="trial-status-title"><p class="trial-status-title" id="trial-status-title">${title}</p>`;
  if (state.kind === 'trial') {
    return (
      open(
        `<strong>Trial: ${daysLeftText(state.until, now)}</strong>, ${endsText(state.until, now, timeZone)}`,
      ) +
      '<p>Every lesson, quiz, practice conversation and the promise ledger are open until then. After that the free lessons stay open and everything you did is kept; a plan opens the rest again. No card is on file, so nothing is charged.</p>' +
      '<p class="actions"><a class="button secondary" href="/pricing">Choose a plan</a></p></section>'
    );
  }
  if (state.kind === 'paid-trial') {
    return (
      open(
        `<strong>Trial: ${daysLeftText(state.until, now)}</strong>, ${endsText(state.until, now, timeZone)}`,
      ) +
      `<p>Then your membership carries on${state.firstCharge ? ` at ${escapeHtml(state.firstCharge)}` : ''}, charged to the card you added, unless you cancel before.</p>` +
      '<p><a href="/account/billing">Billing: your plan, card and cancelling</a></p></section>'
    );
  }
  if (state.kind === 'trial-ended' && now.getTime() - state.endedAt.getTime() < TRIAL_ENDED_NOTICE_MS) {
    return (
      open(`<strong>Your free trial ended on ${formatDate(dayForPerson(state.endedAt, timeZone))}</strong>`) +
      '<p>The free lessons are still open, and your progress, results and ledger are kept. A plan opens every lesson again.</p>' +
      '<p class="actions"><a class="button secondary" href="/pricing">See the plans</a></p></section>'
    );
  }
  return '';
}
