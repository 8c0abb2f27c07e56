/**
 * What is for sale, as data (DESIGN.md, "Billing flows"): membership monthly and yearly with a free
 * 7-day trial, and the trust self-assessment on its own. Stripe price ids come from configuration; the
 * amounts here are what the pricing page shows when Stripe can't be asked (they should match the prices).
 */
import { type Code, DEFAULT_TRIAL_DAYS } from './codes';
import type { Product } from './entitlements';

export type PlanId = 'monthly' | 'yearly' | 'assessment';

export interface Plan {
  id: PlanId;
  name: string;
  product: Product;
  /** subscription: Stripe Checkout in subscription mode; payment: a one-time purchase. */
  mode: 'subscription' | 'payment';
  interval: 'month' | 'year' | null;
  /** The listed price in cents, in `currency`. */
  amountCents: number;
  currency: string;
  trialDays: number | null;
  /** One line for the pricing card. */
  summary: string;
}

export const PLANS: Record<PlanId, Plan> = {
  monthly: {
    id: 'monthly',
    name: 'Membership, monthly',
    product: 'membership',
    mode: 'subscription',
    interval: 'month',
    amountCents: 1900,
    currency: 'usd',
    trialDays: DEFAULT_TRIAL_DAYS,
    summary: 'Every lesson and quiz, the trust self-assessment and the promise ledger.',
  },
  yearly: {
    id: 'yearly',
    name: 'Membership, yearly',
    product: 'membership',
    mode: 'subscription',
    interval: 'year',
    amountCents: 19000,
    currency: 'usd',
    trialDays: DEFAULT_TRIAL_DAYS,
    summary: 'Everything in the monthly plan; two months free.',
  },
  assessment: {
    id: 'assessment',
    name: 'The trust self-assessment',
    product: 'assessment',
    mode: 'payment',
    interval: null,
    amountCents: 2900,
    currency: 'usd',
    trialDays: null,
    summary: 'Your trust profile, what each score means, and a learning path. Yours to keep.',
  },
};

export const MEMBERSHIP_INCLUDES = [
  'All 30 lessons across the five elements of trust, with quizzes',
  'Certificates for each module and the whole course',
  'The trust self-assessment, retaken as often as you like',
  'The promise ledger: each customer’s trust balance, kept promise by kept promise',
  'Every practice conversation: hard customer moments, answered turn by turn',
] as const;

export const FREE_INCLUDES = [
  'The free lessons and their quizzes',
  'Lesson search and the course outline',
  'Progress tracking for the free lessons',
  'One practice conversation, as often as you like',
] as const;

export function planById(id: string | null | undefined): Plan | null {
  return id && Object.hasOwn(PLANS, id) ? PLANS[id as PlanId] : null;
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

export interface Quote {
  /** The price before the code. */
  subtotalCents: number;
  discountCents: number;
  /** What is paid now (a trial makes the first charge wait; this is the price after the trial). */
  totalCents: number;
  /** Days before the first charge, or null when paid now. */
  trialDays: number | null;
  /** Nothing to pay and nothing to pay later: granted at once without a payment step. */
  free: boolean;
  /** How long a discount lasts, in words, or null. */
  discountNote: string | null;
}

/**
 * The order summary for a plan, with a code that has already passed `refusalFor` (or none), for a
 * person who may (`mayTrial`) still have a free trial. Pure.
 */
export function quote(plan: Plan, code: Code | null, mayTrial: boolean): Quote {
  const subtotal = plan.amountCents;
  if (code?.kind === 'free_product' || code?.kind === 'trial') {
    // Both cost nothing: the product itself, or membership for the code's days.
    return {
      subtotalCents: subtotal,
      discountCents: subtotal,
      totalCents: 0,
      trialDays: code.kind === 'trial' ? (code.trialDays ?? DEFAULT_TRIAL_DAYS) : null,
      free: true,
      discountNote: null,
    };
  }
  let discount = 0;
  let discountNote: string | null = null;
  if (code?.kind === 'discount') {
    discount =
      code.percentOff !== null
        ? Math.round((subtotal * code.percentOff) / 100)
        : Math.min(subtotal, code.amountOffCents ?? 0);
    const per = plan.interval === 'year' ? 'year' : 'month';
    discountNote =
      code.discountDuration === 'forever'
        ? `on every ${per}ly charge`
        : code.discountDuration === 'repeating' && code.discountMonths
          ? `on charges in the first ${code.discountMonths} ${code.discountMonths === 1 ? 'month' : 'months'}`
          : 'on the first charge';
  }
  return {
    subtotalCents: subtotal,
    discountCents: discount,
    totalCents: subtotal - discount,
    trialDays: plan.mode === 'subscription' && mayTrial ? plan.trialDays : null,
    free: false,
    discountNote,
  };
}
