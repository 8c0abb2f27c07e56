/**
 * Where to take someone once they confirm their address: the page that sent them to sign up (or to log
 * in before confirming), such as a team's invitation. Kept in a cookie only the confirmation page gets,
 * for as long as the confirmation link works, and judged by `safeNextPath` when written and again when
 * read, so it can only ever lead to a page of this site.
 */
import type { AstroCookies } from 'astro';
import { safeNextPath } from '../../accounts/next-url';
import { config } from '../platform/config';

const COOKIE = 'after_confirming';
const OPTIONS = {
  httpOnly: true,
  sameSite: 'lax',
  secure: config.siteUrl.protocol === 'https:',
  path: '/verify-email',
} as const;
/** As long as the confirmation link works. */
const LIFETIME_SECONDS = 24 * 3600;

/** Remembers `raw` when it is a page of this site other than the home page; anything else is dropped. */
export function rememberReturnPath(cookies: AstroCookies, raw: string | null | undefined): void {
  const path = safeNextPath(raw, '/');
  if (path === '/') return;
  cookies.set(COOKIE, path, { ...OPTIONS, maxAge: LIFETIME_SECONDS });
}

/** The remembered page, once: the cookie is cleared as it is read. */
export function takeReturnPath(cookies: AstroCookies): string | null {
  const raw = cookies.get(COOKIE)?.value;
  if (raw === undefined) return null;
  cookies.set(COOKIE, '', { ...OPTIONS, maxAge: 0 });
  const path = safeNextPath(raw, '/');
  return path === '/' ? null : path;
}
