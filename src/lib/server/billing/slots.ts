/** The dashboard's trial status for one request: the same HTML on a cache miss (the component) and a hit (the slot filler). */
import { formatMoney } from '../../billing/plans';
import { membershipStatus, subscriptionSummary } from '../../billing/status';
import { type TrialState, trialStatusHtml } from '../../billing/trial-html';
import { grantsHeldBy, subscriptionsHeldBy } from './service';

export async function trialStateOf(userId: string, now: Date): Promise<TrialState> {
  const status = membershipStatus(await grantsHeldBy(userId), now);
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
  return trialStatusHtml(await trialStateOf(locals.user.id, now), now);
}
