import { describe, expect, it } from 'vitest';
import { type Code, newCodeFrom } from '../../../src/lib/billing/codes';
import { formatMoney, PLANS, planById, quote } from '../../../src/lib/billing/plans';

const base: Code = {
  code: 'X',
  kind: 'discount',
  trialDays: null,
  product: null,
  percentOff: null,
  amountOffCents: null,
  discountDuration: 'once',
  discountMonths: null,
  expiresAt: null,
  maxRedemptions: null,
  redemptions: 0,
  active: true,
};
const code = (over: Partial<Code>): Code => ({ ...base, ...over });

describe('price maths', () => {
  it.each([
    [
      'monthly, no code, trial open',
      PLANS.monthly,
      null,
      true,
      { subtotalCents: 1900, discountCents: 0, totalCents: 1900, trialDays: 7, free: false },
    ],
    [
      'monthly, no code, trial used',
      PLANS.monthly,
      null,
      false,
      { totalCents: 1900, trialDays: null, free: false },
    ],
    [
      'yearly, 20% off',
      PLANS.yearly,
      code({ percentOff: 20 }),
      true,
      { discountCents: 3800, totalCents: 15200, free: false },
    ],
    [
      'monthly, 33% off rounds to the cent',
      PLANS.monthly,
      code({ percentOff: 33 }),
      true,
      { discountCents: 627, totalCents: 1273 },
    ],
    [
      'monthly, $5 off',
      PLANS.monthly,
      code({ amountOffCents: 500 }),
      true,
      { discountCents: 500, totalCents: 1400 },
    ],
    [
      'an amount above the price stops at zero',
      PLANS.monthly,
      code({ amountOffCents: 5000 }),
      true,
      { discountCents: 1900, totalCents: 0, free: false },
    ],
    [
      '100% off is still a subscription (Stripe keeps it)',
      PLANS.monthly,
      code({ percentOff: 100 }),
      true,
      { totalCents: 0, free: false },
    ],
    [
      'BLOG on the assessment is free',
      PLANS.assessment,
      code({ kind: 'free_product', product: 'assessment', discountDuration: null }),
      true,
      { totalCents: 0, free: true, trialDays: null },
    ],
    [
      'a trial code is free for its days',
      PLANS.monthly,
      code({ kind: 'trial', trialDays: 14, discountDuration: null }),
      true,
      { totalCents: 0, free: true, trialDays: 14 },
    ],
    ['the assessment has no trial', PLANS.assessment, null, true, { totalCents: 2900, trialDays: null }],
  ] as const)('%s', (_name, plan, c, mayTrial, expected) => {
    expect(quote(plan, c, mayTrial)).toMatchObject(expected);
  });

  it.each([
    ['once', null, 'on the first charge'],
    ['repeating', 3, 'on charges in the first 3 months'],
    ['repeating', 1, 'on charges in the first 1 month'],
    ['forever', null, 'on every monthly charge'],
  ] as const)('says how long a %s discount lasts', (duration, months, note) => {
    expect(
      quote(PLANS.monthly, code({ percentOff: 10, discountDuration: duration, discountMonths: months }), true)
        .discountNote,
    ).toBe(note);
  });

  it('formats money without needless cents', () => {
    expect(formatMoney(1900, 'usd')).toBe('$19');
    expect(formatMoney(1273, 'usd')).toBe('$12.73');
  });

  it('finds plans by id only', () => {
    expect(planById('yearly')).toBe(PLANS.yearly);
    expect(planById('toString')).toBeNull();
    expect(planById(undefined)).toBeNull();
  });
});

describe('new codes from what an operator typed', () => {
  it.each([
    [
      { kind: 'discount', percent: '20', duration: 'repeating', months: '3' },
      { percentOff: 20, discountDuration: 'repeating', discountMonths: 3 },
    ],
    [
      { kind: 'discount', amount: '500' },
      { amountOffCents: 500, discountDuration: 'once', discountMonths: null },
    ],
    [
      { kind: 'discount', percent: '10', duration: 'forever', months: '3' },
      { discountDuration: 'forever', discountMonths: null },
    ],
    [
      { kind: 'trial', days: '14' },
      { trialDays: 14, discountDuration: null },
    ],
  ])('%o', (values, expected) => {
    expect(newCodeFrom('spring-sale', values)).toMatchObject({ code: 'SPRING-SALE', ...expected });
  });

  it.each([
    [{ kind: 'discount', percent: '20', duration: 'repeating' }, 'A repeating discount needs --months'],
    [
      { kind: 'discount', percent: '20', duration: 'weekly' },
      '--duration must be one of once, repeating, forever.',
    ],
    [{ kind: 'discount', percent: '20', months: '99' }, '--months must be a whole number from 1 to 36.'],
    [
      { kind: 'discount', percent: '20', amount: '100' },
      'A discount needs exactly one of --percent and --amount.',
    ],
  ])('refuses %o', (values, message) => {
    expect(newCodeFrom('x1', values)).toContain(message);
  });
});
