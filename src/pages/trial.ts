/**
 * POST: start the free 7-day membership trial, once per person. With Stripe: the monthly plan's checkout
 * page (its trial, a card optional). Without Stripe (the embedded default): a local trial at once.
 */
import type { APIRoute } from 'astro';
import { safeNextPath } from '../lib/accounts/next-url';
import { PLANS } from '../lib/billing/plans';
import { requireUser } from '../lib/server/accounts/guards';
import { mayTrial, paymentsConfigured, startLocalTrial } from '../lib/server/billing/service';
import { readFormBody } from '../lib/server/platform/form-body';

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const body = await readFormBody(context.request, 2048);
  const next = safeNextPath(
    body.kind === 'ok' ? body.entries.find(([k]) => k === 'next')?.[1] : null,
    '/lessons',
  );
  const taken = `/dashboard?trial=taken&next=${encodeURIComponent(next)}`;
  // The dashboard asks them to confirm their email and offers to send the link again.
  if (!user.emailVerified)
    return context.redirect(`/dashboard?trial=unconfirmed&next=${encodeURIComponent(next)}`, 303);
  const now = new Date();
  if (paymentsConfigured()) {
    // The order summary first (trial dates, card optional), then Stripe Checkout from there.
    if (!(await mayTrial(user.id))) return context.redirect(taken, 303);
    return context.redirect(`/checkout/${PLANS.monthly.id}`, 303);
  }
  const result = await startLocalTrial(user, now);
  // Started: back where they were, now with every lesson open. Refused: the dashboard says why.
  if (result.kind === 'started') return context.redirect(next, 303);
  return context.redirect(
    `/dashboard?trial=${result.refusal === 'unconfirmed' ? 'unconfirmed' : 'taken'}&next=${encodeURIComponent(next)}`,
    303,
  );
};
