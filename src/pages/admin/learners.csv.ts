/** Admin: the learners matching a search, as CSV (every page). */
import type { APIRoute } from 'astro';
import { csvHeaders, toCsv } from '../../lib/csv';
import { allMatchingLearners } from '../../lib/server/admin/service';

export const GET: APIRoute = async (context) => {
  const rows = await allMatchingLearners(context.url.searchParams.get('q') ?? '');
  const csv = toCsv(
    ['id', 'name', 'email', 'signed_up_at', 'email_confirmed_at', 'role'],
    rows.map((r) => [r.id, r.displayName, r.email, r.createdAt, r.emailVerifiedAt, r.role]),
  );
  return new Response(csv, { headers: csvHeaders('learners.csv') });
};
