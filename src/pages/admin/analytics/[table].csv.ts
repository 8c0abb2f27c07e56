/** Admin: one analytics table as CSV — lessons, questions, elements or funnel. */
import type { APIRoute } from 'astro';
import {
  elementsTable,
  funnelTableRows,
  lessonsTable,
  questionsTable,
  type Table,
} from '../../../lib/admin/tables';
import { csvHeaders, toCsv } from '../../../lib/csv';
import { elementTable, funnelTable, lessonTable, questionTable } from '../../../lib/server/admin/analytics';

const TABLES: Record<string, () => Promise<Table>> = {
  lessons: async () => lessonsTable(await lessonTable()),
  questions: async () => questionsTable(await questionTable()),
  elements: async () => elementsTable(await elementTable()),
  funnel: async () => funnelTableRows(await funnelTable(new Date())),
};

export const GET: APIRoute = async (context) => {
  const name = context.params.table ?? '';
  const build = Object.hasOwn(TABLES, name) ? TABLES[name] : undefined;
  if (!build) return new Response(null, { status: 404 });
  const table = await build();
  return new Response(toCsv(table.header, table.rows), { headers: csvHeaders(`${name}.csv`) });
};
