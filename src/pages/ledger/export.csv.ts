/** The member's whole ledger as CSV (one promise a line), safe to open in a spreadsheet. */
import type { APIRoute } from 'astro';
import { csvHeaders } from '../../lib/csv';
import { requireMember } from '../../lib/server/ledger/guard';
import { promisesCsv } from '../../lib/server/ledger/service';

export const GET: APIRoute = async (context) => {
  const user = requireMember(context);
  if (user instanceof Response) return user;
  return new Response(await promisesCsv(user.id), {
    headers: { ...csvHeaders('promise-ledger.csv'), 'Cache-Control': 'private, no-store' },
  });
};
