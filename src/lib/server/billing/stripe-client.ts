/**
 * The Stripe SDK client, configured in one place for the app and the CLI: the SDK's pinned API version,
 * an explicit timeout (10 s unless configured) and two retries (the SDK retries only what is safe, and every create carries
 * an idempotency key, so a retry never makes a second object). A stand-in API URL is for tests only.
 */
import Stripe from 'stripe';

export const STRIPE_RETRIES = 2;

export function createStripe(secretKey: string, apiUrl: URL | null, timeoutMs = 10_000): Stripe {
  return new Stripe(secretKey, {
    timeout: timeoutMs,
    maxNetworkRetries: STRIPE_RETRIES,
    telemetry: false,
    appInfo: { name: 'trust-academy' },
    ...(apiUrl
      ? {
          host: apiUrl.hostname,
          port: apiUrl.port || (apiUrl.protocol === 'https:' ? 443 : 80),
          protocol: apiUrl.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

/** Stripe can't be reached, is failing or is limiting us: the person is told to try again shortly. */
export function isStripeOutage(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error.statusCode ?? 0) >= 500
  );
}

/** Stripe refused the request itself (no such object, a malformed id): asking again gets the same answer. */
export function isStripeRefusal(error: unknown): error is Error {
  return error instanceof Stripe.errors.StripeInvalidRequestError;
}

/** Stripe has no such object (a made-up id, something deleted). */
export function isMissing(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'resource_missing';
}

/** A payment Stripe has already refunded in full (a refund asked for again). */
export function isAlreadyRefunded(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'charge_already_refunded';
}

/** The id of an expandable Stripe reference, whether Stripe sent the id or the object. */
export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.id;

export type { Stripe };
