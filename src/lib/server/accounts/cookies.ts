/** The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the __Host- prefix on https sites. */
import type { AstroCookies } from 'astro';
import { config } from '../platform/config';
import { sessionCookie } from './sessions';

const cookie = sessionCookie(config.siteUrl);

export function readSessionToken(cookies: AstroCookies): string | null {
  return cookies.get(cookie.name)?.value ?? null;
}

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(cookie.name, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookie.secure,
    expires: expiresAt,
  });
}

export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.set(cookie.name, '', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookie.secure,
    maxAge: 0,
  });
}
