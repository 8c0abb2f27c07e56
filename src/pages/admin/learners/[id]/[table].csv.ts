/** Admin: one of a learner's tables as CSV — grants, subscriptions or assessments. */
import type { APIRoute } from 'astro';
import { SCALES } from '../../../../lib/assessment/schema';
import { type Cell, csvHeaders, toCsv } from '../../../../lib/csv';
import { learnerDetail } from '../../../../lib/server/admin/service';

type Detail = NonNullable<Awaited<ReturnType<typeof learnerDetail>>>;

const TABLES: Record<string, (d: Detail) => { header: string[]; rows: Cell[][] }> = {
  grants: (d) => ({
    header: ['product', 'source', 'starts_at', 'ends_at'],
    rows: d.grants.map((g) => [g.product, g.source, g.startsAt, g.endsAt]),
  }),
  subscriptions: (d) => ({
    header: [
      'id',
      'status',
      'amount_cents',
      'currency',
      'interval',
      'current_period_end',
      'code',
      'created_at',
    ],
    rows: d.subscriptions.map((s) => [
      s.id,
      s.status,
      s.amountCents,
      s.currency,
      s.interval,
      s.currentPeriodEnd,
      s.code,
      s.createdAt,
    ]),
  }),
  assessments: (d) => ({
    header: ['taken_at', 'version', 'trust_index', ...SCALES],
    rows: d.results.map((r) => [
      r.createdAt,
      r.version,
      r.profile.index,
      ...SCALES.map((s) => r.profile.scores[s]),
    ]),
  }),
};

export const GET: APIRoute = async (context) => {
  const name = context.params.table ?? '';
  const table = Object.hasOwn(TABLES, name) ? TABLES[name] : undefined;
  const detail = table ? await learnerDetail(context.params.id ?? '', new Date()) : null;
  if (!table || !detail) return new Response(null, { status: 404 });
  const { header, rows } = table(detail);
  return new Response(toCsv(header, rows), {
    headers: csvHeaders(`learner-${detail.learner.id}-${name}.csv`),
  });
};
