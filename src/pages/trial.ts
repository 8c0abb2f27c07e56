/** POST: start the free 7-day membership trial (local, without a payment provider); once per person. */
import type { APIRoute } from 'astro';
import { safeNextPath } from '../lib/accounts/next-url';
import { requireUser } from '../lib/server/accounts/guards';
import { startLocalTrial } from '../lib/server/billing/service';
import { readFormBody } from '../lib/server/platform/form-body';

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const body = await readFormBody(context.request, 2048);
  const next = safeNextPath(
    body.kind === 'ok' ? body.entries.find(([k]) => k === 'next')?.[1] : null,
    '/lessons',
  );
  const result = await startLocalTrial(user, new Date());
  // Started: back where they were, now with every lesson open. Refused: the dashboard says why.
  if (result.kind === 'started') return context.redirect(next, 303);
  return context.redirect(`/dashboard?trial=taken&next=${encodeURIComponent(next)}`, 303);
};
