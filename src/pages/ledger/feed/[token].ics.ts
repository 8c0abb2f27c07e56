/** A member's calendar feed at its secret URL: their open promises as iCalendar; unknown or revoked → 404. */
import type { APIRoute } from 'astro';
import { feedCalendar } from '../../../lib/server/ledger/service';

export const GET: APIRoute = async ({ params }) => {
  const calendar = await feedCalendar(params.token ?? '', new Date());
  if (calendar === null)
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return new Response(calendar, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="promises.ics"',
      'Cache-Control': 'private, no-store',
      // The secret is in the path: never send it on as a referrer.
      'Referrer-Policy': 'no-referrer',
    },
  });
};
