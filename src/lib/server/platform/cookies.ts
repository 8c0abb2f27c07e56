/**
 * The options of a cookie only one page receives (a link's token, a form carried across a redirect,
 * where to go after confirming): HttpOnly, SameSite=Lax, the page's path, and Secure whenever the site
 * is served over https. The session cookie has its own rules (`__Host-`, path /): accounts/cookies.ts.
 */
import { config } from './config';

const secure = config.siteUrl.protocol === 'https:';

export function pageCookie(path: string) {
  return { httpOnly: true, sameSite: 'lax', secure, path } as const;
}
