/** Billing without a payment step: codes that cost nothing (a trial, a free product) and the local trial. */
import { type Transaction, write } from '@db/client';
import {
  type Code,
  DEFAULT_TRIAL_DAYS,
  grantFor,
  normalizeCode,
  productOf,
  type Refusal,
  refusalFor,
} from '../../billing/codes';
import { trialStartedMessage } from '../../billing/emails';
import type { Grant } from '../../billing/entitlements';
import { PLANS, type Plan, type Quote, quote } from '../../billing/plans';
import { unusableEvent } from '../../billing/webhook-events';
import { formatLongDate } from '../../platform/dates';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { config, type StripeSettings, stripeSettings } from '../platform/config';
import { db } from '../platform/db';
import { log } from '../platform/log';
import { kickMailer } from '../platform/mailer';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';
import { createStripe, idOf, isMissing, isStripeOutage, isStripeRefusal, type Stripe } from './stripe-client';
import { applyEvent, reconcile, type StripeDeps } from './stripe-sync';

export async function lookUpCode(input: string): Promise<Code | null> {
  const code = normalizeCode(input);
  return code === null ? null : q.findCode(await db(), code);
}

/** Why this person (or a visitor, null) can't use the code for its own product now, or null. */
async function refusalIn(
  reader: Parameters<typeof q.hadTrial>[0],
  code: Code | null,
  userId: string | null,
  now: Date,
): Promise<Refusal | null> {
  return refusalFor(code, {
    product: code ? productOf(code) : 'membership',
    now,
    usedByThem: code !== null && userId !== null && (await q.hasRedeemed(reader, code.code, userId)),
    hadTrial: userId !== null && (await q.hadTrial(reader, userId)),
  });
}

export async function checkCode(
  code: Code | null,
  userId: string | null,
  now: Date,
): Promise<Refusal | null> {
  return refusalIn(await db(), code, userId, now);
}

export type Redeemed =
  | { kind: 'granted'; code: Code }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'needs-payment'; code: Code };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal);
  }
}

/**
 * Redeems a code that costs nothing: checks every rule, counts the use, records the redemption and
 * grants the product, all in one transaction — or nothing at all. A code that needs payment (a discount)
 * is left for checkout.
 */
export async function redeem(user: SessionUser, input: string, now: Date): Promise<Redeemed> {
  const userId = user.id;
  const normal = normalizeCode(input);
  try {
    const result = await write(await db(), async (tx): Promise<Redeemed> => {
      const code = normal === null ? null : await q.findCode(tx, normal);
      const refusal = await refusalIn(tx, code, userId, now);
      if (refusal || !code) return { kind: 'refused', refusal: refusal ?? 'unknown' };
      const grant = grantFor(code, now);
      if (!grant) return { kind: 'needs-payment', code };
      // Anything given away needs a confirmed address, or every made-up address is another gift.
      if (!user.emailVerified) return { kind: 'refused', refusal: 'unconfirmed' };
      if (!(await q.useCode(tx, code.code))) throw new Refused('used-up');
      if (!(await q.insertRedemption(tx, newId(), code.code, userId, now))) throw new Refused('already-used');
      const mailbox = grant.source === 'trial' ? q.trialReference(user.email) : null;
      await q.insertGrant(tx, newId(), userId, grant, now, code.code, mailbox);
      if (grant.source === 'trial' && grant.endsAt) await trialStartedEmail(tx, user, grant.endsAt, now);
      return { kind: 'granted', code };
    });
    if (result.kind === 'granted' && result.code.kind === 'trial') kickMailer();
    return result;
  } catch (error) {
    // A lost race rolls the whole transaction back; the person gets the reason.
    if (error instanceof Refused) return { kind: 'refused', refusal: error.refusal };
    throw error;
  }
}

/** Queues the "trial started" email inside the transaction that started it. */
async function trialStartedEmail(tx: Transaction, user: SessionUser, endsAt: Date, now: Date): Promise<void> {
  const link = new URL('/lessons', config.siteUrl).href;
  await enqueueEmail(tx, trialStartedMessage(user.email, formatLongDate(endsAt), link), now);
}

/**
 * The free trial without a payment provider (the embedded default): 7 days of membership, once per
 * person, with an email saying until when.
 */
export async function startLocalTrial(
  user: SessionUser,
  now: Date,
): Promise<{ kind: 'started'; endsAt: Date } | { kind: 'refused'; refusal: Refusal }> {
  if (!user.emailVerified) return { kind: 'refused', refusal: 'unconfirmed' };
  const result = await write(await db(), async (tx) => {
    if (await q.hadTrial(tx, user.id)) return { kind: 'refused', refusal: 'trial-taken' } as const;
    const endsAt = new Date(now.getTime() + DEFAULT_TRIAL_DAYS * 86_400_000);
    await q.insertGrant(
      tx,
      newId(),
      user.id,
      { product: 'membership', source: 'trial', startsAt: now, endsAt },
      now,
      null,
      q.trialReference(user.email),
    );
    await trialStartedEmail(tx, user, endsAt, now);
    return { kind: 'started', endsAt } as const;
  });
  if (result.kind === 'started') kickMailer();
  return result;
}

/** The person's grants, for the billing page. */
export async function grantsHeldBy(userId: string): Promise<Grant[]> {
  return q.grantsOf(await db(), userId);
}

export async function redemptionsBy(userId: string): Promise<{ code: string; redeemedAt: Date }[]> {
  return q.redemptionsOf(await db(), userId);
}

/** Everything billing stores about a person, for "download my data". */
export async function billingData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const [held, redeemed, subs] = await Promise.all([
    q.grantsOf(database, userId),
    q.redemptionsOf(database, userId),
    q.subscriptionsOf(database, userId),
  ]);
  return {
    grants: held,
    codesRedeemed: redeemed,
    subscriptions: subs.map(({ userId: _user, ...sub }) => sub),
    stripeCustomer: await q.customerIdOf(database, userId),
  };
}

// ——— Stripe: checkout, webhooks, the success page, the billing portal ———

let stripeDepsCache: StripeDeps | null = null;

/** Stripe and the database, when payments are configured; null on the embedded default. */
async function stripeDeps(): Promise<StripeDeps | null> {
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
  const mayTrial = !(await q.hadTrial(database, user.id));
  const normal = codeInput ? normalizeCode(codeInput) : null;
  const code = normal ? await q.findCode(database, normal) : null;
  let refusal: Refusal | null = null;
  if (codeInput) {
    refusal = refusalFor(code, {
      product: plan.product,
      now,
      usedByThem: code !== null && (await q.hasRedeemed(database, code.code, user.id)),
      hadTrial: !mayTrial,
    });
  }
  const usable = refusal === null ? code : null;
  return { plan, code: usable, refusal, quote: quote(plan, usable, mayTrial), mayTrial };
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
async function mirrorCode(code: Code): Promise<void> {
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
  // A trial or a free total gives something away: only to a confirmed address.
  if (!user.emailVerified && (view.quote.free || view.quote.trialDays))
    return { kind: 'refused', refusal: 'unconfirmed' };
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

export type WebhookResult = { status: 200 | 400 | 503; message: string };

/** A webhook delivery: the signature checked on the raw body (5 minutes' tolerance), then applied once. */
export async function handleWebhook(
  rawBody: string,
  signature: string | null,
  now: Date,
): Promise<WebhookResult> {
  const deps = await stripeDeps();
  if (!deps) return { status: 400, message: 'Payments are not configured.' };
  if (!signature) return { status: 400, message: 'Missing Stripe-Signature header.' };
  let event: Stripe.Event;
  try {
    event = await deps.stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      (stripeSettings as StripeSettings).webhookSecret,
      300,
    );
  } catch (error) {
    // The SDK parses the body only after the signature matched: signed by Stripe, but not JSON.
    if (error instanceof SyntaxError) return acknowledged(null, 'the payload is not JSON');
    return { status: 400, message: 'Invalid signature.' };
  }
  const unusable = unusableEvent(event);
  if (unusable) return acknowledged(event, unusable);
  try {
    const outcome = await applyEvent(deps, event, now);
    if (outcome === 'applied') kickMailer();
    return { status: 200, message: outcome };
  } catch (error) {
    // Not applied (nothing was committed): Stripe delivers it again later. A locked database is answered
    // 503 by the middleware, as for every request.
    if (isStripeOutage(error)) return { status: 503, message: 'Try again later.' };
    // Stripe refused to read back what the event names (no such session, a malformed id): every
    // redelivery would be refused the same way.
    if (isStripeRefusal(error))
      return acknowledged(event, `Stripe refused to read its object: ${error.message}`);
    throw error;
  }
}

/** A genuine event of no use here: answered 200 so Stripe stops redelivering it, and logged for an operator. */
function acknowledged(event: unknown, reason: string): WebhookResult {
  const { id, type } = (typeof event === 'object' && event !== null ? event : {}) as {
    id?: unknown;
    type?: unknown;
  };
  log.warn(
    { eventId: String(id ?? '').slice(0, 255), eventType: String(type ?? '').slice(0, 100), reason },
    'stripe webhook acknowledged but not applied',
  );
  return { status: 200, message: `ignored: ${reason}` };
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

/** `npm run billing -- reconcile`: every known subscription re-read from Stripe; null without Stripe. */
export async function reconcileWithStripe(now: Date): Promise<Awaited<ReturnType<typeof reconcile>> | null> {
  const deps = await stripeDeps();
  return deps ? reconcile(deps, now) : null;
}

export async function subscriptionsHeldBy(userId: string): Promise<q.SubscriptionRow[]> {
  return q.subscriptionsOf(await db(), userId);
}

export async function mayTrial(userId: string): Promise<boolean> {
  return !(await q.hadTrial(await db(), userId));
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

// ── Operators: codes and membership granted by hand (the admin pages and the command-line tools) ──

/** Work done inside the transaction of a change, such as the admin's audit entry: both happen or neither. */
export type InSameTransaction<T = void> = (tx: Transaction, detail: T) => Promise<void>;

/**
 * Creates a code (checked with `newCodeFrom`); false when a code of that name exists. A discount code is
 * then mirrored to Stripe when payments are configured; should Stripe be unreachable, the first
 * checkout with the code mirrors it instead.
 */
export async function createCode(
  code: Omit<Code, 'redemptions'>,
  now: Date,
  also?: InSameTransaction,
): Promise<boolean> {
  const created = await write(await db(), async (tx) => {
    if (!(await q.insertCode(tx, code, now))) return false;
    await also?.(tx);
    return true;
  });
  if (created && code.kind === 'discount') {
    try {
      await mirrorCode({ ...code, redemptions: 0 });
    } catch (error) {
      if (!isStripeOutage(error)) throw error;
    }
  }
  return created;
}

/** Turns a code on or off; the code as it was before, or null when there is no such code. */
export async function setCodeActive(
  input: string,
  active: boolean,
  also?: InSameTransaction<Code>,
): Promise<Code | null> {
  const code = normalizeCode(input);
  if (code === null) return null;
  return write(await db(), async (tx) => {
    const before = await q.findCode(tx, code);
    if (!before || !(await q.setCodeActive(tx, code, active))) return null;
    await also?.(tx, before);
    return before;
  });
}

/** Membership granted by an operator from now, until `endsAt` (null: until revoked). */
export async function grantAdminMembership(
  userId: string,
  endsAt: Date | null,
  now: Date,
  also?: InSameTransaction<Grant>,
): Promise<Grant> {
  const grant: Grant = { product: 'membership', source: 'admin', startsAt: now, endsAt };
  await write(await db(), async (tx) => {
    await q.insertGrant(tx, newId(), userId, grant, now);
    await also?.(tx, grant);
  });
  return grant;
}

/** Ends the person's admin grants of membership now (other sources stand); how many it ended. */
export async function revokeAdminMembership(
  userId: string,
  now: Date,
  also?: InSameTransaction<number>,
): Promise<number> {
  return write(await db(), async (tx) => {
    const ended = await q.endAdminMembership(tx, userId, now);
    await also?.(tx, ended);
    return ended;
  });
}

/** The code whose grant gives the person the assessment now, for the result it is recorded on. */
export function codeBehindAssessment(tx: Transaction, userId: string, now: Date): Promise<string | null> {
  return q.codeBehindAssessment(tx, userId, now);
}

/** Every code, oldest first. */
export async function listCodes(): Promise<Code[]> {
  return q.allCodes(await db());
}
