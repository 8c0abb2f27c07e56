/**
 * Whole pages kept per process after their first render: only the pages declared in
 * src/lib/platform/cached-pages.ts, with a key built from what each declares it depends on (decision
 * 012), and only 200s. The per-person parts of a shared page are marked slots
 * (`<!--slot:NAME-->…<!--/slot:NAME-->`, src/lib/platform/slots.ts): they are cut out when storing and
 * filled again for each request, so a cached page never shows one person's name or progress to another.
 * Pages with one audience (a visitor's page, one person's own page) are kept as the bytes that audience
 * gets, so a hit sends them as they are.
 *
 * Bounded by bytes, not entries: a page is sized once, when stored, and a person's page larger than
 * `PERSONAL_PAGE_MAX_BYTES` is not kept at all (issue 16, H1).
 */
import { ACCOUNT_NAV_SLOT } from '../../accounts/account-nav';
import type { Entitlements } from '../../billing/entitlements';
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';
import { CACHED_PAGES, type CachedPageInputs, canonicalPath } from '../../platform/cached-pages';
import { SLOT_PATTERN, slotEnd, slotStart } from '../../platform/slots';

/** Fills one slot for the current request (its inner HTML, without the markers). */
export type SlotFiller = (slot: string) => string | Promise<string>;

interface CachedPage {
  /** The page as its one audience gets it; or, for a shared page seen signed in, shared bytes and slot names alternating. */
  body: Uint8Array | (Uint8Array | string)[];
  headers: [string, string][];
}

/** All pages together; about 1,000 lesson pages or personal pages of 30 KB. */
export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** A shared page larger than this is not kept (the largest lesson is about 60 KB). */
const PAGE_MAX_BYTES = 1024 * 1024;
/** One person's page larger than this is rendered on every request instead (the dashboard is about 25 KB). */
export const PERSONAL_PAGE_MAX_BYTES = 192 * 1024;

function pageBytes(page: CachedPage, key: string): number {
  let bytes = ENTRY_OVERHEAD_BYTES + stringBytes(key);
  const parts = page.body instanceof Uint8Array ? [page.body] : page.body;
  for (const part of parts) bytes += typeof part === 'string' ? stringBytes(part) : part.byteLength;
  for (const [name, value] of page.headers) bytes += stringBytes(name) + stringBytes(value);
  return bytes;
}

const pages = new BoundedCache<string, CachedPage>({
  name: 'pages',
  maxBytes: PAGE_CACHE_MAX_BYTES,
  maxEntryBytes: PAGE_MAX_BYTES,
  sizeOf: pageBytes,
});
const encoder = new TextEncoder();

/** Who is asking, as far as the cache cares. */
export interface CacheVisitor {
  id: string;
  /** Shown in the account nav: part of a personal page's key, so the whole page is assembled once. */
  displayName: string;
  /** The nav links admins to the admin pages: part of the key for the same reason. */
  role?: string;
  /** The person's version of each of their tables (read with the session; bumped by the database). */
  versions: Readonly<Record<string, number>>;
  /** Whether their address is confirmed: pages remind an unconfirmed person (the gap report's invitations). */
  emailVerified?: boolean;
}

/** What the cache needs to know of a request. */
export interface CacheRequest {
  method: string;
  /** Astro's route pattern, e.g. `/lessons/[slug]`. */
  route: string;
  params: Readonly<Record<string, string | undefined>>;
  url: URL;
  /** The URL as the client sent it (`url` may already be tidied by the framework): spellings are judged on it. */
  rawUrl?: string;
  /** For a page that declares `team`: that team's version (`teamVersionOf`), 0 when it has none yet. */
  teamVersion?: number;
}

/**
 * Every entitlement's value now. The values are computed from the grants at request time, so a grant
 * that ends or starts moves a request to another key by itself; new products join the key by being in
 * the type. `until` (when membership ends) is in personal keys only: a shared page doesn't show it, and
 * keying shared pages by it would keep one copy of each lesson per member.
 */
export function entitlementsKey(entitlements: Entitlements, personal: boolean): string {
  let key = '';
  for (const [name, value] of Object.entries(entitlements)) {
    if (typeof value === 'boolean') key += value ? `+${name}` : `-${name}`;
    else if (personal) key += ` ${name}=${value instanceof Date ? value.getTime() : String(value)}`;
  }
  return key;
}

function clockKey(page: CachedPageInputs, now: Date): string {
  if (page.audience !== 'personal' || page.clock === undefined) return '';
  return ` m${Math.floor(now.getTime() / 60_000)}`;
}

/** The path and query of an absolute URL as sent, without parsing (this runs on every cached page's request). */
function sentPath(raw: string): { pathname: string; search: string } {
  const start = raw.indexOf('/', raw.indexOf('//') + 2);
  const rest = start < 0 ? '/' : raw.slice(start);
  const query = rest.indexOf('?');
  return query < 0
    ? { pathname: rest, search: '' }
    : { pathname: rest.slice(0, query), search: rest.slice(query) };
}

/** Where a request for a declared page must be sent instead: its canonical path, or null when it is on it. */
export function canonicalRedirect(request: CacheRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (CACHED_PAGES[request.route] === undefined) return null;
  const canonical = canonicalPath(request.route, request.params);
  const sent = request.rawUrl === undefined ? request.url : sentPath(request.rawUrl);
  return canonical === sent.pathname ? null : canonical + sent.search;
}

/**
 * The key for a request the cache may answer, or null when it must be rendered: built only from the
 * inputs its page declares (src/lib/platform/cached-pages.ts).
 */
export function pageCacheKey(
  request: CacheRequest,
  visitor: CacheVisitor | null,
  entitlements: Entitlements,
  now: Date,
): string | null {
  if (import.meta.env.DEV) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const page = CACHED_PAGES[request.route];
  if (page === undefined) return null;
  const path = canonicalPath(request.route, request.params);
  if (page.audience === 'shared') {
    // The query string is not part of a shared page (and so cannot grow the cache).
    return `${visitor === null ? 'visitor' : 'signed-in'} ${path} ${entitlementsKey(entitlements, false)}`;
  }
  // Any query string on a personal page is a one-off variant (a notice after a write): rendered.
  if (visitor === null || request.url.search !== '') return null;
  let versions = page.tables.map((table) => ` ${table}=${visitor.versions[table] ?? 0}`).join('');
  if (page.team !== undefined) {
    // Without the team's version the page can't be keyed: rendered.
    if (request.teamVersion === undefined) return null;
    versions += ` team=${request.teamVersion}`;
  }
  return `person ${path} ${visitor.id} ${entitlementsKey(entitlements, true)}${versions}${clockKey(page, now)}${visitor.emailVerified ? '' : ' unconfirmed'} ${visitor.role ?? ''} ${visitor.displayName}`;
}

/**
 * A response over the kept bytes, without copying them: `new Response(bytes)` copies its body, which for
 * a team's 130 KB reports page cost more than the rest of the hit and made 300 MB/s of garbage under the
 * bench. The stream hands the stored array itself to the server, which only reads it.
 */
function respond(body: Uint8Array, headers: [string, string][]): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: [...headers, ['content-length', String(body.byteLength)]],
  });
}

/** Keys being rendered now, each with the promise that settles when its render is over (stored or not). */
const rendering = new Map<string, Promise<void>>();

/**
 * Misses of one key at the same moment render once: the first request renders and stores the page, the
 * others wait for it and are then served from the cache. Without this, the minute a minute-keyed page's
 * key moves on, every request in flight for it rendered it at once (the bench's 32 connections on one
 * person's dashboard: 32 renders, a p99 of 300 ms). Returns what to call when the render is over, or null
 * when another request was already rendering it and is now done (look the key up again).
 */
export async function renderOnce(key: string): Promise<(() => void) | null> {
  const pending = rendering.get(key);
  if (pending !== undefined) {
    await pending;
    return null;
  }
  let done = (): void => {};
  rendering.set(
    key,
    new Promise<void>((resolve) => {
      done = resolve;
    }),
  );
  return () => {
    rendering.delete(key);
    done();
  };
}

async function assemble(parts: (Uint8Array | string)[], fill: SlotFiller): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') chunks.push(part);
    else chunks.push(encoder.encode(slotStart(part) + (await fill(part)) + slotEnd(part)));
  }
  return Buffer.concat(chunks);
}

/** The cached page for `key` with its slots filled, or null on a miss. */
export async function cachedPage(key: string, fill: SlotFiller): Promise<Response | null> {
  const hit = pages.get(key);
  if (!hit) return null;
  if (hit.body instanceof Uint8Array) return respond(hit.body, hit.headers);
  return respond(await assemble(hit.body, fill), hit.headers);
}

/** Splits rendered HTML into shared bytes and slot names; null when it has no account-nav slot. */
export function splitSlots(html: string): (Uint8Array | string)[] | null {
  const parts: (Uint8Array | string)[] = [];
  let from = 0;
  let sawNav = false;
  for (const match of html.matchAll(SLOT_PATTERN)) {
    const name = match[1] ?? '';
    parts.push(encoder.encode(html.slice(from, match.index)), name);
    from = match.index + match[0].length;
    if (name === ACCOUNT_NAV_SLOT) sawNav = true;
  }
  parts.push(encoder.encode(html.slice(from)));
  return sawNav ? parts : null;
}

/**
 * The declaration of a page that opted into the cache. A page may only opt in when its route is declared
 * in CACHED_PAGES: anything else is a programming error, refused loudly (a 500 in every test that opens
 * the page), so that no page is cached without its inputs declared.
 */
export function assertDeclared(route: string): CachedPageInputs {
  const page = CACHED_PAGES[route];
  if (page === undefined)
    throw new Error(`The page ${route} asked to be cached but is not declared in CACHED_PAGES`);
  return page;
}

/** Stores a rendered page of a declared route under `key` (from `pageCacheKey`); returns an equivalent response. */
export async function storePage(route: string, key: string, response: Response): Promise<Response> {
  const page = assertDeclared(route);
  const html = await response.text();
  const headers = [...response.headers.entries()].filter(([name]) => name !== 'content-length');
  const bytes = encoder.encode(html);
  // Without a marked account nav a page is not one the cache knows how to serve to someone else.
  const parts = splitSlots(html);
  if (parts !== null) {
    if (page.audience === 'personal') {
      // A slot the page declares as per request (the dashboard's boosters card, which moves with the
      // clock) is filled on every hit; otherwise the person's page is kept whole.
      const ownSlots = parts.some((part) => typeof part === 'string' && page.slots?.includes(part));
      if (bytes.byteLength <= PERSONAL_PAGE_MAX_BYTES)
        pages.set(key, { body: ownSlots ? parts : bytes, headers });
      else pages.refuse();
    } else if (key.startsWith('visitor ')) {
      pages.set(key, { body: bytes, headers });
    } else {
      pages.set(key, { body: parts, headers });
    }
  }
  return respond(bytes, headers);
}
