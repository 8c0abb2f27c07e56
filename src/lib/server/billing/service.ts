/**
 * The billing domain's face to the rest of the code (DESIGN.md: one server domain uses another only
 * through its service.ts): what a person holds, and everything else re-exported from where it lives —
 * codes.ts (redeeming), trial.ts (the trial and whether one was had), checkout.ts (Stripe Checkout,
 * the portal), webhooks.ts (Stripe's events, reconciling), operators.ts (codes and grants by hand).
 */
import type { Transaction } from '@db/client';
import type { Grant } from '../../billing/entitlements';
import { db } from '../platform/db';
import * as q from './queries';

export {
  type CheckoutOutcome,
  type CheckoutStart,
  type CheckoutView,
  checkoutOutcome,
  checkoutView,
  endBillingFor,
  paymentsConfigured,
  portalUrl,
  startCheckout,
} from './checkout';
export { checkCode, lookUpCode, type Redeemed, redeem, redemptionsBy } from './codes';
export {
  createCode,
  grantAdminMembership,
  type InSameTransaction,
  listCodes,
  revokeAdminMembership,
  setCodeActive,
} from './operators';
export { hadTrial, mayTrial, startLocalTrial } from './trial';
export { handleWebhook, reconcileWithStripe, type WebhookResult } from './webhooks';

/** The person's grants, for the billing page. */
export async function grantsHeldBy(userId: string): Promise<Grant[]> {
  return q.grantsOf(await db(), userId);
}

export async function subscriptionsHeldBy(userId: string): Promise<q.SubscriptionRow[]> {
  return q.subscriptionsOf(await db(), userId);
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

/** The code whose grant gives the person the assessment now, for the result it is recorded on. */
export function codeBehindAssessment(tx: Transaction, userId: string, now: Date): Promise<string | null> {
  return q.codeBehindAssessment(tx, userId, now);
}
