/** A customers CSV to fill in: the import's header line and two example rows. */
import type { APIRoute } from 'astro';
import { csvHeaders, toCsv } from '../../lib/csv';
import { CUSTOMER_COLUMNS } from '../../lib/ledger/csv';

const TEMPLATE = toCsv(CUSTOMER_COLUMNS, [
  ['Ada Lovelace', 'Analytical Engines Ltd', 'Prefers email; renewal in March', 0],
  ['Grace Hopper', 'Compiler Co', 'Waited two weeks for a quote last year', -20],
]);

export const GET: APIRoute = () =>
  new Response(TEMPLATE, {
    headers: { ...csvHeaders('ledger-customers-template.csv'), 'Cache-Control': 'private, max-age=3600' },
  });
