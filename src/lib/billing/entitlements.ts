/** The one rule for what a person may use: every gate in the product asks `entitlementsFor`. */

export type Product = 'membership' | 'assessment';

/**
 * A period during which a person holds a product. Later sources (trial codes, Stripe subscriptions,
 * purchases, admin grants) are all reduced to grants before they reach this module.
 */
export interface Grant {
  product: Product;
  source: 'trial' | 'subscription' | 'purchase' | 'code' | 'admin';
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

function isActive(grant: Grant, now: Date): boolean {
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
