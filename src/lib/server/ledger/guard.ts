/** The ledger's gate: a signed-in member, or where to send everyone else (the ledger's own page explains membership). */
import type { APIContext } from 'astro';
import { requireUser } from '../accounts/guards';
import type { SessionUser } from '../accounts/sessions';

type Context = Pick<APIContext, 'locals' | 'url' | 'redirect'>;

/** The member, a redirect to log in, or (without membership, by `entitlementsFor` at this request) to /ledger. */
export function requireMember(context: Context): SessionUser | Response {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  if (!context.locals.entitlements.membership) return context.redirect('/ledger', 303);
  return user;
}
