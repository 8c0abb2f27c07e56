/** The member's customers as CSV, in the format the import reads. */
import type { APIRoute } from 'astro';
import { requireMember } from '../../lib/server/ledger/guard';
import { customersCsv } from '../../lib/server/ledger/service';

export const GET: APIRoute = async (context) => {
  const user = requireMember(context);
  if (user instanceof Response) return user;
  return new Response(await customersCsv(user.id), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="ledger-customers.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
};
