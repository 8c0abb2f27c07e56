/**
 * The guard of a page for any signed-in person. `/admin` and `/ledger` are guarded by path prefix in the
 * middleware instead (src/lib/server/platform/gates.ts).
 */
import type { APIContext } from 'astro';
import type { SessionUser } from './sessions';

type Context = Pick<APIContext, 'locals' | 'url' | 'redirect'>;

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(context: Context): SessionUser | Response {
  if (context.locals.user) return context.locals.user;
  const next = `${context.url.pathname}${context.url.search}`;
  return context.redirect(`/login?next=${encodeURIComponent(next)}`, 302);
}
