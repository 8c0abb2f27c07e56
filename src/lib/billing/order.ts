/**
 * What a code does to an order: the one answer the redeem page, the checkout page and the checkout
 * itself share. Pure. It combines the code's rules (`refusalFor`, `grantFor` in codes.ts), the price
 * (`quote` in plans.ts) and the person (a trial once, anything given away only to a confirmed address).
 */
import { type Code, grantFor, productOf, type Refusal, refusalFor } from './codes';
import type { Product } from './entitlements';
import { type Plan, type Quote, quote } from './plans';

/** What is known about the person placing the order. */
export interface Buyer {
  /** They have redeemed this code before. */
  usedCode: boolean;
  /** They have had a membership trial (`hadTrial`, trials.ts). */
  hadTrial: boolean;
  emailVerified: boolean;
}

/** The order: a plan at checkout, or just a product (the redeem page, where the code names it). */
export type OrderTarget = { plan: Plan } | { product: Product };

export interface Order {
  /** The code as it applies, or null: none typed, or refused. */
  code: Code | null;
  /** Why the typed code can't be used for this order, or null (also when no code was typed). */
  refusal: Refusal | null;
  /** The grant the code gives at once with nothing to pay (a trial or free-product code), or null. */
  grant: ReturnType<typeof grantFor>;
  /** The price with the code, for a plan; null for a bare product. */
  quote: Quote | null;
  /** The person may still have the plan's free trial. */
  mayTrial: boolean;
  /** The first charge waits until then (a subscription's trial), or null. */
  trialEndsAt: Date | null;
  /**
   * Why the order can't go ahead whatever the code: something is given away (a free total, a grant, a
   * trial) and the address is not confirmed — or every made-up address is another gift. Null otherwise.
   */
  blocked: 'unconfirmed' | null;
}

/**
 * What `code` (null: a code was typed but there is no such code; `undefined`: none typed) does to this
 * order, for this person, now. An order of a plan always has a price.
 */
export function orderFor(
  target: { plan: Plan },
  code: Code | null | undefined,
  buyer: Buyer,
  now: Date,
): Order & { quote: Quote };
export function orderFor(target: OrderTarget, code: Code | null | undefined, buyer: Buyer, now: Date): Order;
export function orderFor(target: OrderTarget, code: Code | null | undefined, buyer: Buyer, now: Date): Order {
  const plan = 'plan' in target ? target.plan : null;
  const product = plan ? plan.product : 'product' in target ? target.product : 'membership';
  const refusal =
    code === undefined
      ? null
      : refusalFor(code, { product, now, usedByThem: buyer.usedCode, hadTrial: buyer.hadTrial });
  const usable = refusal === null && code ? code : null;
  const grant = usable ? grantFor(usable, now) : null;
  const mayTrial = !buyer.hadTrial;
  const priced = plan ? quote(plan, usable, mayTrial) : null;
  const trialEndsAt =
    priced?.trialDays && !priced.free ? new Date(now.getTime() + priced.trialDays * 86_400_000) : null;
  const givesAway = grant !== null || Boolean(priced && (priced.free || priced.trialDays));
  return {
    code: usable,
    refusal,
    grant,
    quote: priced,
    mayTrial,
    trialEndsAt,
    blocked: givesAway && !buyer.emailVerified ? 'unconfirmed' : null,
  };
}

/** The product a typed code is for, as the redeem page orders it (the code names its product). */
export function productOrdered(code: Code | null): Product {
  return code ? productOf(code) : 'membership';
}
