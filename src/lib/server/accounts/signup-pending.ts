/**
 * The address this browser just signed up with, so the "Check your email" page can name it and send the
 * confirmation again without asking for it. Only the sign-up page gets the cookie, for as long as the
 * confirmation link works. It reveals nothing new: the visitor typed the address themselves.
 */
import type { AstroCookies } from 'astro';
import { emailSchema } from '../../accounts/email';
import { pageCookie } from '../platform/cookies';

const COOKIE = 'signed_up_as';
const OPTIONS = pageCookie('/signup');
const LIFETIME_SECONDS = 24 * 3600;

export function rememberSignUp(cookies: AstroCookies, email: string): void {
  cookies.set(COOKIE, email, { ...OPTIONS, maxAge: LIFETIME_SECONDS });
}

/** The remembered address, when there is one and it is still an address (the cookie is the visitor's to edit). */
export function signedUpAs(cookies: AstroCookies): string | null {
  const parsed = emailSchema.safeParse(cookies.get(COOKIE)?.value);
  return parsed.success ? parsed.data : null;
}
