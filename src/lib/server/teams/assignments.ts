/**
 * Assignments: a manager assigns a lesson, a module or the assessment to the team's reps with a due date;
 * reps see them first on their dashboard; reminders go out through the outbox before and after the due
 * date. Assignments apply to every rep (role `member`) while they are in the team, joiners included.
 */
import { type Database, readRows, write } from '@db/client';
import { teamAssignmentReminders, teamAssignments } from '@db/schema';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { formatLongDate } from '../../platform/dates';
import {
  type Assignment,
  REMIND_AFTER_MS,
  REMIND_BEFORE_MS,
  type RepFacts,
  reminderDue,
  type Snapshot,
  statusOf,
} from '../../teams/assignments';
import type { RepAssignment } from '../../teams/assignments-html';
import { reminderMessage } from '../../teams/emails';
import { newId } from '../accounts/tokens';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

export async function createAssignment(
  db: Database,
  actorId: string,
  input: { kind: Assignment['kind']; target: string; dueAt: Date } & Snapshot,
  now: Date,
): Promise<'created' | 'not-manager' | 'past'> {
  if (input.dueAt.getTime() <= now.getTime()) return 'past';
  return write(db, async (tx) => {
    const actor = await q.membershipOf(tx, actorId);
    if (!actor || actor.role === 'member') return 'not-manager';
    await tx.insert(teamAssignments).values({
      id: newId(),
      teamId: actor.teamId,
      kind: input.kind,
      target: input.target,
      title: input.title,
      href: input.href,
      lessons: JSON.stringify(input.lessons),
      quizzed: JSON.stringify(input.quizzed),
      dueAt: input.dueAt,
      createdBy: actorId,
      createdAt: now,
    });
    return 'created';
  });
}

export async function removeAssignment(db: Database, actorId: string, id: string): Promise<boolean> {
  return write(db, async (tx) => {
    const actor = await q.membershipOf(tx, actorId);
    if (!actor || actor.role === 'member') return false;
    const gone = await tx
      .delete(teamAssignments)
      .where(and(eq(teamAssignments.id, id), eq(teamAssignments.teamId, actor.teamId)))
      .returning({ id: teamAssignments.id });
    return gone.length === 1;
  });
}

type AssignmentRow = typeof teamAssignments.$inferSelect;

function toAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    dueAt: row.dueAt,
    title: row.title,
    href: row.href,
    lessons: JSON.parse(row.lessons) as string[],
    quizzed: JSON.parse(row.quizzed) as string[],
  };
}

export async function assignmentsOfTeam(db: Database, teamId: string): Promise<Assignment[]> {
  const rows = await db
    .select()
    .from(teamAssignments)
    .where(eq(teamAssignments.teamId, teamId))
    .orderBy(asc(teamAssignments.dueAt));
  return rows.map(toAssignment);
}

/** What one rep has done that assignments ask for: two indexed reads. */
async function repFacts(db: Database, userId: string): Promise<RepFacts> {
  const rows = await readRows<{ lesson_slug: string; read_at: number | null; quiz_passed_at: number | null }>(
    db,
    'SELECT lesson_slug, read_at, quiz_passed_at FROM lesson_progress WHERE user_id = ?',
    [userId],
  );
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const progress = new Map(
    rows.map((r) => [r.lesson_slug, { readAt: at(r.read_at), quizPassedAt: at(r.quiz_passed_at) }]),
  );
  const [assessed] = await readRows<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM assessment_results WHERE user_id = ?',
    [userId],
  );
  return { progress, hasAssessment: (assessed?.n ?? 0) > 0 };
}

/** The rep's assignments with their status, for the dashboard; empty for anyone who isn't a rep in a team. */
export async function repAssignments(db: Database, userId: string, now: Date): Promise<RepAssignment[]> {
  const membership = await q.teamRoleOf(db, userId);
  if (membership?.role !== 'member') return [];
  return assignmentsOfRep(db, userId, membership.teamId, now);
}

/** A rep's assignments in `teamId` with their status, for a caller that has read the membership already. */
export async function assignmentsOfRep(
  db: Database,
  userId: string,
  teamId: string,
  now: Date,
): Promise<RepAssignment[]> {
  const assignments = await assignmentsOfTeam(db, teamId);
  if (assignments.length === 0) return [];
  const facts = await repFacts(db, userId);
  return assignments.map((a) => ({
    title: a.title,
    href: a.href,
    dueAt: a.dueAt,
    status: statusOf(a, facts, now),
  }));
}

/**
 * The reps of a team who have done an assignment, computed in SQL (one statement per assignment, over
 * the team's index): a lesson counts as complete when it is read and, if it has a quiz, passed —
 * the SQL form of `isLessonComplete`.
 */
export async function repsWhoDid(
  db: Database,
  teamId: string,
  assignment: Pick<Assignment, 'kind' | 'lessons' | 'quizzed'>,
): Promise<Set<string>> {
  if (assignment.kind === 'assessment') {
    const rows = await readRows<{ user_id: string }>(
      db,
      `SELECT tm.user_id FROM team_members tm WHERE tm.team_id = ? AND tm.role = 'member'
        AND EXISTS (SELECT 1 FROM assessment_results r WHERE r.user_id = tm.user_id)`,
      [teamId],
    );
    return new Set(rows.map((r) => r.user_id));
  }
  const { lessons, quizzed } = assignment;
  if (lessons.length === 0) return new Set();
  const rows = await readRows<{ user_id: string }>(db, COMPLETED_ALL_SQL, [
    teamId,
    JSON.stringify(lessons),
    JSON.stringify(quizzed),
    lessons.length,
  ]);
  return new Set(rows.map((r) => r.user_id));
}

/** Reps of team ?1 who completed every lesson in ?2 (JSON), those in ?3 needing a passed quiz; ?4 = how many. */
const COMPLETED_ALL_SQL = `SELECT tm.user_id FROM team_members tm
  JOIN lesson_progress p ON p.user_id = tm.user_id
  WHERE tm.team_id = ? AND tm.role = 'member'
    AND p.lesson_slug IN (SELECT value FROM json_each(?))
    AND p.read_at IS NOT NULL
    AND (p.quiz_passed_at IS NOT NULL OR p.lesson_slug NOT IN (SELECT value FROM json_each(?)))
  GROUP BY tm.user_id HAVING count(*) = ?`;

/**
 * Queues the reminders owed now: "due soon" within 48 hours of the due time, "overdue" within a week
 * after it, each once per assignment and rep (the reminder row and the email commit together), only to
 * reps still in the team who haven't done it. Returns how many were queued.
 */
export async function queueAssignmentReminders(
  db: Database,
  now: Date,
  options: { siteUrl: URL },
): Promise<number> {
  const due = await db
    .select()
    .from(teamAssignments)
    .where(
      and(
        gte(teamAssignments.dueAt, new Date(now.getTime() - REMIND_AFTER_MS)),
        lte(teamAssignments.dueAt, new Date(now.getTime() + REMIND_BEFORE_MS)),
      ),
    );
  let queued = 0;
  for (const row of due) {
    const a = { ...toAssignment(row), teamId: row.teamId };
    const kind = reminderDue(a.dueAt, false, now);
    if (!kind) continue;
    const did = await repsWhoDid(db, a.teamId, a);
    const reps = (await q.roster(db, a.teamId)).filter((m) => m.role === 'member' && !did.has(m.userId));
    if (reps.length === 0) continue;
    const { title } = a;
    const link = new URL(a.href, options.siteUrl).href;
    queued += await write(db, async (tx) => {
      let n = 0;
      for (const rep of reps) {
        const claimed = await tx
          .insert(teamAssignmentReminders)
          .values({ assignmentId: a.id, userId: rep.userId, kind, sentAt: now })
          .onConflictDoNothing()
          .returning({ userId: teamAssignmentReminders.userId });
        if (claimed.length === 0) continue;
        if (
          await enqueueEmail(tx, reminderMessage(rep.email, kind, title, formatLongDate(a.dueAt), link), now)
        )
          n += 1;
      }
      return n;
    });
  }
  return queued;
}
