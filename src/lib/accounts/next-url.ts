/**
 * "Remember where I was going": the one check behind every redirect that takes a `next` or `back` from
 * the request (log-in, sign-up, /trial, the dashboard's "back" link, the ledger's forms).
 */

/**
 * Stands in for the site's origin. The raw value may never name a scheme or host of its own, so the
 * verdict is the same for any origin, and this pure function needs no configuration.
 */
const BASE = 'https://academy.invalid';

/**
 * The path to send someone to after signing in, or `fallback` when `raw` is missing or unsafe.
 *
 * Judged after normalisation, as a browser would: the URL parser resolves dot segments (`.`, `..`,
 * `%2e`), turns backslashes into slashes and drops tabs and line breaks, so `/.//evil.example` comes out
 * as `//evil.example` — a different host. The result must resolve to this origin, must not be
 * protocol-relative, and must come out unchanged when parsed again (what we emit is what the browser
 * will follow).
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > 2048) return fallback;
  // Relative to this site: one leading slash. Anything a URL parser would strip or reinterpret —
  // whitespace, control characters, backslashes — is refused outright rather than guessed at.
  if (!raw.startsWith('/') || /[\s\\\p{Cc}]/u.test(raw)) return fallback;
  const path = normalise(raw);
  if (path === null || normalise(path) !== path) return fallback;
  return path;
}

/** Path, query and fragment of `value` resolved against the site, or null when it leaves the site. */
function normalise(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `//host` and `/\host` are protocol-relative to a browser: another origin.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  return path;
}
