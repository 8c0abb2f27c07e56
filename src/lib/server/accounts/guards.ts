/** Guards that keep protected pages linear: they return a redirect or a 404, or the signed-in user. */
import type { APIContext } from 'astro';
import type { SessionUser } from './sessions';

type Context = Pick<APIContext, 'locals' | 'url' | 'redirect'>;

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(context: Context): SessionUser | Response {
  if (context.locals.user) return context.locals.user;
  const next = `${context.url.pathname}${context.url.search}`;
  return context.redirect(`/login?next=${encodeURIComponent(next)}`, 302);
}

/** The admin, or a plain 404 for everyone else: admin pages do not admit they exist. */
export function requireAdmin(context: Context): SessionUser | Response {
  const user = context.locals.user;
  if (user?.role === 'admin') return user;
  return new Response(null, { status: 404 });
}
