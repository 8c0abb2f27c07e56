/**
 * Redeemable codes: the one place their rules live (DESIGN.md, "Codes"). Pure. A code is
 * case-insensitive and unique; kinds are `trial` (membership for N days), `discount` (off membership,
 * applied at Stripe Checkout) and `free_product` (a product — the assessment — free).
 */
import { type Grant, isActive, type Product } from './entitlements';

export const CODE_KINDS = ['trial', 'discount', 'free_product'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export const DISCOUNT_DURATIONS = ['once', 'repeating', 'forever'] as const;
export type DiscountDuration = (typeof DISCOUNT_DURATIONS)[number];

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
  /** discount: how long it applies — the first charge, N months, or every charge. */
  discountDuration: DiscountDuration | null;
  discountMonths: number | null;
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
  | 'trial-taken'
  | 'unconfirmed';

export const REFUSALS: Record<Refusal, string> = {
  unknown: 'There is no such code. Check the spelling; codes are not case-sensitive.',
  inactive: 'This code is no longer active.',
  expired: 'This code has expired.',
  'used-up': 'This code has been used as many times as it allows.',
  'not-for-this-product': 'This code is not for this product.',
  'already-used': 'You have already used this code.',
  'trial-taken': 'You have already had a free trial; a trial is once per person.',
  unconfirmed:
    'Please confirm your email address first: open the link we sent you when you signed up (we can send it again).',
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

/** What a person holds of a product now: where it comes from, and when it ends (null: no end). */
export interface Holding {
  source: Grant['source'];
  until: Date | null;
}

/** The holding of `product` that lasts longest (one without an end first), or null when none is active. */
export function holdingOf(grants: readonly Grant[], product: Product, now: Date): Holding | null {
  const active = grants.filter((g) => g.product === product && isActive(g, now));
  const lasting = (g: Grant) => (g.endsAt === null ? Number.POSITIVE_INFINITY : g.endsAt.getTime());
  const best = active.sort((a, b) => lasting(b) - lasting(a))[0];
  return best ? { source: best.source, until: best.endsAt } : null;
}

/**
 * What redeeming `code` would still add for someone holding `grants`, so the redeem page never offers
 * "14 days of membership" to a person who has membership already:
 * - `all`: they hold none of it; the code gives what `describeCode` says;
 * - `nothing`: what they hold already covers it (a trial ending before their membership does, a free
 *   product they keep, a discount while they subscribe);
 * - `extends`: membership until `until` (null: with no end) where theirs ends sooner;
 * - `keeps`: the assessment for good, where they have it only with their membership today.
 */
export type CodeAddition =
  | { kind: 'all' }
  | { kind: 'nothing'; held: Holding }
  | { kind: 'extends'; held: Holding; until: Date | null }
  | { kind: 'keeps'; held: Holding };

export function whatCodeAdds(code: Code, grants: readonly Grant[], now: Date): CodeAddition {
  const membership = holdingOf(grants, 'membership', now);
  if (productOf(code) === 'assessment') {
    const own = holdingOf(grants, 'assessment', now);
    if (own && own.until === null) return { kind: 'nothing', held: own };
    return membership ? { kind: 'keeps', held: membership } : { kind: 'all' };
  }
  if (!membership) return { kind: 'all' };
  if (code.kind === 'discount') {
    // A discount is for subscribing; anyone holding membership some other way may still subscribe.
    return membership.source === 'subscription' ? { kind: 'nothing', held: membership } : { kind: 'all' };
  }
  const grant = grantFor(code, now);
  const until = grant?.endsAt ?? null;
  if (membership.until === null) return { kind: 'nothing', held: membership };
  if (until !== null && until.getTime() <= membership.until.getTime())
    return { kind: 'nothing', held: membership };
  return { kind: 'extends', held: membership, until };
}

/** Where a person's membership comes from, in words: "through your team". */
export const HOLDING_SOURCES: Record<Grant['source'], string> = {
  team: 'through your team',
  subscription: 'with your subscription',
  trial: 'on a free trial',
  admin: 'given by Trust Academy',
  code: 'from a code',
  purchase: 'bought outright',
};

/** Codes every installation has: `BLOG` makes the assessment free. Inserted once; an operator's later changes stand. */
export const DEFAULT_CODES: Omit<Code, 'redemptions'>[] = [
  {
    code: 'BLOG',
    kind: 'free_product',
    product: 'assessment',
    trialDays: null,
    percentOff: null,
    amountOffCents: null,
    discountDuration: null,
    discountMonths: null,
    expiresAt: null,
    maxRedemptions: null,
    active: true,
  },
];

const whole = (raw: string | undefined, min: number, max: number): number | null | 'bad' => {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : 'bad';
};

/**
 * A new code from what an operator typed (the CLI's options, the admin form's fields), or the reason it
 * can't be made.
 */
export function newCodeFrom(
  name: string,
  values: Record<string, string | undefined>,
): Omit<Code, 'redemptions'> | string {
  const code = normalizeCode(name);
  if (code === null) return `"${name}" can't be a code: use 2–32 letters, digits or hyphens.`;
  const kind = values['kind'] as CodeKind | undefined;
  if (!kind || !CODE_KINDS.includes(kind)) return `--kind must be one of ${CODE_KINDS.join(', ')}.`;
  const days = whole(values['days'], 1, 365);
  const max = whole(values['max'], 1, 1_000_000);
  const percent = whole(values['percent'], 1, 100);
  const amount = whole(values['amount'], 1, 10_000_000);
  if (days === 'bad') return '--days must be a whole number from 1 to 365.';
  if (max === 'bad') return '--max must be a whole number, 1 or more.';
  if (percent === 'bad') return '--percent must be a whole number from 1 to 100.';
  if (amount === 'bad') return '--amount must be a whole number of cents, 1 or more.';
  let expiresAt: Date | null = null;
  if (values['expires'] !== undefined) {
    expiresAt = new Date(`${values['expires']}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['expires']) || Number.isNaN(expiresAt.getTime())) {
      return '--expires must be a date such as 2027-01-31 (the code stops working at the start of that day, UTC).';
    }
  }
  if (kind === 'discount' && (percent === null) === (amount === null))
    return 'A discount needs exactly one of --percent and --amount.';
  const duration = (values['duration'] ?? 'once') as DiscountDuration;
  if (kind === 'discount' && !DISCOUNT_DURATIONS.includes(duration))
    return `--duration must be one of ${DISCOUNT_DURATIONS.join(', ')}.`;
  const months = whole(values['months'], 1, 36);
  if (months === 'bad') return '--months must be a whole number from 1 to 36.';
  if (kind === 'discount' && duration === 'repeating' && months === null)
    return 'A repeating discount needs --months (how many months it applies).';
  const product = values['product'] ?? 'assessment';
  if (kind === 'free_product' && product !== 'assessment' && product !== 'membership') {
    return '--product must be assessment or membership.';
  }
  return {
    code,
    kind,
    trialDays: kind === 'trial' ? (days ?? DEFAULT_TRIAL_DAYS) : null,
    product: kind === 'free_product' ? (product as 'assessment' | 'membership') : null,
    percentOff: kind === 'discount' ? percent : null,
    amountOffCents: kind === 'discount' ? amount : null,
    discountDuration: kind === 'discount' ? duration : null,
    discountMonths: kind === 'discount' && duration === 'repeating' ? months : null,
    expiresAt,
    maxRedemptions: max,
    active: true,
  };
}
