/**
 * Where a person's trial stands, for My learning (the trial-status slot: the same HTML on a cache miss,
 * from the component, and on a hit, from the slot filler) and for the pricing page.
 */
import type { Grant } from '../../billing/entitlements';
import { formatMoney } from '../../billing/plans';
import { membershipStatus, subscriptionSummary } from '../../billing/status';
import { type TrialState, trialStatusHtml } from '../../billing/trial-html';
import { settingsOf } from '../ledger/service';
import { grantsHeldBy, mayTrial, subscriptionsHeldBy } from './service';

export async function trialStateOf(
  userId: string,
  now: Date,
  grants?: readonly Grant[],
): Promise<TrialState> {
  const status = membershipStatus(grants ?? (await grantsHeldBy(userId)), now);
  if (status.kind === 'trial') return { kind: 'trial', until: status.until };
  if (status.kind === 'trial-ended') return { kind: 'trial-ended', endedAt: status.endedAt };
  // A member through Stripe may be in the subscription's trial; an open-ended grant is no trial.
  if (status.kind !== 'member' || status.until === null) return { kind: 'none' };
  for (const sub of await subscriptionsHeldBy(userId)) {
    if (sub.refused !== null) continue;
    const summary = subscriptionSummary(sub, now);
    if (summary.kind !== 'trialing') continue;
    const firstCharge =
      sub.amountCents != null && sub.currency
        ? `${formatMoney(sub.amountCents, sub.currency)} a ${sub.interval ?? 'period'}`
        : null;
    return { kind: 'paid-trial', until: summary.until, firstCharge };
  }
  return { kind: 'none' };
}

export async function trialStatusSlot(locals: App.Locals, now: Date): Promise<string> {
  if (!locals.user) return '';
  // The grants read with the session: the slot is filled on every dashboard hit, and asks nothing more
  // of the database unless there is a subscription to look at, or a trial whose end is shown in the
  // person's zone.
  const state = await trialStateOf(locals.user.id, now, locals.grants);
  if (state.kind === 'none') return '';
  return trialStatusHtml(state, now, (await settingsOf(locals.user.id)).timeZone);
}

/** The pricing page's view of a signed-in person: their trial, and whether a plan may still start with one. */
export async function pricingStateOf(
  userId: string,
  now: Date,
): Promise<{ trial: TrialState; mayTrial: boolean }> {
  const [trial, may] = await Promise.all([trialStateOf(userId, now), mayTrial(userId)]);
  return { trial, mayTrial: may };
}
