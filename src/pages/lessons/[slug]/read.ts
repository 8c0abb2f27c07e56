/**
 * Where "Mark as read" posts (`?_action=learning.markRead`, src/actions/learning.ts): the action marks
 * the lesson, and this answers with where it said to go, or why it could not.
 */
import { actions } from 'astro:actions';
import type { APIRoute } from 'astro';
import { requireUser } from '../../../lib/server/accounts/guards';

export const POST: APIRoute = (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const result = context.getActionResult(actions.learning.markRead);
  if (result?.data?.kind === 'ok') return context.redirect(result.data.next, 303);
  if (result?.error?.status === 413) return new Response(`${result.error.message}\n`, { status: 413 });
  if (result?.data?.kind === 'not-found' || !result)
    return new Response('There is no such lesson for you to mark read.', { status: 404 });
  return new Response('That form could not be read. Reload the lesson and try again.', { status: 400 });
};
