/** What a person's grants add up to, in the words the billing page uses. Pure; access itself is `entitlementsFor`. */
import { entitlementsFor, type Grant, isActive, PAST_DUE_GRACE_MS } from './entitlements';

const DAY = 86_400_000;

export type MembershipStatus =
  | { kind: 'trial'; until: Date; daysLeft: number }
  | { kind: 'member'; until: Date | null }
  | { kind: 'trial-ended'; endedAt: Date }
  | { kind: 'none' };

export function membershipStatus(grants: readonly Grant[], now: Date): MembershipStatus {
  const access = entitlementsFor({ grants }, now);
  const active = grants.filter((g) => g.product === 'membership' && isActive(g, now));
  if (access.membership) {
    // Only trials: say how long is left. Anything else (an admin grant, a subscription) makes a member.
    if (active.every((g) => g.source === 'trial') && access.until) {
      return {
        kind: 'trial',
        until: access.until,
        daysLeft: Math.ceil((access.until.getTime() - now.getTime()) / DAY),
      };
    }
    return { kind: 'member', until: access.until };
  }
  const trial = grants.find(
    (g) => g.source === 'trial' && g.endsAt !== null && g.endsAt.getTime() <= now.getTime(),
  );
  return trial?.endsAt ? { kind: 'trial-ended', endedAt: trial.endsAt } : { kind: 'none' };
}

/** A subscription's state in the billing page's words. Pure. */
export type SubscriptionSummary =
  | { kind: 'trialing'; until: Date; daysLeft: number }
  | { kind: 'active'; nextChargeOn: Date | null }
  | { kind: 'canceling'; accessUntil: Date | null }
  | { kind: 'past-due'; accessUntil: Date }
  | { kind: 'ended'; endedAt: Date | null };

export function subscriptionSummary(
  sub: {
    status: string;
    trialEnd: Date | null;
    currentPeriodEnd: Date | null;
    cancelAtPeriodEnd: boolean;
    endedAt: Date | null;
    pastDueSince: Date | null;
  },
  now: Date,
): SubscriptionSummary {
  if (sub.status === 'trialing' && sub.trialEnd && !sub.cancelAtPeriodEnd)
    return {
      kind: 'trialing',
      until: sub.trialEnd,
      daysLeft: Math.max(0, Math.ceil((sub.trialEnd.getTime() - now.getTime()) / DAY)),
    };
  if ((sub.status === 'trialing' || sub.status === 'active') && sub.cancelAtPeriodEnd)
    return { kind: 'canceling', accessUntil: sub.trialEnd ?? sub.currentPeriodEnd };
  if (sub.status === 'active') return { kind: 'active', nextChargeOn: sub.currentPeriodEnd };
  if (sub.status === 'past_due')
    return {
      kind: 'past-due',
      accessUntil: new Date((sub.pastDueSince ?? now).getTime() + PAST_DUE_GRACE_MS),
    };
  return { kind: 'ended', endedAt: sub.endedAt };
}
