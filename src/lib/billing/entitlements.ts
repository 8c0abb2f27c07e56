/** The one rule for what a person may use: every gate in the product asks `entitlementsFor`. */

export type Product = 'membership' | 'assessment';

/**
 * A period during which a person holds a product. Later sources (trial codes, Stripe subscriptions,
 * purchases, admin grants) are all reduced to grants before they reach this module.
 */
export interface Grant {
  product: Product;
  source: 'trial' | 'subscription' | 'purchase' | 'code' | 'admin' | 'team';
  startsAt: Date;
  /** null: until revoked (a one-time purchase, an open-ended admin grant). */
  endsAt: Date | null;
}

/** Whoever is asking; null for an anonymous visitor. */
export interface EntitlementSubject {
  grants: readonly Grant[];
}

export interface Entitlements {
  membership: boolean;
  assessment: boolean;
  /** When membership ends if nothing changes; null when there is none, or it has no end. */
  until: Date | null;
}

export const NO_ENTITLEMENTS: Entitlements = Object.freeze({
  membership: false,
  assessment: false,
  until: null,
});

/** Whether a grant holds at `now`: begun, and not yet ended. The one rule every holding is read by. */
export function isActive(grant: Grant, now: Date): boolean {
  return (
    grant.startsAt.getTime() <= now.getTime() &&
    (grant.endsAt === null || now.getTime() < grant.endsAt.getTime())
  );
}

export function entitlementsFor(subject: EntitlementSubject | null, now: Date): Entitlements {
  if (subject === null) return NO_ENTITLEMENTS;
  const active = subject.grants.filter((g) => isActive(g, now));
  const membershipGrants = active.filter((g) => g.product === 'membership');
  const membership = membershipGrants.length > 0;
  let until: Date | null = null;
  if (membership && membershipGrants.every((g) => g.endsAt !== null)) {
    until = new Date(Math.max(...membershipGrants.map((g) => (g.endsAt as Date).getTime())));
  }
  // Membership includes the assessment.
  const assessment = membership || active.some((g) => g.product === 'assessment');
  return { membership, assessment, until };
}

/** The last state read from Stripe of a subscription, as far as access is concerned. */
export interface SubscriptionState {
  /** Stripe's status: trialing, active, past_due, canceled, unpaid, incomplete, incomplete_expired, paused. */
  status: string;
  startedAt: Date;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  endedAt: Date | null;
  /** When it was first seen past due; the grace period counts from here. */
  pastDueSince: Date | null;
  /** Refused by this site when Stripe completed it (see `subscriptionRefusal`): it grants nothing. */
  refused: boolean;
}

/** A failed renewal keeps membership this long while Stripe retries the card. */
export const PAST_DUE_GRACE_MS = 3 * 86_400_000;
/** A renewal is confirmed by a webhook shortly after the period ends; access doesn't lapse meanwhile. */
export const RENEWAL_SLACK_MS = 86_400_000;
/** The same for the end of a trial that turns into a paid plan. */
export const TRIAL_SLACK_MS = 3_600_000;

/**
 * The membership grant a subscription amounts to (every source of access is reduced to grants):
 * `trialing` and `active` hold until the period ends (plus a little slack for the renewal's webhook,
 * none when it is set to cancel); `past_due` holds for a grace period; anything else has ended.
 */
export function subscriptionGrant(sub: SubscriptionState, now: Date): Grant {
  const startsAt = sub.startedAt;
  const ended = (at: Date): Grant => ({
    product: 'membership',
    source: 'subscription',
    startsAt,
    endsAt: new Date(Math.max(at.getTime(), startsAt.getTime())),
  });
  const periodEnd = (end: Date | null, slack: number): Grant =>
    ended(end === null ? now : new Date(end.getTime() + (sub.cancelAtPeriodEnd ? 0 : slack)));
  if (sub.refused) return ended(startsAt);
  switch (sub.status) {
    case 'trialing':
      return periodEnd(sub.trialEnd ?? sub.currentPeriodEnd, TRIAL_SLACK_MS);
    case 'active':
      return periodEnd(sub.currentPeriodEnd, RENEWAL_SLACK_MS);
    case 'past_due':
      return ended(new Date((sub.pastDueSince ?? now).getTime() + PAST_DUE_GRACE_MS));
    default:
      return ended(sub.endedAt ?? now);
  }
}

/** Statuses in which a subscription holds (or is about to hold) membership. */
export const LIVE_SUBSCRIPTION_STATUSES: ReadonlySet<string> = new Set(['trialing', 'active', 'past_due']);

export type SubscriptionRefusal = 'second-trial' | 'second-membership';

/**
 * The once-per-person trial and the one-membership rules, applied when Stripe completes a subscription:
 * checking them when Checkout opens is not enough, since two Checkout Sessions opened side by side (the
 * monthly and the yearly plan in two tabs) can both complete. A subscription that starts with a trial is
 * refused when the person had a trial before; any new subscription is refused while another one holds
 * membership that is not set to end (switching plans after cancelling the old one at period end is fine).
 */
export function subscriptionRefusal(
  sub: { startsWithTrial: boolean },
  person: { hadTrial: boolean; otherRenewingMembership: boolean },
): SubscriptionRefusal | null {
  if (sub.startsWithTrial && person.hadTrial) return 'second-trial';
  if (person.otherRenewingMembership) return 'second-membership';
  return null;
}
