/**
 * Runs once per request: gives it an id (logs, error pages, X-Request-Id), refuses cross-site writes,
 * resolves who is asking and what they hold, keeps `/admin` and `/ledger` (and their actions) to whom
 * they belong, holds every action's body to its limit, secures the response, answers 503 when the
 * database stayed locked, and counts it.
 */

import { ActionError, getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DatabaseBusyError, isBusyError } from '@db/client';
import type { APIContext, MiddlewareNext } from 'astro';
import { entitlementsFor } from './lib/billing/entitlements';
import { CACHED_PAGES } from './lib/platform/cached-pages';
import { bodyLimitOf } from './lib/platform/forms';
import { deleteSessionCookie, readSessionToken, setSessionCookie } from './lib/server/accounts/cookies';
import { validateSessionToken } from './lib/server/accounts/sessions';
import { busyResponse } from './lib/server/platform/busy';
import { config } from './lib/server/platform/config';
import { db } from './lib/server/platform/db';
import { readBounded } from './lib/server/platform/form-body';
import { gateOfAction, gateOfRoute, refusal } from './lib/server/platform/gates';
import { applySecurityHeaders } from './lib/server/platform/headers';
import { log } from './lib/server/platform/log';
import { recordRequest } from './lib/server/platform/metrics';
import {
  assertDeclared,
  cachedPage,
  canonicalRedirect,
  pageCacheKey,
  renderOnce,
  storePage,
} from './lib/server/platform/page-cache';
import { slotFiller } from './lib/server/platform/page-slots';
import { acceptableRequestId, type RequestState, runInRequest } from './lib/server/platform/request-context';
import { appStarted, startApp } from './lib/server/platform/startup';
import { teamVersionOf } from './lib/server/teams/queries';

/**
 * Requests whose page threw: Astro renders 500.astro for the same Request object, through this
 * middleware again but with fresh locals, so the error page finds the id of the failed request here.
 */
const failed = new WeakMap<Request, RequestState>();

function newRequestState(request: Request): RequestState {
  const incoming = config.trustIncomingRequestId
    ? acceptableRequestId(request.headers.get('x-request-id'))
    : null;
  return { requestId: incoming ?? randomUUID(), databaseBusy: false };
}

/** The version of the team a cached page's route names (`team` in its declaration), read for a signed-in GET. */
async function teamVersionFor(context: APIContext, signedIn: boolean): Promise<{ teamVersion?: number }> {
  const page = CACHED_PAGES[context.routePattern];
  if (!signedIn || page?.audience !== 'personal' || page.team === undefined) return {};
  if (context.request.method !== 'GET' && context.request.method !== 'HEAD') return {};
  return { teamVersion: await teamVersionOf(await db(), context.params[page.team] ?? '') };
}

/** With an https site URL, browsers are told to use nothing else (QUALITY.md, "Sessions"). */
const STRICT_TRANSPORT = config.siteUrl.protocol === 'https:' ? 'max-age=31536000; includeSubDomains' : null;

function finish(response: Response, requestId: string, signedIn: boolean): Response {
  response.headers.set('X-Request-Id', requestId);
  if (STRICT_TRANSPORT) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT);
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

export const onRequest = defineMiddleware((context, next) => {
  const errorOf = failed.get(context.request);
  if (errorOf) {
    // The error page of a request already logged and counted: same id, and no database lookup, which
    // may be what failed. The page is rendered as for a visitor.
    return runInRequest(errorOf, () => errorPage(context, next, errorOf.requestId));
  }
  const state = newRequestState(context.request);
  return runInRequest(state, () => observed(context, next, state));
});

async function observed(context: APIContext, next: MiddlewareNext, state: RequestState): Promise<Response> {
  const started = performance.now();
  const route = context.routePattern;
  let response: Response;
  try {
    response = await respond(context, next, state.requestId);
  } catch (error) {
    if (!(error instanceof DatabaseBusyError || isBusyError(error))) {
      failed.set(context.request, state);
      recordRequest(route, context.request.method, 500, (performance.now() - started) / 1000);
      log.error(
        { err: error, method: context.request.method, route, path: context.url.pathname },
        'request failed',
      );
      throw error;
    }
    state.databaseBusy = true;
    response = new Response(null);
  }
  // A page may have caught the failed write and rendered something; what it meant to save was not saved.
  if (state.databaseBusy) {
    log.warn({ method: context.request.method, route }, 'database locked by another writer: answered 503');
    response = finish(busyResponse(state.requestId), state.requestId, false);
  }
  const seconds = (performance.now() - started) / 1000;
  recordRequest(route, context.request.method, response.status, seconds);
  if (log.isLevelEnabled('debug'))
    log.debug(
      { method: context.request.method, route, status: response.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  return response;
}

async function errorPage(context: APIContext, next: MiddlewareNext, requestId: string): Promise<Response> {
  context.locals.requestId = requestId;
  context.locals.user = null;
  context.locals.session = null;
  context.locals.cacheForVisitors = false;
  context.locals.entitlements = entitlementsFor(null, new Date());
  context.locals.grants = [];
  return finish(await next(), requestId, false);
}

/**
 * Astro parses a JSON body sent to an action (its `/_actions/` endpoint or a page's `?_action=`) before
 * it looks at what the action accepts, so malformed JSON was a 500. Every action here takes a web form:
 * anything else is refused before it is parsed.
 */
function refusedAction(context: APIContext): Response | null {
  const { pathname, searchParams } = context.url;
  if (context.request.method !== 'POST') return null;
  if (!pathname.startsWith('/_actions/') && !searchParams.has('_action')) return null;
  const type = (context.request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') return null;
  return plainText(
    415,
    'Send the form as a web form (application/x-www-form-urlencoded or multipart/form-data).',
  );
}

/**
 * The gate of the route and of the action being called, then the action's body limit
 * (src/lib/platform/forms.ts): checked by Content-Length, or by reading at most the limit from a copy of
 * the body. A page's form gets the refusal as its action's result (the page shows it, with 413); a
 * `/_actions/` call gets plain text.
 */
async function checkAction(context: APIContext): Promise<Response | null> {
  const gated = refusal(gateOfRoute(context.routePattern), context);
  if (gated) return gated;
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (!action) return null;
  const actionGated = refusal(gateOfAction(action.name), context);
  if (actionGated) return actionGated;
  const limit = bodyLimitOf(action.name);
  const declared = Number(context.request.headers.get('content-length') ?? Number.NaN);
  const tooLarge = Number.isFinite(declared)
    ? declared > limit.bytes
    : (await readBounded(context.request.clone(), limit.bytes)) === null;
  if (!tooLarge) return null;
  if (action.calledFrom === 'rpc') return plainText(413, limit.message);
  const error = new ActionError({ code: 'CONTENT_TOO_LARGE', message: limit.message });
  setActionResult(action.name, serializeActionResult({ data: undefined, error }));
  return null;
}

function plainText(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** Signed server-to-server deliveries, which carry no Origin (a browser can't produce the signature). */
const WITHOUT_ORIGIN = new Set(['/api/stripe/webhook']);

/**
 * The CSRF check for every state-changing request, whatever its content type (Astro's own check looked
 * at form types only, and compared with the build's idea of the site): its Origin must be the site's
 * (the run-time SITE_URL, as a browser behind the TLS proxy sends it) or the origin the request was
 * addressed to. Browsers send Origin with every POST; a request without one is refused too.
 */
function crossSite(context: APIContext): Response | null {
  const method = context.request.method;
  if (method === 'GET' || method === 'HEAD' || WITHOUT_ORIGIN.has(context.url.pathname)) return null;
  const origin = context.request.headers.get('origin');
  if (origin !== null && (origin === config.siteUrl.origin || origin === context.url.origin)) return null;
  return plainText(403, `Cross-site requests are refused: send the form from ${config.siteUrl.origin}.`);
}

async function respond(context: APIContext, next: MiddlewareNext, requestId: string): Promise<Response> {
  // A request that beats the launcher's readiness check (or the first one under `astro dev`) waits for
  // the start-up instead of meeting an unmigrated database; the probes answer without waiting.
  if (!appStarted() && context.url.pathname !== '/healthz' && context.url.pathname !== '/readyz')
    await startApp();
  const refused = crossSite(context) ?? refusedAction(context);
  if (refused) return finish(refused, requestId, false);
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
  context.locals.grants = grants ?? [];

  const user = context.locals.user;
  const gated = await checkAction(context);
  if (gated) return finish(gated, requestId, user !== null);
  const cacheRequest = {
    method: context.request.method,
    route: context.routePattern,
    params: context.params,
    url: context.url,
    rawUrl: context.request.url,
    ...(await teamVersionFor(context, user !== null)),
  };
  // A cached page has one spelling of its path, so other spellings can't make entries of their own.
  const canonical = canonicalRedirect(cacheRequest);
  if (canonical !== null) return finish(context.redirect(canonical, 301), requestId, user !== null);
  const cacheKey = pageCacheKey(cacheRequest, user, context.locals.entitlements, now);
  const fill = slotFiller(context.locals, context.url, now);
  const hit = cacheKey === null ? null : await cachedPage(cacheKey, fill);
  if (hit) return finish(hit, requestId, user !== null);
  // Another request rendering the same key: wait for it and take its page (renderOnce).
  const rendered = cacheKey === null ? null : await renderOnce(cacheKey);
  if (cacheKey !== null && rendered === null) {
    const shared = await cachedPage(cacheKey, fill);
    if (shared) return finish(shared, requestId, user !== null);
  }
  try {
    let response = await next();
    if (context.locals.cacheForVisitors && response.status === 200) {
      // storePage refuses a page that opts in without being declared in CACHED_PAGES.
      if (cacheKey !== null) response = await storePage(context.routePattern, cacheKey, response);
      else assertDeclared(context.routePattern);
    }
    return finish(response, requestId, user !== null);
  } finally {
    rendered?.();
  }
}
