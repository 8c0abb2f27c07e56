/** The member's customers as CSV, in the format the import reads. */
import type { APIRoute } from 'astro';
import { csvHeaders } from '../../lib/csv';
import { customersCsv } from '../../lib/server/ledger/service';
import { gatedUser } from '../../lib/server/platform/gates';

export const GET: APIRoute = async (context) => {
  const user = gatedUser(context.locals);
  return new Response(await customersCsv(user.id), {
    headers: { ...csvHeaders('ledger-customers.csv'), 'Cache-Control': 'private, no-store' },
  });
};
