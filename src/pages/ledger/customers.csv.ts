/** The member's customers as CSV, in the format the import reads. */
import type { APIRoute } from 'astro';
import { csvHeaders } from '../../lib/csv';
import { requireMember } from '../../lib/server/ledger/guard';
import { customersCsv } from '../../lib/server/ledger/service';

export const GET: APIRoute = async (context) => {
  const user = requireMember(context);
  if (user instanceof Response) return user;
  return new Response(await customersCsv(user.id), {
    headers: { ...csvHeaders('ledger-customers.csv'), 'Cache-Control': 'private, no-store' },
  });
};
