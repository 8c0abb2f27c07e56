/** What a code does to an order (src/lib/billing/order.ts): one table, every kind of code and person. */
import { describe, expect, it } from 'vitest';
import type { Code } from '../../../src/lib/billing/codes';
import { type Buyer, type Order, type OrderTarget, orderFor } from '../../../src/lib/billing/order';
import { PLANS } from '../../../src/lib/billing/plans';

const now = new Date('2026-11-23T12:00:00Z');
const day = 86_400_000;

const base: Code = {
  code: 'X',
  kind: 'trial',
  trialDays: null,
  product: null,
  percentOff: null,
  amountOffCents: null,
  discountDuration: null,
  discountMonths: null,
  expiresAt: null,
  maxRedemptions: null,
  redemptions: 0,
  active: true,
};
const TRIAL14: Code = { ...base, code: 'TRY14', kind: 'trial', trialDays: 14 };
const BLOG: Code = { ...base, code: 'BLOG', kind: 'free_product', product: 'assessment' };
const FREEMEMBER: Code = { ...base, code: 'GIFT', kind: 'free_product', product: 'membership' };
const PCT20: Code = { ...base, code: 'SAVE20', kind: 'discount', percentOff: 20, discountDuration: 'once' };
const EXPIRED: Code = { ...PCT20, code: 'OLD', expiresAt: new Date(now.getTime() - day) };

const newcomer: Buyer = { usedCode: false, hadTrial: false, emailVerified: true };
const trialled: Buyer = { ...newcomer, hadTrial: true };
const unconfirmed: Buyer = { ...newcomer, emailVerified: false };
const reused: Buyer = { ...newcomer, usedCode: true };

const monthly: OrderTarget = { plan: PLANS.monthly };
const assessment: OrderTarget = { plan: PLANS.assessment };

type Expected = Partial<Pick<Order, 'refusal' | 'blocked' | 'mayTrial'>> & {
  code?: string | null;
  grant?: 'trial' | 'code' | null;
  total?: number | null;
  free?: boolean;
  trialDays?: number | null;
  trialEnds?: number | null;
};

const cases: [string, OrderTarget, Code | null | undefined, Buyer, Expected][] = [
  // No code typed: the plan's price, with the plan's trial for a newcomer.
  [
    'monthly, no code, newcomer',
    monthly,
    undefined,
    newcomer,
    {
      code: null,
      refusal: null,
      grant: null,
      total: 1900,
      trialDays: 7,
      trialEnds: 7,
      blocked: null,
      mayTrial: true,
    },
  ],
  [
    'monthly, no code, had a trial',
    monthly,
    undefined,
    trialled,
    { total: 1900, trialDays: null, trialEnds: null, blocked: null, mayTrial: false },
  ],
  [
    'monthly, no code, unconfirmed: the trial gives something away',
    monthly,
    undefined,
    unconfirmed,
    { trialDays: 7, blocked: 'unconfirmed' },
  ],
  [
    'assessment, no code, unconfirmed: a plain purchase',
    assessment,
    undefined,
    unconfirmed,
    { total: 2900, trialDays: null, blocked: null },
  ],
  // A typed code that does not exist.
  [
    'monthly, unknown code',
    monthly,
    null,
    newcomer,
    { code: null, refusal: 'unknown', grant: null, total: 1900 },
  ],
  // A trial code: free now, membership for its days.
  [
    'monthly, trial code',
    monthly,
    TRIAL14,
    newcomer,
    { code: 'TRY14', refusal: null, grant: 'trial', total: 0, free: true, trialDays: 14, trialEnds: null },
  ],
  [
    'monthly, trial code, had a trial',
    monthly,
    TRIAL14,
    trialled,
    { code: null, refusal: 'trial-taken', grant: null, total: 1900, trialDays: null },
  ],
  [
    'monthly, trial code, unconfirmed',
    monthly,
    TRIAL14,
    unconfirmed,
    { grant: 'trial', free: true, blocked: 'unconfirmed' },
  ],
  [
    'membership (redeem page), trial code',
    { product: 'membership' },
    TRIAL14,
    newcomer,
    { grant: 'trial', total: null },
  ],
  [
    'assessment, trial code: not for this product',
    assessment,
    TRIAL14,
    newcomer,
    { refusal: 'not-for-this-product', grant: null, total: 2900 },
  ],
  // A free product.
  [
    'assessment, BLOG',
    assessment,
    BLOG,
    newcomer,
    { code: 'BLOG', grant: 'code', total: 0, free: true, trialDays: null },
  ],
  [
    'assessment (redeem page), BLOG, unconfirmed',
    { product: 'assessment' },
    BLOG,
    unconfirmed,
    { grant: 'code', blocked: 'unconfirmed' },
  ],
  ['assessment, BLOG used before', assessment, BLOG, reused, { refusal: 'already-used', grant: null }],
  ['monthly, BLOG: not for membership', monthly, BLOG, newcomer, { refusal: 'not-for-this-product' }],
  [
    'monthly, free membership, had a trial: not a trial',
    monthly,
    FREEMEMBER,
    trialled,
    { refusal: null, grant: 'code', free: true },
  ],
  // A discount: taken off at payment, nothing granted now.
  [
    'monthly, 20% off, newcomer',
    monthly,
    PCT20,
    newcomer,
    { code: 'SAVE20', grant: null, total: 1520, free: false, trialDays: 7, trialEnds: 7 },
  ],
  [
    'monthly, 20% off, unconfirmed: only the trial is blocked',
    monthly,
    PCT20,
    unconfirmed,
    { total: 1520, blocked: 'unconfirmed' },
  ],
  [
    'monthly, 20% off, unconfirmed, had a trial: nothing given away',
    monthly,
    PCT20,
    { ...unconfirmed, hadTrial: true },
    { total: 1520, trialDays: null, blocked: null },
  ],
  [
    'assessment, 20% off: discounts are for membership',
    assessment,
    PCT20,
    newcomer,
    { refusal: 'not-for-this-product', total: 2900 },
  ],
  [
    'membership (redeem page), 20% off: needs payment',
    { product: 'membership' },
    PCT20,
    newcomer,
    { code: 'SAVE20', grant: null, total: null, blocked: null },
  ],
  ['monthly, expired discount', monthly, EXPIRED, newcomer, { refusal: 'expired', code: null, total: 1900 }],
];

describe('orderFor: what a code does to an order', () => {
  it.each(cases)('%s', (_name, target, code, buyer, expected) => {
    const order = orderFor(target, code, buyer, now);
    const seen: Expected = {
      refusal: order.refusal,
      blocked: order.blocked,
      mayTrial: order.mayTrial,
      code: order.code?.code ?? null,
      grant: order.grant?.source ?? null,
      total: order.quote?.totalCents ?? null,
      free: order.quote?.free ?? false,
      trialDays: order.quote?.trialDays ?? null,
      trialEnds: order.trialEndsAt === null ? null : (order.trialEndsAt.getTime() - now.getTime()) / day,
    };
    const relevant = Object.fromEntries(Object.keys(expected).map((k) => [k, seen[k as keyof Expected]]));
    expect(relevant).toEqual(expected);
  });

  it('grants a trial code for its days from now, and a free product for good', () => {
    expect(orderFor(monthly, TRIAL14, newcomer, now).grant).toEqual({
      product: 'membership',
      source: 'trial',
      startsAt: now,
      endsAt: new Date(now.getTime() + 14 * day),
    });
    expect(orderFor(assessment, BLOG, newcomer, now).grant).toEqual({
      product: 'assessment',
      source: 'code',
      startsAt: now,
      endsAt: null,
    });
  });
});
