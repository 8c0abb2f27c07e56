/**
 * Stripe's state brought home: webhook events and the reconcile command both end here. Nothing is
 * taken from an event's payload but ids — the subscription or Checkout Session is re-read from Stripe,
 * so events that arrive twice, late or out of order leave local state equal to Stripe's current object.
 * The event id is recorded in the same transaction as its effect. Free of Astro, so the CLI can use it.
 */
import { type Database, type Transaction, write } from '@db/client';
import {
  canceledMessage,
  paymentFailedMessage,
  trialEndingMessage,
  trialStartedMessage,
} from '../../billing/emails';
import { type Grant, subscriptionGrant } from '../../billing/entitlements';
import { formatLongDate } from '../../platform/dates';
import { newId } from '../accounts/tokens';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';
import { idOf, isMissing, type Stripe } from './stripe-client';

export interface StripeDeps {
  db: Database;
  stripe: Stripe;
  siteUrl: URL;
}

const fromUnix = (seconds: number | null | undefined): Date | null =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000);

/** The subscription a subscription or invoice event is about, to re-read from Stripe. */
function subscriptionIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { object?: string; id?: string };
  if (object.object === 'subscription') return object.id ?? null;
  if (object.object === 'invoice')
    return idOf((object as Stripe.Invoice).parent?.subscription_details?.subscription);
  return null;
}

/** The local row for a subscription as Stripe has it now. */
function rowFor(
  sub: Stripe.Subscription,
  userId: string,
  previous: q.SubscriptionRow | null,
  now: Date,
): q.SubscriptionRow {
  const item = sub.items.data[0];
  const price = item?.price;
  return {
    id: sub.id,
    userId,
    customerId: idOf(sub.customer) ?? '',
    status: sub.status,
    priceId: price?.id ?? null,
    amountCents: price?.unit_amount ?? null,
    currency: price?.currency ?? null,
    interval: price?.recurring?.interval ?? null,
    trialStart: fromUnix(sub.trial_start),
    trialEnd: fromUnix(sub.trial_end),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    endedAt: fromUnix(sub.ended_at),
    pastDueSince: sub.status === 'past_due' ? (previous?.pastDueSince ?? now) : null,
    code: sub.metadata?.['code'] || null,
    createdAt: previous?.createdAt ?? fromUnix(sub.created) ?? now,
    updatedAt: now,
  };
}

/**
 * Writes a subscription and the membership grant it amounts to (the rule is `subscriptionGrant`'s);
 * returns the row as it was before, the row written and the grant.
 */
async function applySubscription(
  tx: Transaction,
  sub: Stripe.Subscription,
  userId: string,
  now: Date,
): Promise<{ previous: q.SubscriptionRow | null; row: q.SubscriptionRow; grant: Grant }> {
  const previous = await q.subscriptionById(tx, sub.id);
  const row = rowFor(sub, userId, previous, now);
  await q.upsertSubscription(tx, row);
  const grant = subscriptionGrant(
    {
      status: row.status,
      startedAt: fromUnix(sub.start_date) ?? row.createdAt,
      trialEnd: row.trialEnd,
      currentPeriodEnd: row.currentPeriodEnd,
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      endedAt: row.endedAt,
      pastDueSince: row.pastDueSince,
    },
    now,
  );
  await q.upsertMirroredGrant(tx, newId(), userId, sub.id, grant, row.code, now);
  return { previous, row, grant };
}

/** Re-reads a subscription; null when Stripe no longer has it. */
async function fetchSubscription(stripe: Stripe, id: string): Promise<Stripe.Subscription | null> {
  try {
    return await stripe.subscriptions.retrieve(id);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies one verified event exactly once. Stripe is read before the transaction (never while holding
 * the write lock); the transaction records the event id and writes its effect, or neither.
 */
export async function applyEvent(deps: StripeDeps, event: Stripe.Event, now: Date): Promise<EventOutcome> {
  const { db, stripe, siteUrl } = deps;
  if (await q.eventApplied(db, event.id)) return 'duplicate';
  const link = (path: string): string => new URL(path, siteUrl).href;

  let session: Stripe.Checkout.Session | null = null;
  if (event.type === 'checkout.session.completed') {
    session = await stripe.checkout.sessions.retrieve((event.data.object as Stripe.Checkout.Session).id);
  }
  const subscriptionId = session ? idOf(session.subscription) : subscriptionIdOf(event);
  const sub = subscriptionId ? await fetchSubscription(stripe, subscriptionId) : null;
  const customerId = idOf(sub?.customer) ?? idOf(session?.customer);

  return write(db, async (tx): Promise<EventOutcome> => {
    if (!(await q.claimEvent(tx, event.id, event.type, new Date(event.created * 1000), now)))
      return 'duplicate';
    const person = customerId === null ? null : await q.userOfCustomer(tx, customerId);
    // A customer this site didn't create (another app on the same account): recorded, nothing to do.
    if (!person) return 'ignored';

    if (
      session?.mode === 'payment' &&
      session.payment_status === 'paid' &&
      session.metadata?.['product'] === 'assessment'
    ) {
      const grant: Grant = { product: 'assessment', source: 'purchase', startsAt: now, endsAt: null };
      await q.upsertMirroredGrant(tx, newId(), person.id, session.id, grant, null, now);
    }
    const paidCode = session?.status === 'complete' ? session.metadata?.['code'] : undefined;
    if (paidCode && (await q.findCode(tx, paidCode)))
      await q.recordPaidRedemption(tx, newId(), paidCode, person.id, now);
    if (!sub) return 'applied';
    const { previous, row, grant } = await applySubscription(tx, sub, person.id, now);

    const billing = link('/account/billing');
    if (event.type === 'checkout.session.completed' && row.status === 'trialing' && row.trialEnd) {
      await enqueueEmail(
        tx,
        trialStartedMessage(
          person.email,
          formatLongDate(row.trialEnd),
          link('/lessons'),
          'Without a card the trial simply ends and nothing is charged. Manage it from your billing page.',
        ),
        now,
      );
    } else if (
      event.type === 'customer.subscription.trial_will_end' &&
      row.status === 'trialing' &&
      row.trialEnd
    ) {
      const willCharge = sub.default_payment_method !== null && !row.cancelAtPeriodEnd;
      await enqueueEmail(
        tx,
        trialEndingMessage(person.email, formatLongDate(row.trialEnd), billing, willCharge),
        now,
      );
    } else if (event.type === 'invoice.payment_failed' && row.pastDueSince) {
      await enqueueEmail(
        tx,
        paymentFailedMessage(person.email, formatLongDate(grant.endsAt ?? now), billing),
        now,
      );
    } else if (
      event.type === 'customer.subscription.deleted' &&
      row.status === 'canceled' &&
      previous?.status !== 'canceled'
    ) {
      await enqueueEmail(tx, canceledMessage(person.email, link('/pricing')), now);
    }
    return 'applied';
  });
}

/**
 * After an outage: re-reads every subscription of every known customer (and every subscription on
 * record) and writes what Stripe has now. Returns how many were brought up to date.
 */
export async function reconcile(
  deps: StripeDeps,
  now: Date,
): Promise<{ subscriptions: number; customers: number; missing: string[] }> {
  const { db, stripe } = deps;
  const customers = await q.allCustomers(db);
  const seen = new Set<string>();
  for (const { customerId, userId } of customers) {
    for await (const sub of stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 100 })) {
      seen.add(sub.id);
      await write(db, (tx) => applySubscription(tx, sub, userId, now));
    }
  }
  const missing: string[] = [];
  for (const { id, userId } of await q.subscriptionOwners(db)) {
    if (seen.has(id)) continue;
    const sub = await fetchSubscription(stripe, id);
    if (!sub) {
      missing.push(id);
      continue;
    }
    seen.add(id);
    await write(db, (tx) => applySubscription(tx, sub, userId, now));
  }
  return { subscriptions: seen.size, customers: customers.length, missing };
}
