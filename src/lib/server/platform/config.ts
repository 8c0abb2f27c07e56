/** Configuration read once from the validated environment (the schema lives in astro.config.mjs). */
import { DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS, DATABASE_URL, SITE_URL } from 'astro:env/server';

export const config = {
  databaseUrl: DATABASE_URL,
  databaseAuthToken: DATABASE_AUTH_TOKEN,
  databaseBusyTimeoutMs: DATABASE_BUSY_TIMEOUT_MS,
  /** The only origin links in emails and canonical URLs are built from; never the request's Host. */
  siteUrl: new URL(SITE_URL),
} as const;
