/**
 * Whole pages that are the same for everyone with the same entitlements (home, outline, lessons), kept
 * per process after their first render. Only pages that opt in (`locals.cacheForVisitors`) and answer 200
 * are stored. The per-person parts are marked slots (`<!--slot:NAME-->…<!--/slot:NAME-->`, see
 * src/lib/platform/slots.ts): they are cut out when storing and filled again for each request, so a cached
 * page never shows one person's name or progress to another. The shared parts are kept as bytes, so a
 * hit encodes only the slots.
 */
import { ACCOUNT_NAV_SLOT } from '../../accounts/account-nav';
import type { Entitlements } from '../../billing/entitlements';
import { SLOT_PATTERN, slotEnd, slotStart } from '../../platform/slots';
import { weekIndex } from '../../progress/progress';

/** Fills one slot for the current request (its inner HTML, without the markers). */
export type SlotFiller = (slot: string) => string | Promise<string>;

interface CachedPage {
  /** Shared bytes and slot names, alternating: bytes, slot, bytes, …, bytes. */
  parts: (Uint8Array | string)[];
  headers: [string, string][];
  /** The page as its one audience sees it (a visitor on this path, or the person it belongs to), encoded once. */
  body?: Uint8Array;
}

/**
 * Bounded, least recently used out first: shared pages are a small finite set; personal pages (one
 * per person and version of their records) come and go.
 */
const MAX_PAGES = 3000;

/**
 * Pages that show one person's own records and change only when those records do. Their key names the
 * person, the version of their learning records (bumped by every write to them, read with the session)
 * and the week (the learning streak counts weeks); any query string means a one-off variant: no cache.
 */
const PERSONAL_PAGES = /^\/(?:dashboard|assessment\/results\/[a-z2-7]{26}|ledger)$/;
/**
 * The ledger's today view also depends on the clock (what is overdue, which outcomes apply, "tomorrow"):
 * its key names the minute, so a cached copy is at most a minute behind the clock, never behind a write
 * (ledger writes bump the same version; decision 008).
 */
const MINUTE_PAGES = new Set(['/ledger']);

/** Who is asking, as far as the cache cares. */
export interface CacheVisitor {
  id: string;
  learningVersion: number;
  /** Shown in the account nav: part of a personal page's key, so the whole page is assembled once. */
  displayName: string;
  /** The nav links admins to the admin pages: part of the key for the same reason. */
  role?: string;
}

/** Keys of pages that are one person's own: assembled once, slots and all. */
const PERSON = 'person ';
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
  visitor: CacheVisitor | null,
  entitlements: Entitlements,
  now: Date,
): string | null {
  if (import.meta.env.DEV) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const kind = audience(visitor !== null, entitlements);
  if (PERSONAL_PAGES.test(url.pathname)) {
    if (visitor === null || url.search !== '') return null;
    const time = MINUTE_PAGES.has(url.pathname)
      ? `m${Math.floor(now.getTime() / 60_000)}`
      : `w${weekIndex(now)}`;
    return `${PERSON}${kind} ${url.pathname} ${visitor.id} v${visitor.learningVersion} ${time} ${visitor.role ?? ''} ${visitor.displayName}`;
  }
  // Shared pages ignore the query string, so it is not part of the key (and cannot grow the cache).
  return `${kind} ${url.pathname}`;
}

function respond(body: Uint8Array, headers: [string, string][]): Response {
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: [...headers, ['content-length', String(body.byteLength)]],
  });
}

async function assemble(page: CachedPage, fill: SlotFiller): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (const part of page.parts) {
    if (typeof part !== 'string') chunks.push(part);
    else chunks.push(encoder.encode(slotStart(part) + (await fill(part)) + slotEnd(part)));
  }
  return Buffer.concat(chunks);
}

/**
 * The cached page for `key` with its slots filled, or null on a miss. A visitor's page depends on its
 * path alone, and a personal page's key names everything its slots show, so both are assembled once
 * and kept; shared pages seen by a signed-in person are assembled per request.
 */
export async function cachedPage(key: string, fill: SlotFiller, signedIn: boolean): Promise<Response | null> {
  const hit = pages.get(key);
  if (!hit) return null;
  // Most recently used last: the first key is the one to drop when the cache is full.
  pages.delete(key);
  pages.set(key, hit);
  if (signedIn && !key.startsWith(PERSON)) return respond(await assemble(hit, fill), hit.headers);
  hit.body ??= await assemble(hit, fill);
  return respond(hit.body, hit.headers);
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

/** Stores a rendered page (if it has a marked account nav) and returns an equivalent response. */
export async function storePage(key: string, response: Response): Promise<Response> {
  const html = await response.text();
  const headers = [...response.headers.entries()].filter(([name]) => name !== 'content-length');
  const parts = splitSlots(html);
  if (parts !== null) {
    if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value ?? '');
    pages.set(key, { parts, headers });
  }
  return respond(encoder.encode(html), headers);
}
