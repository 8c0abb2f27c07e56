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
  TRUSTED_PROXY_HEADER,
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
  /** Behind a trusted proxy (a proxy header is trusted), its `X-Request-Id` is kept; otherwise one is made. */
  trustIncomingRequestId: TRUSTED_PROXY_HEADER !== 'none',
  logLevel: LOG_LEVEL,
  /** Unset: no /metrics endpoint. */
  metricsToken: METRICS_TOKEN,
} as const;
