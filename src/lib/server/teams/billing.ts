/**
 * The team plan through Stripe, for the team's owner: one subscription per team on the membership's
 * monthly price, its quantity the number of seats; a 7-day team trial (card optional, up to
 * `TEAM_TRIAL_SEATS` seats, once per person); seats added or removed with proration; Stripe's billing
 * portal. The webhook remains the source of truth (stripe-team.ts); a seat change also applies Stripe's
 * answer at once, so the owner sees the new count on the next page.
 */
import { type Database, write } from '@db/client';
import { teamTrials } from '@db/schema';
import { eq } from 'drizzle-orm';
import { mailboxKey } from '../../accounts/email';
import { LIVE_SUBSCRIPTION_STATUSES } from '../../billing/entitlements';
import { mayManageBilling } from '../../teams/privacy';
import * as billing from '../billing/queries';
import { createStripe, isStripeOutage, type Stripe } from '../billing/stripe-client';
import { config, stripeSettings } from '../platform/config';
import { db } from '../platform/db';
import { type TransferActor, type TransferResult, transferCheck, transferInTransaction } from './ownership';
import * as q from './queries';
import { TEAM_TRIAL_DAYS, TEAM_TRIAL_SEATS } from './service';
import { applyTeamSubscription, TEAM_METADATA_KEY } from './stripe-team';

/** The most seats one team plan holds; a company larger than this talks to us. */
export const TEAM_MAX_SEATS = 1000;

interface Deps {
  db: Database;
  stripe: Stripe;
  priceId: string;
}

let deps: Deps | null = null;

async function stripeDeps(): Promise<Deps | null> {
  if (!stripeSettings || 'missing' in stripeSettings) return null;
  deps ??= {
    db: await db(),
    stripe: createStripe(stripeSettings.secretKey, stripeSettings.apiUrl, stripeSettings.timeoutMs),
    // A seat costs what one monthly membership costs.
    priceId: stripeSettings.prices.monthly,
  };
  return deps;
}

export type SeatProblem = 'too-few' | 'too-many' | 'trial-limit';

/** Why `seats` can't be the team's count, or null: never fewer than its members, at most the plan's limit. */
export function seatProblem(seats: number, members: number, trialing: boolean): SeatProblem | null {
  if (seats < Math.max(1, members)) return 'too-few';
  if (trialing && seats > TEAM_TRIAL_SEATS) return 'trial-limit';
  if (seats > TEAM_MAX_SEATS) return 'too-many';
  return null;
}

export type BillingRefusal =
  | 'not-owner'
  | 'not-configured'
  | 'unavailable'
  | 'has-plan'
  | 'no-plan'
  | SeatProblem;

type Owned = { teamId: string; team: q.TeamRow; members: number };

async function ownedTeam(database: Database, userId: string): Promise<Owned | null> {
  const membership = await q.membershipOf(database, userId);
  if (!membership || !mayManageBilling(membership.role)) return null;
  const team = await q.teamById(database, membership.teamId);
  if (!team) return null;
  return { teamId: team.id, team, members: await q.memberCount(database, team.id) };
}

const planIsLive = (team: q.TeamRow): boolean =>
  team.subscriptionId !== null && LIVE_SUBSCRIPTION_STATUSES.has(team.subscriptionStatus ?? '');

/** Whether the owner may still start the team trial (once per person, by mailbox). */
export async function mayTeamTrial(database: Database, email: string): Promise<boolean> {
  const [had] = await database
    .select()
    .from(teamTrials)
    .where(eq(teamTrials.mailboxKey, mailboxKey(email)));
  return had === undefined;
}

/**
 * Stripe Checkout for the team plan: `seats` seats on one subscription, starting with the team trial when
 * the owner hasn't had one. A double click within the hour opens the same session.
 */
export async function startTeamCheckout(
  owner: { id: string; email: string; displayName: string },
  seats: number,
  now: Date,
): Promise<{ kind: 'redirect'; url: string } | { kind: 'refused'; reason: BillingRefusal }> {
  const d = await stripeDeps();
  if (!d) return { kind: 'refused', reason: 'not-configured' };
  const owned = await ownedTeam(d.db, owner.id);
  if (!owned) return { kind: 'refused', reason: 'not-owner' };
  if (planIsLive(owned.team)) return { kind: 'refused', reason: 'has-plan' };
  const trial = await mayTeamTrial(d.db, owner.email);
  const problem = seatProblem(seats, owned.members, trial);
  if (problem) return { kind: 'refused', reason: problem };
  const page = new URL(`/teams/${owned.teamId}`, config.siteUrl);
  try {
    let customer = await billing.customerIdOf(d.db, owner.id);
    if (!customer) {
      // The same key as a person's own checkout: one Stripe customer per person, whatever they buy.
      const created = await d.stripe.customers.create(
        { email: owner.email, name: owner.displayName, metadata: { user_id: owner.id } },
        { idempotencyKey: `customer:${owner.id}` },
      );
      customer = await write(d.db, (tx) => billing.insertCustomer(tx, owner.id, created.id, now));
    }
    const session = await d.stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        customer,
        client_reference_id: owner.id,
        line_items: [{ price: d.priceId, quantity: seats }],
        metadata: { [TEAM_METADATA_KEY]: owned.teamId },
        subscription_data: {
          metadata: { [TEAM_METADATA_KEY]: owned.teamId },
          ...(trial
            ? {
                trial_period_days: TEAM_TRIAL_DAYS,
                trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
              }
            : {}),
        },
        ...(trial ? { payment_method_collection: 'if_required' as const } : {}),
        success_url: `${page.href}?notice=checkout`,
        cancel_url: page.href,
      },
      {
        idempotencyKey: `team-checkout:${owned.teamId}:${seats}:${trial}:${Math.floor(now.getTime() / 3_600_000)}`,
      },
    );
    if (!session.url) return { kind: 'refused', reason: 'unavailable' };
    return { kind: 'redirect', url: session.url };
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'refused', reason: 'unavailable' };
    throw error;
  }
}

/**
 * Changes the plan's quantity. Stripe prorates: added seats are charged now for what is left of the
 * period, removed seats credited to the next invoice; in the trial nothing is charged. Never below the
 * team's members (remove people first).
 */
export async function changeSeats(
  ownerId: string,
  seats: number,
  now: Date,
): Promise<{ kind: 'changed'; seats: number } | { kind: 'refused'; reason: BillingRefusal }> {
  const d = await stripeDeps();
  if (!d) return { kind: 'refused', reason: 'not-configured' };
  const owned = await ownedTeam(d.db, ownerId);
  if (!owned) return { kind: 'refused', reason: 'not-owner' };
  const { team } = owned;
  if (!planIsLive(team) || !team.subscriptionId) return { kind: 'refused', reason: 'no-plan' };
  const problem = seatProblem(seats, owned.members, team.subscriptionStatus === 'trialing');
  if (problem) return { kind: 'refused', reason: problem };
  try {
    const current = await d.stripe.subscriptions.retrieve(team.subscriptionId);
    const item = current.items.data[0];
    if (!item) return { kind: 'refused', reason: 'no-plan' };
    const updated = await d.stripe.subscriptions.update(
      current.id,
      {
        items: [{ id: item.id, quantity: seats }],
        proration_behavior: current.status === 'trialing' ? 'none' : 'always_invoice',
      },
      {
        idempotencyKey: `team-seats:${current.id}:${item.quantity ?? 1}:${seats}:${Math.floor(now.getTime() / 60_000)}`,
      },
    );
    await write(d.db, (tx) => applyTeamSubscription(tx, updated, now));
    return { kind: 'changed', seats };
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'refused', reason: 'unavailable' };
    throw error;
  }
}

/** Stripe's billing portal for the owner (card, invoices, cancelling), returning to the team page. */
export async function teamPortal(
  ownerId: string,
  now: Date,
): Promise<{ kind: 'redirect'; url: string } | { kind: 'refused'; reason: BillingRefusal }> {
  const d = await stripeDeps();
  if (!d) return { kind: 'refused', reason: 'not-configured' };
  const owned = await ownedTeam(d.db, ownerId);
  if (!owned) return { kind: 'refused', reason: 'not-owner' };
  const customer = await billing.customerIdOf(d.db, ownerId);
  if (!customer || !owned.team.subscriptionId) return { kind: 'refused', reason: 'no-plan' };
  try {
    const portal = await d.stripe.billingPortal.sessions.create(
      { customer, return_url: new URL(`/teams/${owned.teamId}`, config.siteUrl).href },
      { idempotencyKey: `team-portal:${customer}:${Math.floor(now.getTime() / 60_000)}` },
    );
    return { kind: 'redirect', url: portal.url };
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'refused', reason: 'unavailable' };
    throw error;
  }
}

/**
 * Hands the team to another member. A Stripe subscription belongs to one customer, and Stripe can't move
 * it to another, so a live plan paid by the outgoing owner is set to end at the close of the period
 * already paid for: they are never charged for a team they no longer own, members keep membership until
 * then, and the new owner starts the team plan on their own card (the team page tells them). Stripe is
 * asked first; if the change in the database is then refused (the person left meanwhile), the plan is
 * set to renew again. The database change itself is one transaction.
 */
export async function handOverTeam(
  owner: TransferActor,
  newOwnerId: string,
  now: Date,
): Promise<TransferResult | { kind: 'refused'; reason: 'unavailable' }> {
  const database = await db();
  const owned = await ownedTeam(database, owner.id);
  if (!owned) return { kind: 'refused', reason: 'not-owner' };
  const check = await transferCheck(database, owner.id, newOwnerId);
  if (check.kind === 'refused') return check;
  const subscriptionId = planIsLive(owned.team) ? owned.team.subscriptionId : null;
  if (!subscriptionId) return write(database, (tx) => transferInTransaction(tx, owner, newOwnerId, now));
  const d = await stripeDeps();
  if (!d) return { kind: 'refused', reason: 'unavailable' };
  let ending: Stripe.Subscription;
  try {
    ending = await d.stripe.subscriptions.update(
      subscriptionId,
      { cancel_at_period_end: true },
      {
        idempotencyKey: `team-handover:${subscriptionId}:${newOwnerId}:${Math.floor(now.getTime() / 60_000)}`,
      },
    );
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'refused', reason: 'unavailable' };
    throw error;
  }
  const result = await write(database, (tx) =>
    transferInTransaction(tx, owner, newOwnerId, now, {
      endPlan: true,
      // What the old plan still gives, written while its payer still owns the team.
      beforeSwap: async () => {
        await applyTeamSubscription(tx, ending, now);
      },
    }),
  );
  if (result.kind === 'refused') {
    // Best effort: should Stripe fail now, the webhook shows the owner a plan ending at the period's
    // close, which they can renew from the billing portal.
    await d.stripe.subscriptions
      .update(subscriptionId, { cancel_at_period_end: false })
      .catch(() => undefined);
  }
  return result;
}
