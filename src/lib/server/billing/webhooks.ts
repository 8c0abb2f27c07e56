/** Keeping in step with Stripe: webhook deliveries, checked and applied once, and the reconcile command. */
import { unusableEvent } from '../../billing/webhook-events';
import { type StripeSettings, stripeSettings } from '../platform/config';
import { log } from '../platform/log';
import { kickMailer } from '../platform/mailer';
import { stripeDeps } from './checkout';
import { isStripeOutage, isStripeRefusal, type Stripe } from './stripe-client';
import { applyEvent, reconcile } from './stripe-sync';

export type WebhookResult = { status: 200 | 400 | 503; message: string };

/** A webhook delivery: the signature checked on the raw body (5 minutes' tolerance), then applied once. */
export async function handleWebhook(
  rawBody: string,
  signature: string | null,
  now: Date,
): Promise<WebhookResult> {
  const deps = await stripeDeps();
  if (!deps) return { status: 400, message: 'Payments are not configured.' };
  if (!signature) return { status: 400, message: 'Missing Stripe-Signature header.' };
  let event: Stripe.Event;
  try {
    event = await deps.stripe.webhooks.constructEventAsync(
      rawBody,
      signature,
      (stripeSettings as StripeSettings).webhookSecret,
      300,
    );
  } catch (error) {
    // The SDK parses the body only after the signature matched: signed by Stripe, but not JSON.
    if (error instanceof SyntaxError) return acknowledged(null, 'the payload is not JSON');
    return { status: 400, message: 'Invalid signature.' };
  }
  const unusable = unusableEvent(event);
  if (unusable) return acknowledged(event, unusable);
  try {
    const outcome = await applyEvent(deps, event, now);
    if (outcome === 'applied') kickMailer();
    return { status: 200, message: outcome };
  } catch (error) {
    // Not applied (nothing was committed): Stripe delivers it again later. A locked database is answered
    // 503 by the middleware, as for every request.
    if (isStripeOutage(error)) return { status: 503, message: 'Try again later.' };
    // Stripe refused to read back what the event names (no such session, a malformed id): every
    // redelivery would be refused the same way.
    if (isStripeRefusal(error))
      return acknowledged(event, `Stripe refused to read its object: ${error.message}`);
    throw error;
  }
}

/** A genuine event of no use here: answered 200 so Stripe stops redelivering it, and logged for an operator. */
function acknowledged(event: unknown, reason: string): WebhookResult {
  const { id, type } = (typeof event === 'object' && event !== null ? event : {}) as {
    id?: unknown;
    type?: unknown;
  };
  log.warn(
    { eventId: String(id ?? '').slice(0, 255), eventType: String(type ?? '').slice(0, 100), reason },
    'stripe webhook acknowledged but not applied',
  );
  return { status: 200, message: `ignored: ${reason}` };
}

/** `npm run billing -- reconcile`: every known subscription re-read from Stripe; null without Stripe. */
export async function reconcileWithStripe(now: Date): Promise<Awaited<ReturnType<typeof reconcile>> | null> {
  const deps = await stripeDeps();
  return deps ? reconcile(deps, now) : null;
}
