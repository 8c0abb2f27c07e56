/**
 * A team's Stripe subscription brought home: one subscription per team, its quantity the team's seats,
 * the membership it grants (`subscriptionGrant`, the same rule as a person's) the team's
 * `membership_until`, which the database copies to every member's grant. Called by the webhook and
 * `reconcile` (stripe-sync.ts routes subscriptions whose metadata names a team here) and right after the
 * owner changes seats. Free of Astro, so the CLI can use it.
 */
import { type Transaction, write } from '@db/client';
import { teams, teamTrials } from '@db/schema';
import { eq } from 'drizzle-orm';
import { mailboxKey } from '../../accounts/email';
import { LIVE_SUBSCRIPTION_STATUSES, subscriptionGrant } from '../../billing/entitlements';
import * as billing from '../billing/queries';
import { idOf, type Stripe } from '../billing/stripe-client';
import type { EventOutcome, StripeDeps } from '../billing/stripe-sync';
import * as q from './queries';

/** The subscription's metadata key naming its team (set at checkout on the subscription itself). */
export const TEAM_METADATA_KEY = 'team_id';

export function teamIdOf(sub: Stripe.Subscription | null): string | null {
  return sub?.metadata?.[TEAM_METADATA_KEY] || null;
}

const fromUnix = (seconds: number | null | undefined): Date | null =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000);

/**
 * Writes what the team's subscription amounts to. Ignored (false) when the team is gone, when the
 * subscription isn't paid by the team's owner, or when it is an ended one while another live one
 * already pays for the team.
 */
export async function applyTeamSubscription(
  tx: Transaction,
  sub: Stripe.Subscription,
  now: Date,
): Promise<boolean> {
  const teamId = teamIdOf(sub);
  const team = teamId ? await q.teamById(tx, teamId) : null;
  if (!team) return false;
  const payer = await billing.userOfCustomer(tx, idOf(sub.customer) ?? '');
  if (payer?.id !== team.ownerId) return false;
  const live = LIVE_SUBSCRIPTION_STATUSES.has(sub.status);
  const otherLive =
    team.subscriptionId !== null &&
    team.subscriptionId !== sub.id &&
    LIVE_SUBSCRIPTION_STATUSES.has(team.subscriptionStatus ?? '');
  if (otherLive && !live) return false;
  const item = sub.items.data[0];
  const pastDueSince =
    sub.status === 'past_due' ? ((team.subscriptionId === sub.id ? team.pastDueSince : null) ?? now) : null;
  const grant = subscriptionGrant(
    {
      status: sub.status,
      startedAt: fromUnix(sub.start_date) ?? now,
      trialEnd: fromUnix(sub.trial_end),
      currentPeriodEnd: fromUnix(item?.current_period_end),
      cancelAtPeriodEnd: sub.cancel_at_period_end,
      endedAt: fromUnix(sub.ended_at),
      pastDueSince,
      refused: false,
    },
    now,
  );
  await tx
    .update(teams)
    .set({
      plan: 'subscription',
      subscriptionId: sub.id,
      subscriptionStatus: sub.status,
      pastDueSince,
      // An ended plan keeps its last seat count: nobody is removed, and nobody can join past it.
      ...(live ? { seats: Math.max(1, item?.quantity ?? 1) } : {}),
      membershipUntil: grant.endsAt ?? new Date(0),
      updatedAt: now,
    })
    .where(eq(teams.id, team.id));
  if (sub.trial_start !== null) {
    const owner = await billing.userOfCustomer(tx, idOf(sub.customer) ?? '');
    if (owner)
      await tx
        .insert(teamTrials)
        .values({ mailboxKey: mailboxKey(owner.email), startedAt: fromUnix(sub.trial_start) ?? now })
        .onConflictDoNothing();
  }
  return true;
}

/** A verified event about a team's subscription, applied once (its id recorded in the same transaction). */
export async function applyTeamEvent(
  deps: StripeDeps,
  event: Stripe.Event,
  sub: Stripe.Subscription,
  now: Date,
): Promise<EventOutcome> {
  return write(deps.db, async (tx) => {
    if (!(await billing.claimEvent(tx, event.id, event.type, new Date(event.created * 1000), now)))
      return 'duplicate';
    return (await applyTeamSubscription(tx, sub, now)) ? 'applied' : 'ignored';
  });
}
