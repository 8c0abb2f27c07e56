/** Admin: the codes table as CSV. */
import type { APIRoute } from 'astro';
import { csvHeaders, toCsv } from '../../lib/csv';
import { outcomesOf } from '../../lib/server/admin/analytics';
import { describeCode, listCodes } from '../../lib/server/admin/service';

export const GET: APIRoute = async () => {
  const codes = await listCodes();
  const outcomes = new Map((await outcomesOf(codes.map((c) => c.code))).map((o) => [o.code, o]));
  const csv = toCsv(
    [
      'code',
      'kind',
      'gives',
      'expires_at',
      'max_redemptions',
      'redeemed',
      'remaining',
      'active',
      'people_used',
      'took_assessment',
      'started_trial',
      'paying',
      'retook_assessment',
      'trust_index_change',
    ],
    codes.map((c) => {
      const o = outcomes.get(c.code);
      return [
        c.code,
        c.kind,
        describeCode(c),
        c.expiresAt,
        c.maxRedemptions,
        c.redemptions,
        c.maxRedemptions === null ? null : Math.max(0, c.maxRedemptions - c.redemptions),
        c.active,
        o?.used ?? 0,
        o?.assessed ?? 0,
        o?.trials ?? 0,
        o?.paying ?? 0,
        o?.retook ?? 0,
        o?.indexChange == null ? null : Number(o.indexChange.toFixed(1)),
      ];
    }),
  );
  return new Response(csv, { headers: csvHeaders('codes.csv') });
};
