/**
 * Who may reach which part of the site, by path prefix and by action name, in one place: src/middleware.ts
 * asks before any page, endpoint or action runs, so no page repeats a guard (decision 016).
 *
 * - `/admin` and everything under it, and every `admin.*` action: admins only; everyone else gets a
 *   plain 404 (admin pages do not admit they exist).
 * - everything under `/ledger/` except the calendar feed (a secret URL of its own), and every `ledger.*`
 *   action: members. Anonymous visitors are sent to log in (and back); a signed-in person without
 *   membership to `/ledger`, which explains it. `/ledger` itself is for everyone.
 * - a lesson's quiz and its results, the assessment's steps, review and results, checkout and `/trial`,
 *   and the actions posted from them (`learning.submitQuiz`, `assessment.*`, `billing.checkout`,
 *   `billing.startTrial`): anyone signed in; visitors are sent to log in (and back). Redeeming a code
 *   is not gated: a visitor may look a code up, and the action sends them to log in with the code kept.
 */
import type { APIContext } from 'astro';
import type { SessionUser } from '../accounts/sessions';

export type Gate = 'admin' | 'member' | 'user' | null;

/** Route patterns (and everything under them) for anyone signed in. */
const USER_ROUTES = [
  '/lessons/[slug]/quiz',
  '/assessment/[step]',
  '/assessment/review',
  '/assessment/results/',
  '/checkout/',
  '/trial',
];

/** Actions for anyone signed in, by full name or by namespace (`assessment.`). */
const USER_ACTIONS = ['learning.submitquiz', 'assessment.', 'billing.checkout', 'billing.starttrial'];

/** The gate of a route, by its pattern (`/admin/learners/[id]`), so no spelling of a path slips past. */
export function gateOfRoute(routePattern: string): Gate {
  const route = routePattern.toLowerCase();
  if (route === '/admin' || route.startsWith('/admin/')) return 'admin';
  if (route.startsWith('/ledger/') && !route.startsWith('/ledger/feed/')) return 'member';
  if (USER_ROUTES.some((r) => route === r || route.startsWith(r.endsWith('/') ? r : `${r}/`))) return 'user';
  return null;
}

/** The gate of an action, by its name (`admin.createCode`): actions can be posted to any page. */
export function gateOfAction(name: string): Gate {
  const space = name.split('.')[0]?.toLowerCase();
  if (space === 'admin') return 'admin';
  if (space === 'ledger') return 'member';
  const action = name.toLowerCase();
  if (USER_ACTIONS.some((a) => (a.endsWith('.') ? action.startsWith(a) : action === a))) return 'user';
  return null;
}

type Context = Pick<APIContext, 'locals' | 'url' | 'redirect'>;

/** null when the gate admits this request, else the answer for everyone it doesn't. */
export function refusal(gate: Gate, context: Context): Response | null {
  if (gate === null) return null;
  const user = context.locals.user;
  if (gate === 'admin') return user?.role === 'admin' ? null : new Response(null, { status: 404 });
  if (!user) {
    const next = `${context.url.pathname}${context.url.search}`;
    return context.redirect(`/login?next=${encodeURIComponent(next)}`, 302);
  }
  if (gate === 'user') return null;
  if (!context.locals.entitlements.membership) return context.redirect('/ledger', 303);
  return null;
}

/**
 * The signed-in user of a page or action behind a gate. The middleware has already refused everyone
 * else, so a missing user here is a route outside its gate: a defect, not a visitor to redirect.
 */
export function gatedUser(locals: App.Locals): SessionUser {
  if (!locals.user)
    throw new Error('A gated page ran without a signed-in user: is it under its gate’s prefix?');
  return locals.user;
}
