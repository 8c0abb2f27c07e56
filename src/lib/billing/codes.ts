/**
 * Redeemable codes: the one place their rules live (DESIGN.md, "Codes"). Pure. A code is
 * case-insensitive and unique; kinds are `trial` (membership for N days), `discount` (off membership,
 * applied at Stripe Checkout) and `free_product` (a product — the assessment — free).
 */
import type { Grant, Product } from './entitlements';

export const CODE_KINDS = ['trial', 'discount', 'free_product'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** Membership trials last this long unless a trial code says otherwise. */
export const DEFAULT_TRIAL_DAYS = 7;

export interface Code {
  /** Upper case, as stored. */
  code: string;
  kind: CodeKind;
  /** trial: how many days of membership. */
  trialDays: number | null;
  /** free_product: which product it makes free. */
  product: Product | null;
  /** discount: percent off (1–100), or an amount off in cents. */
  percentOff: number | null;
  amountOffCents: number | null;
  expiresAt: Date | null;
  maxRedemptions: number | null;
  redemptions: number;
  active: boolean;
}

/** What the person typed, as a code can be stored; null when it can't be a code at all. */
export function normalizeCode(input: string): string | null {
  const code = input.trim();
  // Checked before upper-casing: some letters (ß, ı, ſ) upper-case into plain ASCII.
  return /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/.test(code) ? code.toUpperCase() : null;
}

export type Refusal =
  | 'unknown'
  | 'inactive'
  | 'expired'
  | 'used-up'
  | 'not-for-this-product'
  | 'already-used'
  | 'trial-taken';

export const REFUSALS: Record<Refusal, string> = {
  unknown: 'There is no such code. Check the spelling; codes are not case-sensitive.',
  inactive: 'This code is no longer active.',
  expired: 'This code has expired.',
  'used-up': 'This code has been used as many times as it allows.',
  'not-for-this-product': 'This code is not for this product.',
  'already-used': 'You have already used this code.',
  'trial-taken': 'You have already had a free trial; a trial is once per person.',
};

export interface RedemptionContext {
  /** What the person is getting: a code for another product is refused. */
  product: Product;
  now: Date;
  /** This person has redeemed this code before. */
  usedByThem: boolean;
  /** This person has had a membership trial before. */
  hadTrial: boolean;
}

/** Why this person can't use `code` now, or null when they can. */
export function refusalFor(code: Code | null, ctx: RedemptionContext): Refusal | null {
  if (code === null) return 'unknown';
  if (!code.active) return 'inactive';
  if (code.expiresAt !== null && ctx.now.getTime() >= code.expiresAt.getTime()) return 'expired';
  if (code.maxRedemptions !== null && code.redemptions >= code.maxRedemptions) return 'used-up';
  if (productOf(code) !== ctx.product) return 'not-for-this-product';
  if (ctx.usedByThem) return 'already-used';
  if (code.kind === 'trial' && ctx.hadTrial) return 'trial-taken';
  return null;
}

/** The product a code applies to. */
export function productOf(code: Code): Product {
  return code.kind === 'free_product' ? (code.product ?? 'assessment') : 'membership';
}

/**
 * The grant a code gives at no cost, or null when it needs a payment step (a discount code). Trials end
 * after their days; a free product is kept.
 */
export function grantFor(
  code: Code,
  now: Date,
): (Omit<Grant, 'source'> & { source: 'trial' | 'code' }) | null {
  if (code.kind === 'trial') {
    const days = code.trialDays ?? DEFAULT_TRIAL_DAYS;
    return {
      product: 'membership',
      source: 'trial',
      startsAt: now,
      endsAt: new Date(now.getTime() + days * 86_400_000),
    };
  }
  if (code.kind === 'free_product')
    return { product: productOf(code), source: 'code', startsAt: now, endsAt: null };
  return null;
}

/** What a code gives, in words, for the redeem page. */
export function describeCode(code: Code): string {
  if (code.kind === 'trial') return `${code.trialDays ?? DEFAULT_TRIAL_DAYS} days of membership, free`;
  if (code.kind === 'free_product')
    return productOf(code) === 'assessment' ? 'the trust self-assessment, free' : 'membership, free';
  if (code.percentOff !== null) return `${code.percentOff}% off membership`;
  return `${((code.amountOffCents ?? 0) / 100).toFixed(2)} off membership`;
}

/** Codes every installation has: `BLOG` makes the assessment free. Inserted once; an operator's later changes stand. */
export const DEFAULT_CODES: Omit<Code, 'redemptions'>[] = [
  {
    code: 'BLOG',
    kind: 'free_product',
    product: 'assessment',
    trialDays: null,
    percentOff: null,
    amountOffCents: null,
    expiresAt: null,
    maxRedemptions: null,
    active: true,
  },
];
