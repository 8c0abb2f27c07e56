/** Configuration read once from the validated environment (the schema lives in astro.config.mjs). */
import {
  DATABASE_AUTH_TOKEN,
  DATABASE_BUSY_TIMEOUT_MS,
  DATABASE_URL,
  EMAIL_FROM,
  LOG_LEVEL,
  METRICS_TOKEN,
  SITE_URL,
  SMTP_URL,
  STRIPE_API_URL,
  STRIPE_PRICE_ASSESSMENT,
  STRIPE_PRICE_MONTHLY,
  STRIPE_PRICE_YEARLY,
  STRIPE_SECRET_KEY,
  STRIPE_TIMEOUT_MS,
  STRIPE_WEBHOOK_SECRET,
  TRUSTED_PROXY_HEADER,
  TRUSTED_PROXY_HOPS,
} from 'astro:env/server';

export const config = {
  databaseUrl: DATABASE_URL,
  databaseAuthToken: DATABASE_AUTH_TOKEN,
  databaseBusyTimeoutMs: DATABASE_BUSY_TIMEOUT_MS,
  /** The only origin links in emails and canonical URLs are built from; never the request's Host. */
  siteUrl: new URL(SITE_URL),
  /** Unset: email is written to the outbox and the log (the embedded default). */
  smtpUrl: SMTP_URL,
  emailFrom: EMAIL_FROM,
  /** Which proxy header names the client IP; `none` (the default) trusts only the socket address. */
  trustedProxyHeader: TRUSTED_PROXY_HEADER,
  /** How many proxies of ours append to X-Forwarded-For: the client is that many entries from the right. */
  trustedProxyHops: TRUSTED_PROXY_HOPS,
  /** Behind a trusted proxy (a proxy header is trusted), its `X-Request-Id` is kept; otherwise one is made. */
  trustIncomingRequestId: TRUSTED_PROXY_HEADER !== 'none',
  logLevel: LOG_LEVEL,
  /** Unset: no /metrics endpoint. */
  metricsToken: METRICS_TOKEN,
} as const;

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  prices: { monthly: string; yearly: string; assessment: string };
  /** A stand-in for api.stripe.com (tests); null for Stripe itself. */
  apiUrl: URL | null;
  /** How long one request to Stripe may take before it counts as failed. */
  timeoutMs: number;
}

/**
 * Stripe's settings: null when no secret key is set (the embedded default), or the name of the missing
 * variable when the key is set without the rest — readiness reports it and the server doesn't start.
 */
export const stripeSettings: StripeSettings | null | { missing: string } = (() => {
  if (!STRIPE_SECRET_KEY) return null;
  const required = {
    STRIPE_WEBHOOK_SECRET,
    STRIPE_PRICE_MONTHLY,
    STRIPE_PRICE_YEARLY,
    STRIPE_PRICE_ASSESSMENT,
  };
  const missing = Object.entries(required).find(([, value]) => !value)?.[0];
  if (missing) return { missing };
  return {
    secretKey: STRIPE_SECRET_KEY,
    webhookSecret: STRIPE_WEBHOOK_SECRET as string,
    prices: {
      monthly: STRIPE_PRICE_MONTHLY as string,
      yearly: STRIPE_PRICE_YEARLY as string,
      assessment: STRIPE_PRICE_ASSESSMENT as string,
    },
    apiUrl: STRIPE_API_URL ? new URL(STRIPE_API_URL) : null,
    timeoutMs: STRIPE_TIMEOUT_MS,
  };
})();
