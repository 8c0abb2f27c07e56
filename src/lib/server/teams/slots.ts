/** The dashboard's team slot, filled per request (the dashboard itself is a cached page, decision 005). */
import { assignmentsHtml, teamLeadHtml } from '../../teams/assignments-html';
import { db } from '../platform/db';
import { assignmentsOfRep } from './assignments';
import * as q from './queries';

/**
 * One indexed read for someone in no team (their membership); a rep gets their assignments, an owner or
 * manager a card leading to the team (its name read now, so a rename shows at once).
 */
export async function teamAssignmentsSlot(userId: string | null, now: Date): Promise<string> {
  if (!userId) return '';
  const database = await db();
  const membership = await q.teamRoleOf(database, userId);
  if (!membership) return '';
  if (membership.role === 'member')
    return assignmentsHtml(await assignmentsOfRep(database, userId, membership.teamId, now));
  const team = await q.teamById(database, membership.teamId);
  return team ? teamLeadHtml(team) : '';
}
