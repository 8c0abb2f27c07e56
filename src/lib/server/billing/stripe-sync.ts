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
  refusedMessage,
  trialEndingMessage,
  trialStartedMessage,
} from '../../billing/emails';
import {
  type Grant,
  LIVE_SUBSCRIPTION_STATUSES,
  subscriptionGrant,
  subscriptionRefusal,
} from '../../billing/entitlements';
import { formatLongDate } from '../../platform/dates';
import { newId } from '../accounts/tokens';
import { enqueueEmail } from '../platform/outbox';
import { applyTeamEvent, applyTeamSubscription, teamIdOf } from '../teams/stripe-team';
import * as q from './queries';
import { idOf, isAlreadyRefunded, isMissing, type Stripe } from './stripe-client';
import { hadTrial } from './trial';

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
  if (object.object === 'checkout.session') return idOf((object as Stripe.Checkout.Session).subscription);
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
    refused: previous?.refused ?? null,
    createdAt: previous?.createdAt ?? fromUnix(sub.created) ?? now,
    updatedAt: now,
  };
}

interface Applied {
  previous: q.SubscriptionRow | null;
  row: q.SubscriptionRow;
  grant: Grant;
  /** Refused just now (the first time it was seen holding membership). */
  refusedNow: boolean;
}

/**
 * Writes a subscription and the membership grant it amounts to (the rule is `subscriptionGrant`'s);
 * returns the row as it was before, the row written and the grant. The first time a subscription is
 * seen holding membership, the one-trial and one-membership rules are applied to it in this same
 * transaction, so two completing side by side are judged one after the other.
 */
async function applySubscription(
  tx: Transaction,
  sub: Stripe.Subscription,
  userId: string,
  now: Date,
): Promise<Applied> {
  const previous = await q.subscriptionById(tx, sub.id);
  const row = rowFor(sub, userId, previous, now);
  const becameLive =
    LIVE_SUBSCRIPTION_STATUSES.has(sub.status) &&
    (previous === null || !LIVE_SUBSCRIPTION_STATUSES.has(previous.status));
  if (row.refused === null && becameLive) {
    row.refused = subscriptionRefusal(
      { startsWithTrial: sub.trial_start !== null },
      {
        hadTrial: await hadTrial(tx, userId, sub.id),
        otherRenewingMembership: await q.otherRenewingMembership(tx, userId, sub.id),
      },
    );
  }
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
      refused: row.refused !== null,
    },
    now,
  );
  await q.upsertMirroredGrant(tx, newId(), userId, sub.id, grant, row.code, now);
  return { previous, row, grant, refusedNow: row.refused !== null && previous?.refused == null };
}

/** Whether Stripe may still charge for (or grant) a subscription this site refused. */
const stillToEnforce = (row: q.SubscriptionRow): boolean =>
  row.refused !== null && LIVE_SUBSCRIPTION_STATUSES.has(row.status);

/**
 * Cancels a refused subscription in Stripe at once and refunds what was paid for it, then records
 * Stripe's answer. Safe to repeat (idempotency keys; an already refunded payment is skipped): a failure
 * is retried on the next delivery of any event about it, and by `npm run billing -- reconcile`.
 */
async function enforceRefusal(
  deps: StripeDeps,
  subscriptionId: string,
  userId: string,
  now: Date,
): Promise<void> {
  const { stripe, db } = deps;
  let sub = await fetchSubscription(stripe, subscriptionId);
  if (!sub) return;
  if (sub.status !== 'canceled' && sub.status !== 'incomplete_expired')
    sub = await stripe.subscriptions.cancel(sub.id, {}, { idempotencyKey: `refuse:${sub.id}` });
  const invoiceId = idOf(sub.latest_invoice);
  if (invoiceId) {
    const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
    for (const payment of invoice.payments?.data ?? []) {
      const intent = idOf(payment.payment.payment_intent);
      if (payment.status !== 'paid' || intent === null) continue;
      try {
        await stripe.refunds.create(
          { payment_intent: intent, reason: 'duplicate', metadata: { subscription: sub.id } },
          { idempotencyKey: `refund:${intent}` },
        );
      } catch (error) {
        if (!isAlreadyRefunded(error)) throw error;
      }
    }
  }
  const canceled = sub;
  await write(db, (tx) => applySubscription(tx, canceled, userId, now));
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
  if (await q.eventApplied(db, event.id)) {
    // Applied before, but cancelling a refused subscription may have failed after that commit: the
    // redelivery (Stripe retries a 503) tries again.
    const known = subscriptionIdOf(event);
    const row = known ? await q.subscriptionById(db, known) : null;
    if (row && stillToEnforce(row)) await enforceRefusal(deps, row.id, row.userId, now);
    return 'duplicate';
  }
  const link = (path: string): string => new URL(path, siteUrl).href;

  let session: Stripe.Checkout.Session | null = null;
  if (event.type === 'checkout.session.completed') {
    session = await stripe.checkout.sessions.retrieve((event.data.object as Stripe.Checkout.Session).id);
  }
  const subscriptionId = session ? idOf(session.subscription) : subscriptionIdOf(event);
  const sub = subscriptionId ? await fetchSubscription(stripe, subscriptionId) : null;
  // A team's plan (its metadata names the team) belongs to the team, not to a person.
  if (sub && teamIdOf(sub)) return applyTeamEvent(deps, event, sub, now);
  const customerId = idOf(sub?.customer) ?? idOf(session?.customer);

  const applied = await write(
    db,
    async (tx): Promise<{ outcome: EventOutcome; enforce?: q.SubscriptionRow }> => {
      if (!(await q.claimEvent(tx, event.id, event.type, new Date(event.created * 1000), now)))
        return { outcome: 'duplicate' };
      const person = customerId === null ? null : await q.userOfCustomer(tx, customerId);
      // A customer this site didn't create (another app on the same account): recorded, nothing to do.
      if (!person) return { outcome: 'ignored' };

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
      if (!sub) return { outcome: 'applied' };
      const { previous, row, grant, refusedNow } = await applySubscription(tx, sub, person.id, now);
      const done = { outcome: 'applied' as const, ...(stillToEnforce(row) ? { enforce: row } : {}) };

      const billing = link('/account/billing');
      if (row.refused !== null) {
        if (refusedNow)
          await enqueueEmail(
            tx,
            refusedMessage(person.email, row.refused, row.status === 'active', billing),
            now,
          );
        return done;
      }
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
      return done;
    },
  );
  // Stripe is called after the commit, never while holding the write lock.
  if (applied.enforce) await enforceRefusal(deps, applied.enforce.id, applied.enforce.userId, now);
  return applied.outcome;
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
      if (teamIdOf(sub)) {
        await write(db, (tx) => applyTeamSubscription(tx, sub, now));
        continue;
      }
      const { row } = await write(db, (tx) => applySubscription(tx, sub, userId, now));
      if (stillToEnforce(row)) await enforceRefusal(deps, sub.id, userId, now);
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
    const { row } = await write(db, (tx) => applySubscription(tx, sub, userId, now));
    if (stillToEnforce(row)) await enforceRefusal(deps, id, userId, now);
  }
  return { subscriptions: seen.size, customers: customers.length, missing };
}
