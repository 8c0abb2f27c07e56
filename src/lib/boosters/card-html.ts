/**
 * The dashboard's booster card, as HTML. Pure. The dashboard is cached by the minute and by the
 * person's versions of their deck, their answers and their time zone (`cached-pages.ts`), so what is due stays true.
 */
import { escapeHtml } from '../platform/html';

export interface BoosterSummary {
  /** Items in the deck, retired ones included. */
  items: number;
  /**
   * Boosters today's session still asks (`todaysSession`): the count /review then shows one by one, of
   * those due by the end of the learner's local day.
   */
  dueToday: number;
  /** Due today beyond the session (asked on request, or kept for tomorrow). */
  moreDue: number;
  /** Days in the current streak (see `streak.ts`). */
  streak: number;
  /** See `retentionPercent` in `schedule.ts`; null for an empty deck. */
  retention: number | null;
  /** When the next booster is due, in words in the learner's zone; null when none is scheduled. */
  nextDue: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function boostersCardHtml(s: BoosterSummary): string {
  const open =
    '<section class="card section boosters-card" aria-labelledby="boosters-title"><h2 id="boosters-title">Trust boosters</h2>';
  if (s.items === 0) {
    return `${open}<p>Pass a lesson quiz and its questions come back here as short boosters, spaced so you keep what you learned.</p><p class="muted">Nothing to review yet.</p></section>`;
  }
  const due =
    s.dueToday > 0
      ? `<p class="boosters-due"><strong>${plural(s.dueToday, 'booster', 'boosters')}</strong> due today.</p><p><a class="button" href="/review">Review now</a></p>`
      : s.moreDue > 0
        ? `<p class="boosters-due">Today’s session is done. ${plural(s.moreDue, 'more booster is', 'more boosters are')} due: they keep until tomorrow, or <a href="/review?more=1">answer a few more now</a>.</p>`
        : `<p class="boosters-due">Nothing due today.${s.nextDue ? ` Next booster: ${escapeHtml(s.nextDue)}.` : ''}</p>`;
  const facts = [
    s.retention === null
      ? ''
      : `<li>You still know <strong>${s.retention}%</strong> of what you learned <span class="muted">(our estimate, from your past answers, of how likely you are to get each question right today, averaged)</span>.</li>`,
    `<li>${s.streak > 0 ? `${s.streak}-day booster streak <span class="muted">(a missed weekend doesn’t break it)</span>` : 'No booster streak yet: answer today’s boosters to start one'}.</li>`,
  ].join('');
  return `${open}${due}<ul class="boosters-facts">${facts}</ul><p class="muted"><a href="/review/settings">Booster settings</a></p></section>`;
}
