/**
 * Emailed links carry a token in their URL. The first request moves it into a short-lived HttpOnly cookie
 * scoped to the page and redirects to the same page without it, served with `Referrer-Policy: no-referrer`.
 * The form page then holds no secret in its URL, and its POST carries a real Origin header — a page
 * under `no-referrer` would send `Origin: null` and fail the CSRF check.
 *
 * Anyone can make a browser open a link (a pop-up is enough), so whatever a link's cookie unlocks must be
 * safe in a stranger's browser: a reset link changes its own account's password and signs nobody in. A
 * confirmation link signs in (decision 015) only after a press on a page that names the address, and
 * never switches a browser that is signed in already.
 */
import type { AstroCookies } from 'astro';
import { pageCookie } from '../platform/cookies';

export type LinkPage = '/reset-password' | '/verify-email' | '/teams/join';
const COOKIE: Record<LinkPage, string> = {
  '/reset-password': 'reset_token',
  '/verify-email': 'verify_token',
  '/teams/join': 'team_invitation_token',
};

/** A redirect to the clean URL when this request carries a token, else null. */
export function stashLinkToken(page: LinkPage, url: URL, cookies: AstroCookies): Response | null {
  const token = url.searchParams.get('token');
  if (token === null) return null;
  if (/^[a-z2-7]{32}$/.test(token)) {
    cookies.set(COOKIE[page], token, { ...pageCookie(page), maxAge: 3600 });
  }
  return new Response(null, {
    status: 303,
    headers: { Location: page, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
  });
}

/**
 * Hands this browser a token it earned another way (a one-time password), as if it had followed a link,
 * and remembers that it earned it: the password it then chooses may sign it in (`earnedHere`).
 */
export function holdLinkToken(page: LinkPage, token: string, cookies: AstroCookies): void {
  cookies.set(COOKIE[page], token, { ...pageCookie(page), maxAge: 3600 });
  cookies.set(EARNED, token, { ...pageCookie(page), maxAge: 3600 });
}

const EARNED = 'earned_token';

/**
 * True when this browser's link token is the one it earned by logging in with a one-time password, not
 * one stashed from a link (which anyone can make a browser open): only that case may sign in.
 */
export function earnedHere(page: LinkPage, cookies: AstroCookies): boolean {
  const token = linkToken(page, cookies);
  return token !== null && cookies.get(EARNED)?.value === token;
}

export function linkToken(page: LinkPage, cookies: AstroCookies): string | null {
  return cookies.get(COOKIE[page])?.value ?? null;
}

export function clearLinkToken(page: LinkPage, cookies: AstroCookies): void {
  cookies.set(COOKIE[page], '', { ...pageCookie(page), maxAge: 0 });
  cookies.set(EARNED, '', { ...pageCookie(page), maxAge: 0 });
}
