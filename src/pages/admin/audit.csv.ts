/** Admin: the whole audit log as CSV, newest first. */
import type { APIRoute } from 'astro';
import { csvHeaders, toCsv } from '../../lib/csv';
import { auditLogAll } from '../../lib/server/admin/service';

export const GET: APIRoute = async () => {
  const rows = await auditLogAll();
  const csv = toCsv(
    ['at', 'actor', 'actor_id', 'action', 'target', 'reason', 'before', 'after'],
    rows.map((r) => [r.at, r.actor, r.actorId, r.action, r.target, r.reason, r.before, r.after]),
  );
  return new Response(csv, { headers: csvHeaders('audit-log.csv') });
};
