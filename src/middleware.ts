/** Runs once per request: gives it an id, resolves who is asking and what they hold, and secures the response. */
import { randomUUID } from 'node:crypto';
import { defineMiddleware } from 'astro:middleware';
import { entitlementsFor } from './lib/billing/entitlements';
import { applySecurityHeaders } from './lib/server/platform/headers';

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.requestId = randomUUID();
  // Accounts arrive with the accounts issue; until then every visitor is anonymous.
  context.locals.user = null;
  context.locals.entitlements = entitlementsFor(null, new Date());

  const response = await next();
  response.headers.set('X-Request-Id', context.locals.requestId);
  const type = response.headers.get('Content-Type') ?? '';
  if (type.startsWith('text/html')) {
    if (!type.includes('charset')) response.headers.set('Content-Type', 'text/html; charset=utf-8');
    applySecurityHeaders(response.headers);
  } else response.headers.set('X-Content-Type-Options', 'nosniff');
  return response;
});
