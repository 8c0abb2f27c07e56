/** Runs once per request: gives it an id, resolves who is asking and what they hold, and secures the response. */
import { randomUUID } from 'node:crypto';
import { defineMiddleware } from 'astro:middleware';
import { entitlementsFor } from './lib/billing/entitlements';
import { applySecurityHeaders } from './lib/server/platform/headers';
import { cachedPage, pageCacheKey, storePage } from './lib/server/platform/page-cache';

function finish(response: Response, requestId: string): Response {
  response.headers.set('X-Request-Id', requestId);
  const type = response.headers.get('Content-Type') ?? '';
  if (type.startsWith('text/html')) {
    if (!type.includes('charset')) response.headers.set('Content-Type', 'text/html; charset=utf-8');
    applySecurityHeaders(response.headers);
  } else {
    response.headers.set('X-Content-Type-Options', 'nosniff');
  }
  return response;
}

export const onRequest = defineMiddleware(async (context, next) => {
  const requestId = randomUUID();
  context.locals.requestId = requestId;
  // Accounts arrive with the accounts issue; until then every visitor is anonymous.
  context.locals.user = null;
  context.locals.entitlements = entitlementsFor(null, new Date());
  context.locals.cacheForVisitors = false;

  const cacheKey = pageCacheKey(context.request, context.url, context.locals.user !== null);
  const hit = cacheKey === null ? null : cachedPage(cacheKey);
  if (hit) return finish(hit, requestId);

  let response = await next();
  if (cacheKey !== null && context.locals.cacheForVisitors && response.status === 200) {
    response = await storePage(cacheKey, response);
  }
  return finish(response, requestId);
});
