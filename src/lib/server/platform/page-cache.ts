/**
 * Whole pages that are the same for everyone with the same entitlements (home, outline, lessons), kept
 * per process after their first render. Only pages that opt in (`locals.cacheForVisitors`) and answer 200
 * are stored. The one per-person part, the header's account nav, is cut out when storing and rendered
 * again for each request, so a cached page never shows one person's name to another.
 */
import type { Entitlements } from '../../billing/entitlements';
import { ACCOUNT_NAV_END, ACCOUNT_NAV_START, type NavUser, withAccountNav } from '../../accounts/account-nav';

interface CachedPage {
  /** HTML with an empty account nav. */
  html: string;
  headers: [string, string][];
  /** The page as a signed-out visitor sees it, encoded once: the key already fixes its path. */
  visitorBody?: Uint8Array<ArrayBuffer>;
}

/** Bounded: the opted-in routes × entitlement kinds are a finite set; a cap keeps a bug from becoming a leak. */
const MAX_PAGES = 2000;
const pages = new Map<string, CachedPage>();
const encoder = new TextEncoder();

/** Everyone with the same answer here sees the same page body. */
function audience(signedIn: boolean, entitlements: Entitlements): string {
  if (!signedIn) return 'visitor';
  return entitlements.membership ? 'member' : 'learner';
}

/** The key for a request the cache may answer, or null when it must be rendered. */
export function pageCacheKey(
  request: Request,
  url: URL,
  signedIn: boolean,
  entitlements: Entitlements,
): string | null {
  if (import.meta.env.DEV) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  // Opted-in pages ignore the query string, so it is not part of the key (and cannot grow the cache).
  return `${audience(signedIn, entitlements)} ${url.pathname}`;
}

function respond(body: Uint8Array<ArrayBuffer>, headers: [string, string][]): Response {
  return new Response(body, {
    status: 200,
    headers: [...headers, ['content-length', String(body.byteLength)]],
  });
}

function personalised(page: CachedPage, user: NavUser | null, path: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(withAccountNav(page.html, user, path) ?? page.html);
}

export function cachedPage(key: string, user: NavUser | null, path: string): Response | null {
  const hit = pages.get(key);
  if (!hit) return null;
  if (user !== null) return respond(personalised(hit, user, path), hit.headers);
  hit.visitorBody ??= personalised(hit, null, path);
  return respond(hit.visitorBody, hit.headers);
}

/** Stores a rendered page (if it has a marked account nav) and returns an equivalent response. */
export async function storePage(key: string, response: Response): Promise<Response> {
  const html = await response.text();
  const headers = [...response.headers.entries()].filter(([name]) => name !== 'content-length');
  const start = html.indexOf(ACCOUNT_NAV_START);
  const end = html.indexOf(ACCOUNT_NAV_END, start);
  if (start >= 0 && end >= 0 && pages.size < MAX_PAGES) {
    pages.set(key, { html: html.slice(0, start + ACCOUNT_NAV_START.length) + html.slice(end), headers });
  }
  return respond(encoder.encode(html), headers);
}
