import { describe, expect, it } from 'vitest';
import {
  type Code,
  DEFAULT_CODES,
  DEFAULT_TRIAL_DAYS,
  describeCode,
  grantFor,
  normalizeCode,
  productOf,
  REFUSALS,
  type RedemptionContext,
  type Refusal,
  refusalFor,
  whatCodeAdds,
} from '../../../src/lib/billing/codes';
import type { Grant, Product } from '../../../src/lib/billing/entitlements';

const now = new Date('2026-11-23T12:00:00Z');
const day = 86_400_000;
const at = (offsetMs: number): Date => new Date(now.getTime() + offsetMs);

/** An active trial code with no expiry and no limit; every case overrides only what it is about. */
const baseCode: Code = {
  code: 'TRYUS',
  kind: 'trial',
  trialDays: 14,
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
const code = (over: Partial<Code> = {}): Code => ({ ...baseCode, ...over });

/** A first-time member redeeming for membership. */
const baseCtx: RedemptionContext = { product: 'membership', now, usedByThem: false, hadTrial: false };
const ctx = (over: Partial<RedemptionContext> = {}): RedemptionContext => ({ ...baseCtx, ...over });

const freeAssessment: Partial<Code> = { kind: 'free_product', product: 'assessment', trialDays: null };
const discount: Partial<Code> = { kind: 'discount', trialDays: null, percentOff: 20 };

describe('normalizeCode', () => {
  it.each<[string, string, string]>([
    ['trims and upper-cases', '  blog ', 'BLOG'],
    ['trims tabs and newlines', '\tblog\n', 'BLOG'],
    ['keeps an upper-case code as it is', 'BLOG', 'BLOG'],
    ['accepts mixed case', 'BlOg', 'BLOG'],
    ['accepts digits', 'spring2026', 'SPRING2026'],
    ['accepts a leading digit', '2for1', '2FOR1'],
    ['accepts hyphens inside', 'black-friday-26', 'BLACK-FRIDAY-26'],
    ['accepts a trailing hyphen', 'ab-', 'AB-'],
    ['accepts 2 characters', 'ab', 'AB'],
    ['accepts 32 characters', 'a'.repeat(32), 'A'.repeat(32)],
    ['counts length after trimming', `  ${'a'.repeat(32)}  `, 'A'.repeat(32)],
  ])('%s: %j → %j', (_, input, expected) => {
    expect(normalizeCode(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['only spaces', '   '],
    ['1 character', 'a'],
    ['1 character after trimming', '  a  '],
    ['33 characters', 'a'.repeat(33)],
    ['a space inside', 'bl og'],
    ['an underscore', 'bl_og'],
    ['a leading hyphen', '-AB'],
    ['a hyphen alone', '-'],
    ['punctuation', 'blog!'],
    ['an accented letter', 'café'],
    ['a Greek letter', 'αβγ'],
    ['a letter that upper-cases to ASCII (ß → SS)', 'straße'],
  ])('refuses %s: %j', (_, input) => {
    expect(normalizeCode(input)).toBeNull();
  });
});

describe('refusalFor', () => {
  it('allows the base code in the base context', () => {
    expect(refusalFor(code(), ctx())).toBeNull();
  });

  it.each<[string, Code | null, RedemptionContext, Refusal | null]>([
    ['a missing code is unknown', null, ctx(), 'unknown'],
    ['an inactive code', code({ active: false }), ctx(), 'inactive'],
    ['expired at exactly the expiry instant', code({ expiresAt: now }), ctx(), 'expired'],
    ['expired after the expiry instant', code({ expiresAt: at(-1) }), ctx(), 'expired'],
    ['expired long after', code({ expiresAt: at(-30 * day) }), ctx(), 'expired'],
    ['not expired one millisecond before', code({ expiresAt: at(1) }), ctx(), null],
    ['used up at the limit', code({ maxRedemptions: 5, redemptions: 5 }), ctx(), 'used-up'],
    ['used up past the limit', code({ maxRedemptions: 5, redemptions: 6 }), ctx(), 'used-up'],
    ['allowed one below the limit', code({ maxRedemptions: 5, redemptions: 4 }), ctx(), null],
    ['allowed when unlimited however often used', code({ redemptions: 10_000 }), ctx(), null],
    [
      'an assessment code used for membership',
      code(freeAssessment),
      ctx({ product: 'membership' }),
      'not-for-this-product',
    ],
    [
      'an assessment code used for the assessment',
      code(freeAssessment),
      ctx({ product: 'assessment' }),
      null,
    ],
    [
      'a membership free_product code used for the assessment',
      code({ ...freeAssessment, product: 'membership' }),
      ctx({ product: 'assessment' }),
      'not-for-this-product',
    ],
    ['a trial code used for the assessment', code(), ctx({ product: 'assessment' }), 'not-for-this-product'],
    [
      'a discount code used for the assessment',
      code(discount),
      ctx({ product: 'assessment' }),
      'not-for-this-product',
    ],
    ['a discount code used for membership', code(discount), ctx(), null],
    [
      // productOf says a free_product code with no product is for the assessment.
      'a free_product code with no product used for the assessment',
      code({ ...freeAssessment, product: null }),
      ctx({ product: 'assessment' }),
      null,
    ],
    ['a code this person has used', code(), ctx({ usedByThem: true }), 'already-used'],
    [
      'an assessment code this person has used',
      code(freeAssessment),
      ctx({ product: 'assessment', usedByThem: true }),
      'already-used',
    ],
    ['a trial code for someone who had a trial', code(), ctx({ hadTrial: true }), 'trial-taken'],
    [
      'a free_product code for someone who had a trial',
      code(freeAssessment),
      ctx({ product: 'assessment', hadTrial: true }),
      null,
    ],
    ['a discount code for someone who had a trial', code(discount), ctx({ hadTrial: true }), null],
  ])('%s', (_, c, context, expected) => {
    expect(refusalFor(c, context)).toBe(expected);
  });

  const everythingWrong: RedemptionContext = ctx({ product: 'assessment', usedByThem: true, hadTrial: true });

  it.each<[string, Code | null, RedemptionContext, Refusal]>([
    ['unknown beats everything', null, everythingWrong, 'unknown'],
    [
      'inactive beats expired, used up, wrong product, used and trial taken',
      code({ active: false, expiresAt: at(-day), maxRedemptions: 1, redemptions: 1 }),
      everythingWrong,
      'inactive',
    ],
    ['inactive and expired → inactive', code({ active: false, expiresAt: at(-day) }), ctx(), 'inactive'],
    [
      'expired and used up → expired',
      code({ expiresAt: at(-day), maxRedemptions: 1, redemptions: 1 }),
      ctx(),
      'expired',
    ],
    [
      'expired beats wrong product, used and trial taken',
      code({ expiresAt: at(-day) }),
      everythingWrong,
      'expired',
    ],
    [
      'used up beats wrong product, used and trial taken',
      code({ maxRedemptions: 1, redemptions: 1 }),
      everythingWrong,
      'used-up',
    ],
    ['wrong product beats used and trial taken', code(), everythingWrong, 'not-for-this-product'],
    ['already used beats trial taken', code(), ctx({ usedByThem: true, hadTrial: true }), 'already-used'],
  ])('order: %s', (_, c, context, expected) => {
    expect(refusalFor(c, context)).toBe(expected);
  });
});

describe('productOf', () => {
  it.each<[string, Product, Partial<Code>]>([
    ['free_product for the assessment', 'assessment', freeAssessment],
    ['free_product for membership', 'membership', { ...freeAssessment, product: 'membership' }],
    ['free_product with no product (the default)', 'assessment', { ...freeAssessment, product: null }],
    ['trial', 'membership', {}],
    ['trial even if a product is set', 'membership', { product: 'assessment' }],
    ['discount', 'membership', discount],
    ['discount even if a product is set', 'membership', { ...discount, product: 'assessment' }],
  ])('%s → %s', (_, expected, over) => {
    expect(productOf(code(over))).toBe(expected);
  });
});

describe('grantFor', () => {
  it.each<[string, number | null, string]>([
    ['its own trial days', 14, '2026-12-07T12:00:00Z'],
    ['a one-day trial', 1, '2026-11-24T12:00:00Z'],
    ['the default 7 days when trialDays is null', null, '2026-11-30T12:00:00Z'],
  ])('gives a trial code membership for %s', (_, trialDays, endsAt) => {
    expect(grantFor(code({ trialDays }), now)).toEqual({
      product: 'membership',
      source: 'trial',
      startsAt: now,
      endsAt: new Date(endsAt),
    });
  });

  it('ends a default trial exactly DEFAULT_TRIAL_DAYS × 24 h after now', () => {
    expect(DEFAULT_TRIAL_DAYS).toBe(7);
    expect(grantFor(code({ trialDays: null }), now)?.endsAt).toEqual(new Date('2026-11-30T12:00:00Z'));
  });

  it.each<[string, Partial<Code>, Product]>([
    ['the assessment', freeAssessment, 'assessment'],
    ['membership', { ...freeAssessment, product: 'membership' }, 'membership'],
    ['the assessment when no product is set', { ...freeAssessment, product: null }, 'assessment'],
  ])('gives a free_product code %s, kept for good', (_, over, product) => {
    expect(grantFor(code(over), now)).toEqual({ product, source: 'code', startsAt: now, endsAt: null });
  });

  it.each<[string, Partial<Code>]>([
    ['a percent', { ...discount, percentOff: 20 }],
    ['an amount', { ...discount, percentOff: null, amountOffCents: 1500 }],
  ])('gives nothing for %s discount code (it needs a payment step)', (_, over) => {
    expect(grantFor(code(over), now)).toBeNull();
  });
});

describe('describeCode', () => {
  it.each<[string, string, Partial<Code>]>([
    ['a trial with its own days', '14 days of membership, free', { trialDays: 14 }],
    ['a trial with default days', '7 days of membership, free', { trialDays: null }],
    ['a free assessment', 'the trust self-assessment, free', freeAssessment],
    [
      'a free_product with no product',
      'the trust self-assessment, free',
      { ...freeAssessment, product: null },
    ],
    ['free membership', 'membership, free', { ...freeAssessment, product: 'membership' }],
    ['a percent discount', '25% off membership', { ...discount, percentOff: 25 }],
    ['a 100% discount', '100% off membership', { ...discount, percentOff: 100 }],
    [
      'an amount in whole units',
      '15.00 off membership',
      { ...discount, percentOff: null, amountOffCents: 1500 },
    ],
    ['an amount with cents', '12.50 off membership', { ...discount, percentOff: null, amountOffCents: 1250 }],
    ['an amount under one unit', '0.05 off membership', { ...discount, percentOff: null, amountOffCents: 5 }],
  ])('%s → %j', (_, expected, over) => {
    expect(describeCode(code(over))).toBe(expected);
  });
});

describe('REFUSALS', () => {
  const all: Refusal[] = [
    'unknown',
    'inactive',
    'expired',
    'used-up',
    'not-for-this-product',
    'already-used',
    'trial-taken',
    'unconfirmed',
  ];

  it('has a message for every refusal and nothing else', () => {
    expect(Object.keys(REFUSALS).sort()).toEqual([...all].sort());
  });

  it.each(all)('%s: a full sentence ending with a full stop', (refusal) => {
    const message = REFUSALS[refusal];
    expect(message.trim()).toBe(message);
    expect(message.length).toBeGreaterThan(10);
    expect(message).toMatch(/^[A-Z].*\.$/);
  });

  it('gives each refusal its own message', () => {
    expect(new Set(Object.values(REFUSALS)).size).toBe(all.length);
  });
});

describe('DEFAULT_CODES', () => {
  it('contains BLOG: an active, unlimited, never-expiring free assessment', () => {
    const blog = DEFAULT_CODES.find((c) => c.code === 'BLOG');
    expect(blog).toMatchObject({
      code: 'BLOG',
      kind: 'free_product',
      product: 'assessment',
      active: true,
      maxRedemptions: null,
      expiresAt: null,
    });
  });

  it('stores every default code in normalized form, unique', () => {
    for (const c of DEFAULT_CODES) expect(normalizeCode(c.code)).toBe(c.code);
    expect(new Set(DEFAULT_CODES.map((c) => c.code)).size).toBe(DEFAULT_CODES.length);
  });

  it('lets anyone redeem BLOG for the assessment, even after a trial', () => {
    const blog = DEFAULT_CODES.find((c) => c.code === 'BLOG');
    if (!blog) throw new Error('BLOG is missing');
    expect(
      refusalFor({ ...blog, redemptions: 1_000_000 }, ctx({ product: 'assessment', hadTrial: true })),
    ).toBeNull();
  });
});

describe('whatCodeAdds', () => {
  const grant = (over: Partial<Grant>): Grant => ({
    product: 'membership',
    source: 'team',
    startsAt: at(-day),
    endsAt: null,
    ...over,
  });

  it('gives everything to someone holding nothing, or only what has ended', () => {
    expect(whatCodeAdds(code(), [], now)).toEqual({ kind: 'all' });
    expect(whatCodeAdds(code(), [grant({ source: 'trial', endsAt: at(-1) })], now)).toEqual({ kind: 'all' });
  });

  it('adds nothing of a trial to a team’s rep, whose membership has no end', () => {
    expect(whatCodeAdds(code(), [grant({})], now)).toEqual({
      kind: 'nothing',
      held: { source: 'team', until: null },
    });
  });

  it('adds nothing when the membership held outlasts the trial, and extends one that ends sooner', () => {
    const long = grant({ source: 'admin', endsAt: at(30 * day) });
    expect(whatCodeAdds(code(), [long], now)).toMatchObject({ kind: 'nothing' });
    const short = grant({ source: 'trial', endsAt: at(3 * day) });
    expect(whatCodeAdds(code(), [short], now)).toEqual({
      kind: 'extends',
      held: { source: 'trial', until: at(3 * day) },
      until: at(14 * day),
    });
    // The longest of several counts.
    expect(whatCodeAdds(code(), [short, grant({})], now)).toMatchObject({ kind: 'nothing' });
  });

  it('makes the assessment one’s own for a member, and adds nothing to someone who owns it', () => {
    const blog = code({ kind: 'free_product', product: 'assessment', trialDays: null });
    expect(whatCodeAdds(blog, [grant({})], now)).toMatchObject({ kind: 'keeps' });
    expect(whatCodeAdds(blog, [grant({ product: 'assessment', source: 'code' })], now)).toMatchObject({
      kind: 'nothing',
    });
  });

  it('offers a discount to a rep (they may subscribe), not to a subscriber', () => {
    const discount = code({ kind: 'discount', percentOff: 20, trialDays: null });
    expect(whatCodeAdds(discount, [grant({})], now)).toEqual({ kind: 'all' });
    expect(
      whatCodeAdds(discount, [grant({ source: 'subscription', endsAt: at(20 * day) })], now),
    ).toMatchObject({ kind: 'nothing' });
  });
});
