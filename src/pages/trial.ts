/**
 * Where "Start my free trial" posts (`?_action=billing.startTrial`, src/actions/billing.ts), from several
 * pages: the action starts the trial (or finds why not) and this answers with where it said to go.
 */
import { actions } from 'astro:actions';
import type { APIRoute } from 'astro';

export const POST: APIRoute = (context) => {
  const result = context.getActionResult(actions.billing.startTrial);
  if (result?.data?.kind === 'ok') return context.redirect(result.data.next, 303);
  if (result?.error?.status === 413) return new Response(`${result.error.message}\n`, { status: 413 });
  return new Response('That form could not be read. Reload the page and start the trial again.\n', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
