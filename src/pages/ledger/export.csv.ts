/** The member's whole ledger as CSV (one promise a line, times in their time zone), safe to open in a spreadsheet. */
import type { APIRoute } from 'astro';
import { csvHeaders } from '../../lib/csv';
import { promisesCsv, settingsOf } from '../../lib/server/ledger/service';
import { gatedUser } from '../../lib/server/platform/gates';

export const GET: APIRoute = async (context) => {
  const user = gatedUser(context.locals);
  const { timeZone } = await settingsOf(user.id);
  return new Response(await promisesCsv(user.id, timeZone), {
    headers: { ...csvHeaders('promise-ledger.csv'), 'Cache-Control': 'private, no-store' },
  });
};
