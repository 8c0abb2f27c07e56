/**
 * Where to take someone once they confirm their address: the page that sent them to sign up (or to log
 * in before confirming), when it is an errand they came to finish — a team's invitation. Anywhere else the
 * welcome page's first steps serve a new account better, and says the address is confirmed. Kept in a
 * cookie only the confirmation page gets, for as long as the confirmation link works, and judged by
 * `safeNextPath` when written and again when read, so it can only ever lead to a page of this site.
 */
import type { AstroCookies } from 'astro';
import { safeNextPath } from '../../accounts/next-url';
import { pageCookie } from '../platform/cookies';

const COOKIE = 'after_confirming';
const OPTIONS = pageCookie('/verify-email');
/** Pages worth coming back to after confirming; each says itself that the address is now confirmed. */
const RETURN_PAGES: ReadonlySet<string> = new Set(['/teams/join']);

function returnable(raw: string | null | undefined): string | null {
  const path = safeNextPath(raw, '/');
  return RETURN_PAGES.has(new URL(path, 'https://academy.invalid').pathname) ? path : null;
}

/** As long as the confirmation link works. */
const LIFETIME_SECONDS = 24 * 3600;

/** Remembers `raw` when it is one of `RETURN_PAGES` of this site; anything else is dropped. */
export function rememberReturnPath(cookies: AstroCookies, raw: string | null | undefined): void {
  const path = returnable(raw);
  if (path) cookies.set(COOKIE, path, { ...OPTIONS, maxAge: LIFETIME_SECONDS });
}

/** The remembered page, once: the cookie is cleared as it is read. */
export function takeReturnPath(cookies: AstroCookies): string | null {
  const raw = cookies.get(COOKIE)?.value;
  if (raw === undefined) return null;
  cookies.set(COOKIE, '', { ...OPTIONS, maxAge: 0 });
  return returnable(raw);
}
