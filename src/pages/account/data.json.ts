/** "Download my data": everything stored about the signed-in person, as a JSON attachment. */
import type { APIRoute } from 'astro';
import { requireUser } from '../../lib/server/accounts/guards';
import { exportData } from '../../lib/server/accounts/profile';

export const GET: APIRoute = async (context) => {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const body = JSON.stringify(await exportData(user, new Date()), null, 2);
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="trust-academy-data.json"',
      'Cache-Control': 'private, no-store',
    },
  });
};
