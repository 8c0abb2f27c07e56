/** The fake Stripe's fixed prices and secrets, importable without loading the fake (the Playwright config needs them). */
import type { FakePrice } from './objects';

export const FAKE_PRICES: Record<'monthly' | 'yearly' | 'assessment', FakePrice> = {
  monthly: { id: 'price_fake_monthly', unitAmount: 1900, currency: 'usd', interval: 'month' },
  yearly: { id: 'price_fake_yearly', unitAmount: 19000, currency: 'usd', interval: 'year' },
  assessment: { id: 'price_fake_assessment', unitAmount: 2900, currency: 'usd', interval: null },
};
export const FAKE_SECRET_KEY = 'sk_test_fake_trust_academy';
export const FAKE_WEBHOOK_SECRET = 'whsec_fake_trust_academy';
