/** POST: open Stripe's billing portal (change card, cancel, invoices) for the signed-in person. */
import type { APIRoute } from 'astro';
import { requireUser } from '../../../lib/server/accounts/guards';
import { portalUrl } from '../../../lib/server/billing/service';

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const portal = await portalUrl(user, new Date());
  if (portal.kind === 'redirect') return context.redirect(portal.url, 303);
  return context.redirect(`/account/billing?portal=${portal.kind}`, 303);
};
