/**
 * `npm run test:stripe-live`: the billing journeys against Stripe's test mode, with a `sk_test_` key in
 * STRIPE_TEST_SECRET_KEY. Not part of `npm test` (it needs the internet and an account). Stripe can't
 * reach a loopback server, so each journey reads the real events from Stripe's events API and delivers
 * them to the app signed with the app's webhook secret — the bodies are Stripe's own.
 */
import { randomBytes } from 'node:crypto';
import { codes, subscriptions } from '@db/schema';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { postForm, useLearningServer } from '../support/learning';
import { visibleText } from '../support/phrases';

const key = process.env['STRIPE_TEST_SECRET_KEY'] ?? '';
if (!key.startsWith('sk_test_')) {
  throw new Error(
    'Set STRIPE_TEST_SECRET_KEY to a Stripe test-mode secret key (sk_test_…) to run these journeys.',
  );
}
const stripe = new Stripe(key, { timeout: 20_000, maxNetworkRetries: 2 });
const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
const prices: Record<'monthly' | 'yearly' | 'assessment', string> = {
  monthly: '',
  yearly: '',
  assessment: '',
};

/** The test account's prices for the academy, made once and found again by lookup key. */
async function ensurePrices(): Promise<void> {
  const wanted = {
    monthly: { unit_amount: 1900, recurring: { interval: 'month' as const } },
    yearly: { unit_amount: 19000, recurring: { interval: 'year' as const } },
    assessment: { unit_amount: 2900 },
  };
  const found = await stripe.prices.list({
    lookup_keys: Object.keys(wanted).map((k) => `trust-academy-live-${k}`),
  });
  for (const [name, spec] of Object.entries(wanted) as [keyof typeof prices, (typeof wanted)['monthly']][]) {
    const existing = found.data.find((p) => p.lookup_key === `trust-academy-live-${name}`);
    prices[name] =
      existing?.id ??
      (
        await stripe.prices.create(
          {
            currency: 'usd',
            product_data: { name: `Trust Academy live test: ${name}` },
            lookup_key: `trust-academy-live-${name}`,
            ...spec,
          },
          { idempotencyKey: `trust-academy-live-price-${name}` },
        )
      ).id;
  }
}

const app = useLearningServer(() => ({
  STRIPE_SECRET_KEY: key,
  STRIPE_WEBHOOK_SECRET: webhookSecret,
  STRIPE_PRICE_MONTHLY: prices.monthly,
  STRIPE_PRICE_YEARLY: prices.yearly,
  STRIPE_PRICE_ASSESSMENT: prices.assessment,
}));

beforeAll(ensurePrices, 60_000);

/** Delivers Stripe's own events about an object to the app, as Stripe's webhook would. */
async function deliverEventsAbout(objectId: string, types: string[]): Promise<void> {
  const events = await stripe.events.list({
    types,
    limit: 50,
    created: { gte: Math.floor(Date.now() / 1000) - 600 },
  });
  const about = events.data.filter((e) => (e.data.object as { id?: string }).id === objectId).reverse();
  expect(about.length).toBeGreaterThan(0);
  for (const event of about) {
    const payload = JSON.stringify(event);
    const res = await fetch(`${app.server.origin}/api/stripe/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }),
      },
      body: payload,
    });
    expect(res.status).toBe(200);
  }
}

const MEMBER_LESSON = '/lessons/punctuality-and-follow-up';

describe('Stripe test mode', () => {
  it('a trial opens Checkout for real, membership follows the subscription, cancelling locks again', async () => {
    const { v, userId } = await app.person({ member: false });
    const res = await postForm(v, '/checkout/monthly', [['code', '']]);
    expect(res.status).toBe(303);
    const url = res.headers.get('location') ?? '';
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const sessions = await stripe.checkout.sessions.list({ limit: 5 });
    const session = sessions.data.find((s) => s.client_reference_id === userId);
    expect(session).toMatchObject({
      mode: 'subscription',
      payment_method_collection: 'if_required',
      status: 'open',
    });
    const customer = session?.customer as string;

    // Completing hosted Checkout needs a browser on stripe.com; the same subscription made through the API.
    const sub = await stripe.subscriptions.create({
      customer,
      items: [{ price: prices.monthly }],
      trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
      metadata: { user_id: userId, plan: 'monthly', product: 'membership', code: '' },
    });
    await deliverEventsAbout(sub.id, ['customer.subscription.created']);
    expect(visibleText(await (await v.get(MEMBER_LESSON)).text())).not.toContain(
      'This lesson is for members',
    );
    const [row] = await app.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id));
    expect(row).toMatchObject({ status: 'trialing', userId });

    await stripe.subscriptions.cancel(sub.id);
    await deliverEventsAbout(sub.id, ['customer.subscription.deleted']);
    expect(visibleText(await (await v.get(MEMBER_LESSON)).text())).toContain('This lesson is for members');
    await stripe.customers.del(customer);
  });

  it('a discount code becomes a coupon and promotion code once, applied to the Checkout Session', async () => {
    const code = `LIVE${Date.now() % 1_000_000_000}`;
    await app.db
      .insert(codes)
      .values({ code, kind: 'discount', percentOff: 20, discountDuration: 'once', createdAt: new Date() });
    const { v, userId } = await app.person({ member: false });
    const res = await postForm(v, '/checkout/yearly', [['code', code]]);
    expect(res.status).toBe(303);
    const [stored] = await app.db.select().from(codes).where(eq(codes.code, code));
    const promotion = await stripe.promotionCodes.retrieve(stored?.stripePromotionCodeId ?? '');
    expect(promotion.code).toBe(code);
    const sessions = await stripe.checkout.sessions.list({ limit: 5 });
    const session = sessions.data.find((s) => s.client_reference_id === userId);
    expect(session?.discounts?.[0]?.promotion_code).toBe(promotion.id);
    await stripe.promotionCodes.update(promotion.id, { active: false });
    if (session?.customer) await stripe.customers.del(session.customer as string);
  });
});
