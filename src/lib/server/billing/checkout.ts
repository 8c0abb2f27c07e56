/**
 * Buying with Stripe: the order summary, Checkout Sessions (a free total granted at once instead), the
 * success page's question, the billing portal, and ending billing before an account is deleted.
 */
import { write } from '@db/client';
import { type Code, normalizeCode, type Refusal } from '../../billing/codes';
import { type Order, orderFor } from '../../billing/order';
import { PLANS, type Plan, type Quote } from '../../billing/plans';
import type { SessionUser } from '../accounts/sessions';
import { config, type StripeSettings, stripeSettings } from '../platform/config';
import { db } from '../platform/db';
import { buyerFor, redeem } from './codes';
import * as q from './queries';
import { createStripe, idOf, isMissing, isStripeOutage, type Stripe } from './stripe-client';
import type { StripeDeps } from './stripe-sync';

let stripeDepsCache: StripeDeps | null = null;

/** Stripe and the database, when payments are configured; null on the embedded default. */
export async function stripeDeps(): Promise<StripeDeps | null> {
  if (!stripeSettings || 'missing' in stripeSettings) return null;
  stripeDepsCache ??= {
    db: await db(),
    stripe: createStripe(stripeSettings.secretKey, stripeSettings.apiUrl, stripeSettings.timeoutMs),
    siteUrl: config.siteUrl,
  };
  return stripeDepsCache;
}

export function paymentsConfigured(): boolean {
  return stripeSettings !== null && !('missing' in stripeSettings);
}

function priceIdOf(plan: Plan): string {
  const settings = stripeSettings as StripeSettings;
  return settings.prices[plan.id];
}

export interface CheckoutView {
  plan: Plan;
  /** What the code typed does to this order (order.ts); the fields below are read from it. */
  order: Order;
  code: Code | null;
  refusal: Refusal | null;
  quote: Quote;
  mayTrial: boolean;
}

/** The order summary for a plan and the code typed (if any), for this person. */
export async function checkoutView(
  user: SessionUser,
  plan: Plan,
  codeInput: string | null,
  now: Date,
): Promise<CheckoutView> {
  const database = await db();
  const normal = codeInput ? normalizeCode(codeInput) : null;
  // Typed: the code, or null when there is no such code; nothing typed: undefined.
  const code = codeInput ? (normal ? await q.findCode(database, normal) : null) : undefined;
  const order = orderFor({ plan }, code, await buyerFor(database, code, user.id, user.emailVerified), now);
  return {
    plan,
    order,
    code: order.code,
    refusal: order.refusal,
    quote: order.quote,
    mayTrial: order.mayTrial,
  };
}

export type CheckoutStart =
  | { kind: 'redirect'; url: string }
  | { kind: 'granted'; code: Code }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not-configured' }
  | { kind: 'unavailable' };

/** The person's Stripe customer, created once (an idempotency key makes a retried create the same one). */
async function customerFor(deps: StripeDeps, user: SessionUser, now: Date): Promise<string> {
  const existing = await q.customerIdOf(deps.db, user.id);
  if (existing) return existing;
  const customer = await deps.stripe.customers.create(
    { email: user.email, name: user.displayName, metadata: { user_id: user.id } },
    { idempotencyKey: `customer:${user.id}` },
  );
  return write(deps.db, (tx) => q.insertCustomer(tx, user.id, customer.id, now));
}

/** A discount code's Stripe coupon and promotion code, created once and remembered. */
async function promotionCodeFor(deps: StripeDeps, code: Code): Promise<string> {
  const known = await q.stripeIdsOf(deps.db, code.code);
  if (known.promotionCodeId) return known.promotionCodeId;
  const coupon = await deps.stripe.coupons.create(
    {
      name: code.code,
      ...(code.percentOff !== null
        ? { percent_off: code.percentOff }
        : { amount_off: code.amountOffCents ?? 0, currency: PLANS.monthly.currency }),
      duration: code.discountDuration ?? 'once',
      ...(code.discountDuration === 'repeating' ? { duration_in_months: code.discountMonths ?? 1 } : {}),
      metadata: { code: code.code },
    },
    { idempotencyKey: `coupon:${code.code}` },
  );
  const promotion = await deps.stripe.promotionCodes.create(
    {
      promotion: { type: 'coupon', coupon: coupon.id },
      code: code.code,
      ...(code.expiresAt ? { expires_at: Math.floor(code.expiresAt.getTime() / 1000) } : {}),
      ...(code.maxRedemptions !== null ? { max_redemptions: code.maxRedemptions } : {}),
      metadata: { code: code.code },
    },
    { idempotencyKey: `promotion-code:${code.code}` },
  );
  await write(deps.db, (tx) => q.setStripeIds(tx, code.code, coupon.id, promotion.id));
  return promotion.id;
}

/** Mirrors a discount code to Stripe when payments are configured (called when a code is created). */
export async function mirrorCode(code: Code): Promise<void> {
  const deps = await stripeDeps();
  if (deps && code.kind === 'discount') await promotionCodeFor(deps, code);
}

/**
 * Buys what `checkoutView` summed up: a total of zero is granted here and now (a free product,
 * a trial code); anything else opens Stripe Checkout with the code applied. The same person asking
 * twice (a double click) gets the same Checkout Session.
 */
export async function startCheckout(
  user: SessionUser,
  view: CheckoutView,
  now: Date,
): Promise<CheckoutStart> {
  const { plan } = view;
  if (view.refusal) return { kind: 'refused', refusal: view.refusal };
  if (view.order.blocked) return { kind: 'refused', refusal: view.order.blocked };
  if (view.code && view.quote.free) {
    const redeemed = await redeem(user, view.code.code, now);
    // A code that costs nothing never needs payment; a race lost meanwhile comes back as its reason.
    return redeemed.kind === 'needs-payment' ? { kind: 'refused', refusal: 'unknown' } : redeemed;
  }
  const deps = await stripeDeps();
  if (!deps) return { kind: 'not-configured' };
  try {
    const customer = await customerFor(deps, user, now);
    const code = view.code;
    const promotion = code?.kind === 'discount' ? await promotionCodeFor(deps, code) : null;
    const attempt = await q.completedPurchases(deps.db, user.id);
    const site = config.siteUrl;
    const metadata = { user_id: user.id, plan: plan.id, product: plan.product, code: code?.code ?? '' };
    const key = `checkout:${user.id}:${plan.id}:${code?.code ?? '-'}:${view.mayTrial}:${attempt}:${Math.floor(now.getTime() / 3_600_000)}`;
    const session = await deps.stripe.checkout.sessions.create(
      {
        mode: plan.mode,
        customer,
        client_reference_id: user.id,
        line_items: [{ price: priceIdOf(plan), quantity: 1 }],
        success_url: `${new URL('/checkout/success', site).href}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: new URL(`/checkout/${plan.id}?canceled=1`, site).href,
        metadata,
        ...(promotion ? { discounts: [{ promotion_code: promotion }] } : {}),
        ...(plan.mode === 'subscription'
          ? {
              payment_method_collection: view.quote.trialDays ? 'if_required' : 'always',
              subscription_data: {
                metadata,
                ...(view.quote.trialDays
                  ? {
                      trial_period_days: view.quote.trialDays,
                      trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
                    }
                  : {}),
              },
            }
          : { payment_intent_data: { metadata } }),
      },
      { idempotencyKey: key },
    );
    if (!session.url) return { kind: 'unavailable' };
    return { kind: 'redirect', url: session.url };
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'unavailable' };
    throw error;
  }
}

export type CheckoutOutcome =
  | { kind: 'not-found' }
  | { kind: 'waiting' }
  | { kind: 'canceled' }
  | { kind: 'refused'; reason: 'second-trial' | 'second-membership'; charged: boolean }
  | { kind: 'done'; product: 'membership' | 'assessment'; trialEnd: Date | null };

/**
 * The success page's question: has what this Checkout Session bought been granted yet? Re-reads the
 * session from Stripe and checks it is this person's; grants nothing itself (the webhook does).
 */
export async function checkoutOutcome(user: SessionUser, sessionId: string | null): Promise<CheckoutOutcome> {
  const deps = await stripeDeps();
  if (!deps || !sessionId || !/^cs_[A-Za-z0-9_]{1,250}$/.test(sessionId)) return { kind: 'not-found' };
  let session: Stripe.Checkout.Session;
  try {
    session = await deps.stripe.checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (isMissing(error)) return { kind: 'not-found' };
    throw error;
  }
  if (session.client_reference_id !== user.id) return { kind: 'not-found' };
  if (session.status === 'expired') return { kind: 'canceled' };
  if (session.status !== 'complete') return { kind: 'waiting' };
  const reference = session.mode === 'subscription' ? idOf(session.subscription) : session.id;
  const held = reference ? await q.grantByReference(deps.db, user.id, reference) : null;
  if (!held) return { kind: 'waiting' };
  const sub =
    session.mode === 'subscription' && reference ? await q.subscriptionById(deps.db, reference) : null;
  if (sub?.refused) return { kind: 'refused', reason: sub.refused, charged: (session.amount_total ?? 0) > 0 };
  return {
    kind: 'done',
    product: held.product,
    trialEnd: sub?.status === 'trialing' ? sub.trialEnd : null,
  };
}

/** A Stripe billing portal session for the person (change card, cancel, invoices), or why not. */
export async function portalUrl(
  user: SessionUser,
  now: Date,
): Promise<{ kind: 'redirect'; url: string } | { kind: 'no-customer' } | { kind: 'unavailable' }> {
  const deps = await stripeDeps();
  const customer = deps ? await q.customerIdOf(deps.db, user.id) : null;
  if (!deps || !customer) return { kind: 'no-customer' };
  try {
    const portal = await deps.stripe.billingPortal.sessions.create(
      { customer, return_url: new URL('/account/billing', config.siteUrl).href },
      // A double click within the same minute opens the same portal session.
      { idempotencyKey: `portal:${customer}:${Math.floor(now.getTime() / 60_000)}` },
    );
    return { kind: 'redirect', url: portal.url };
  } catch (error) {
    if (isStripeOutage(error)) return { kind: 'unavailable' };
    throw error;
  }
}

/**
 * Before an account is deleted: its Stripe customer is deleted too, which cancels every subscription at
 * once and removes the name and email held there. `unavailable` when Stripe can't be reached (the
 * account is then kept, so nobody is charged for a deleted account).
 */
export async function endBillingFor(userId: string): Promise<'done' | 'unavailable'> {
  const deps = await stripeDeps();
  const customer = deps ? await q.customerIdOf(deps.db, userId) : null;
  if (!deps || !customer) return 'done';
  try {
    await deps.stripe.customers.del(customer);
    return 'done';
  } catch (error) {
    if (isMissing(error)) return 'done';
    if (isStripeOutage(error)) return 'unavailable';
    throw error;
  }
}
