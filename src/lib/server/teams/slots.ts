/** The dashboard's assignments slot, filled per request (the dashboard itself is a cached page, decision 005). */
import { assignmentsHtml } from '../../teams/assignments-html';
import { db } from '../platform/db';
import { repAssignments } from './assignments';

/** One indexed read for someone in no team (their membership), a few more for a rep with assignments. */
export async function teamAssignmentsSlot(userId: string | null, now: Date): Promise<string> {
  if (!userId) return '';
  return assignmentsHtml(await repAssignments(await db(), userId, now));
}
