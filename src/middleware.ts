/** Runs once per request: gives it an id, resolves who is asking and what they hold, and secures the response. */

import { defineMiddleware } from 'astro:middleware';
import { randomUUID } from 'node:crypto';
import { entitlementsFor } from './lib/billing/entitlements';
import { deleteSessionCookie, readSessionToken, setSessionCookie } from './lib/server/accounts/cookies';
import { validateSessionToken } from './lib/server/accounts/sessions';
import { db } from './lib/server/platform/db';
import { applySecurityHeaders } from './lib/server/platform/headers';
import { cachedPage, pageCacheKey, storePage } from './lib/server/platform/page-cache';
import { slotFiller } from './lib/server/platform/page-slots';

function finish(response: Response, requestId: string, signedIn: boolean): Response {
  response.headers.set('X-Request-Id', requestId);
  // Anything shown to a signed-in person is theirs alone: no cache may keep it.
  if (signedIn) response.headers.set('Cache-Control', 'private, no-store');
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
  const now = new Date();
  context.locals.requestId = requestId;
  context.locals.user = null;
  context.locals.session = null;
  context.locals.cacheForVisitors = false;

  const token = readSessionToken(context.cookies);
  let grants = null;
  if (token !== null) {
    const valid = await validateSessionToken(await db(), token, now);
    if (valid) {
      context.locals.user = valid.user;
      context.locals.session = valid.session;
      grants = valid.grants;
      if (valid.renewed) setSessionCookie(context.cookies, token, valid.session.expiresAt);
    } else {
      deleteSessionCookie(context.cookies);
    }
  }
  // Entitlements are computed from the grants read with the session, at request time, every time.
  context.locals.entitlements = entitlementsFor(grants === null ? null : { grants }, now);

  const user = context.locals.user;
  const cacheKey = pageCacheKey(context.request, context.url, user, context.locals.entitlements, now);
  const hit =
    cacheKey === null
      ? null
      : await cachedPage(cacheKey, slotFiller(context.locals, context.url, now), user !== null);
  if (hit) return finish(hit, requestId, user !== null);

  let response = await next();
  if (cacheKey !== null && context.locals.cacheForVisitors && response.status === 200) {
    response = await storePage(cacheKey, response);
  }
  return finish(response, requestId, user !== null);
});
