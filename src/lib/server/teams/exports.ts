/** The manager's CSV downloads: who may have them (as the reports page: owners and managers, else 404), and their text. */
import type { APIContext } from 'astro';
import { csvHeaders } from '../../csv';
import { assignmentsCsv, progressCsv, quizzesCsv } from '../../teams/exports';
import { requireUser } from '../accounts/guards';
import { settingsOf } from '../ledger/service';
import { db } from '../platform/db';
import { progressAndAssignments, teamQuizBreakdowns } from './report-pages';
import { reportsTeam } from './reports';

export type TeamExport = 'progress' | 'assignments' | 'quizzes';

export async function teamExport(context: APIContext, kind: TeamExport): Promise<Response> {
  const user = requireUser(context);
  if (user instanceof Response) return user;
  const teamId = context.params['id'] ?? '';
  const database = await db();
  if (!(await reportsTeam(database, user, teamId)))
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
  let csv: string;
  if (kind === 'quizzes') csv = quizzesCsv(await teamQuizBreakdowns(database, teamId));
  else {
    const { progress, assignments } = await progressAndAssignments(database, teamId, new Date());
    csv =
      kind === 'progress'
        ? progressCsv(progress, (await settingsOf(user.id)).timeZone)
        : assignmentsCsv(assignments);
  }
  return new Response(csv, {
    headers: { ...csvHeaders(`team-${kind}.csv`), 'Cache-Control': 'private, no-store' },
  });
}
