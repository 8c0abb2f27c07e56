/**
 * Whole pages that are the same for every anonymous visitor (home, outline, lessons), kept per process
 * after their first render. Only pages that opt in (`locals.cacheForVisitors`) are stored, only 200s,
 * and only for requests without a signed-in user, so nothing personal can ever be served from here.
 */

interface CachedPage {
  /** Encoded once, so a hit neither re-encodes the page nor needs chunked transfer. */
  body: Uint8Array<ArrayBuffer>;
  headers: [string, string][];
}

const encoder = new TextEncoder();

/** Bounded: the opted-in routes are a finite set, but a cap keeps a bug from becoming a leak. */
const MAX_PAGES = 500;
const pages = new Map<string, CachedPage>();

/** The key for a request the cache may answer, or null when it must be rendered. */
export function pageCacheKey(request: Request, url: URL, signedIn: boolean): string | null {
  if (import.meta.env.DEV || signedIn) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  // Opted-in pages ignore the query string, so it is not part of the key (and cannot grow the cache).
  return url.pathname;
}

export function cachedPage(key: string): Response | null {
  const hit = pages.get(key);
  return hit ? new Response(hit.body, { status: 200, headers: hit.headers }) : null;
}

/** Stores a rendered page and returns an equivalent response (the original body can be read once). */
export async function storePage(key: string, response: Response): Promise<Response> {
  const body = encoder.encode(await response.text());
  const headers: [string, string][] = [
    ...[...response.headers.entries()].filter(([name]) => name !== 'content-length'),
    ['content-length', String(body.byteLength)],
  ];
  if (pages.size < MAX_PAGES) pages.set(key, { body, headers });
  return new Response(body, { status: response.status, headers });
}
