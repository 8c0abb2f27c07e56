/** The team's quiz answers per question as CSV, for the team's owner and managers (404 for anyone else). */
import type { APIRoute } from 'astro';
import { teamExport } from '../../../lib/server/teams/exports';

export const GET: APIRoute = (context) => teamExport(context, 'quizzes');
