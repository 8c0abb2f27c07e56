/**
 * The reads behind the manager's reports: each is one set-based statement over the team's members
 * (`team_members_team_idx`) joined to the reps' own indexed tables, never a loop over reps. What may be
 * shown of the result is decided in `src/lib/teams/reports.ts` through the privacy rules.
 */
import { type Database, readRows } from '@db/client';
import type { Course } from '../../content/course';
import { PASS_SCORE } from '../../conversations/engine';
import type { Outcome, PromiseFacts } from '../../ledger/rules';
import type { Answers } from '../../quiz/grading';
import { MIN_RESPONSES } from '../../survey/scoring';
import type { Assignment } from '../../teams/assignments';
import { reportsVisible, type TeamAccess, teamAccess } from '../../teams/privacy';
import {
  type AssignmentReport,
  assignmentReport,
  type FirstAttempt,
  type ModuleColumn,
  type ModuleCount,
  type ProgressReport,
  progressReport,
  type RepFacts,
} from '../../teams/reports';
import { assignmentsOfTeam } from './assignments';
import * as q from './queries';
import { type Person, viewerOf } from './service';

/** The team, when `person` may see its reports (an owner or manager of it); null means 404. */
export async function reportsTeam(
  db: Database,
  person: Person,
  teamId: string,
): Promise<{ team: q.TeamRow; access: TeamAccess } | null> {
  const access = teamAccess(await viewerOf(db, person), teamId);
  if (!reportsVisible(access)) return null;
  const team = await q.teamById(db, teamId);
  return team ? { team, access } : null;
}

const REPS = `FROM team_members tm WHERE tm.team_id = ? AND tm.role = 'member'`;

/** The team's reps now, by name. */
export async function teamReps(db: Database, teamId: string): Promise<RepFacts[]> {
  const rows = await readRows<{
    userId: string;
    displayName: string;
    email: string;
    teamId: string;
    role: RepFacts['role'];
    joinedAt: number;
    sharesAssessment: number;
    sharesKeptRate: number;
  }>(
    db,
    `SELECT tm.user_id AS userId, u.display_name AS displayName, u.email AS email, tm.team_id AS teamId,
       tm.role AS role, tm.joined_at AS joinedAt, tm.shares_assessment AS sharesAssessment,
       tm.shares_kept_rate AS sharesKeptRate
     FROM team_members tm JOIN users u ON u.id = tm.user_id
     WHERE tm.team_id = ? AND tm.role = 'member' ORDER BY u.display_name COLLATE NOCASE, u.id`,
    [teamId],
  );
  return rows.map((r) => ({
    ...r,
    joinedAt: new Date(r.joinedAt),
    sharesAssessment: r.sharesAssessment === 1,
    sharesKeptRate: r.sharesKeptRate === 1,
  }));
}

/** The course's modules as report columns. */
export function moduleColumns(course: Course, hasQuiz: (slug: string) => boolean): ModuleColumn[] {
  return course.modules.map((m) => ({
    id: m.info.id,
    title: m.info.title,
    lessons: m.lessons.length,
    quizzes: m.lessons.filter((l) => hasQuiz(l.slug)).length,
  }));
}

/** Lessons read and quizzes passed per rep and module: one grouped read. */
async function moduleCounts(
  db: Database,
  teamId: string,
  course: Course,
  hasQuiz: (slug: string) => boolean,
): Promise<ModuleCount[]> {
  const modules = Object.fromEntries(course.lessons.map((l) => [l.slug, l.module]));
  const quizzed = course.lessons.filter((l) => hasQuiz(l.slug)).map((l) => l.slug);
  return readRows<ModuleCount>(
    db,
    `SELECT tm.user_id AS userId, m.value AS module,
       sum(p.read_at IS NOT NULL) AS read,
       sum(p.quiz_passed_at IS NOT NULL AND p.lesson_slug IN (SELECT value FROM json_each(?))) AS passed
     FROM team_members tm
     JOIN lesson_progress p ON p.user_id = tm.user_id
     JOIN json_each(?) m ON m.key = p.lesson_slug
     WHERE tm.team_id = ? AND tm.role = 'member'
     GROUP BY tm.user_id, m.value`,
    [JSON.stringify(quizzed), JSON.stringify(modules), teamId],
  );
}

const byUser = (rows: readonly { userId: string; n: number }[]) => new Map(rows.map((r) => [r.userId, r.n]));

/** Conversations passed (a finished run at the pass mark), per rep. */
async function conversationsPassed(db: Database, teamId: string): Promise<Map<string, number>> {
  return byUser(
    await readRows<{ userId: string; n: number }>(
      db,
      `SELECT tm.user_id AS userId, count(DISTINCT r.conversation_slug) AS n
       FROM team_members tm JOIN conversation_runs r ON r.user_id = tm.user_id
       WHERE tm.team_id = ? AND tm.role = 'member' AND r.finished_at IS NOT NULL AND r.score >= ?
       GROUP BY tm.user_id`,
      [teamId, PASS_SCORE],
    ),
  );
}

/** Each rep's latest trust index. */
async function latestTrustIndex(db: Database, teamId: string): Promise<Map<string, number>> {
  return byUser(
    await readRows<{ userId: string; n: number }>(
      db,
      `SELECT tm.user_id AS userId, r.trust_index AS n
       FROM team_members tm JOIN assessment_results r ON r.user_id = tm.user_id
       WHERE tm.team_id = ? AND tm.role = 'member'
         AND r.created_at = (SELECT max(x.created_at) FROM assessment_results x WHERE x.user_id = tm.user_id)`,
      [teamId],
    ),
  );
}

/**
 * Each rep's customer rating: the overall question on 0–100, from their latest survey round that at
 * least `MIN_RESPONSES` customers answered (the survey's own rule; a round with fewer shows nothing).
 */
async function customerScores(db: Database, teamId: string): Promise<Map<string, number>> {
  const rows = await readRows<{ userId: string; number: number; n: number; overall: number }>(
    db,
    `SELECT tm.user_id AS userId, sr.number AS number, count(*) AS n, avg(resp.overall) AS overall
     FROM team_members tm
     JOIN survey_rounds sr ON sr.user_id = tm.user_id
     JOIN survey_responses resp ON resp.user_id = sr.user_id AND resp.round_id = sr.id
     WHERE tm.team_id = ? AND tm.role = 'member'
     GROUP BY sr.id`,
    [teamId],
  );
  const latest = new Map<string, { number: number; score: number }>();
  for (const r of rows) {
    if (r.n < MIN_RESPONSES) continue;
    const seen = latest.get(r.userId);
    if (!seen || r.number > seen.number)
      latest.set(r.userId, { number: r.number, score: Math.round(((r.overall - 1) / 4) * 1000) / 10 });
  }
  return new Map([...latest].map(([userId, v]) => [userId, v.score]));
}

/** The promises of reps who opted in to sharing their kept-on-time rate; nobody else's ledger is read. */
async function sharedPromises(db: Database, teamId: string): Promise<Map<string, PromiseFacts[]>> {
  const rows = await readRows<{
    userId: string;
    dueAt: number;
    outcome: Outcome | null;
    resolvedAt: number | null;
  }>(
    db,
    `SELECT tm.user_id AS userId, p.due_at AS dueAt, p.outcome AS outcome, p.resolved_at AS resolvedAt
     FROM team_members tm JOIN ledger_promises p ON p.user_id = tm.user_id
     WHERE tm.team_id = ? AND tm.role = 'member' AND tm.shares_kept_rate = 1`,
    [teamId],
  );
  const out = new Map<string, PromiseFacts[]>();
  for (const r of rows) {
    const facts = out.get(r.userId) ?? [];
    facts.push({
      dueAt: new Date(r.dueAt),
      outcome: r.outcome,
      resolvedAt: r.resolvedAt === null ? null : new Date(r.resolvedAt),
    });
    out.set(r.userId, facts);
  }
  return out;
}

/** Progress per rep and module with the results the privacy rules allow: six reads, run together. */
export async function teamProgress(
  db: Database,
  teamId: string,
  course: Course,
  hasQuiz: (slug: string) => boolean,
  conversations: number,
  now: Date,
): Promise<ProgressReport> {
  const [reps, progress, passed, assessments, surveys, promises] = await Promise.all([
    teamReps(db, teamId),
    moduleCounts(db, teamId, course, hasQuiz),
    conversationsPassed(db, teamId),
    latestTrustIndex(db, teamId),
    customerScores(db, teamId),
    sharedPromises(db, teamId),
  ]);
  return progressReport(
    teamId,
    {
      columns: moduleColumns(course, hasQuiz),
      conversations,
      reps,
      progress,
      conversationsPassed: passed,
      assessments,
      surveys,
      promises,
    },
    now,
  );
}

/**
 * Which reps have done an assignment and which have started it: one grouped read per assignment. A
 * lesson counts as complete when read and, if it has a quiz, passed (the SQL form of `isLessonComplete`,
 * as in `repsWhoDid`); the assessment is started with a saved draft.
 */
export async function assignmentFacts(
  db: Database,
  teamId: string,
  assignment: Pick<Assignment, 'kind' | 'lessons' | 'quizzed'>,
): Promise<{ done: Set<string>; started: Set<string> }> {
  if (assignment.kind === 'assessment') {
    const rows = await readRows<{ userId: string; done: number; started: number }>(
      db,
      `SELECT tm.user_id AS userId,
         EXISTS (SELECT 1 FROM assessment_results r WHERE r.user_id = tm.user_id) AS done,
         EXISTS (SELECT 1 FROM assessment_drafts d WHERE d.user_id = tm.user_id) AS started
       ${REPS}`,
      [teamId],
    );
    return {
      done: new Set(rows.filter((r) => r.done === 1).map((r) => r.userId)),
      started: new Set(rows.filter((r) => r.started === 1).map((r) => r.userId)),
    };
  }
  const { lessons, quizzed } = assignment;
  if (lessons.length === 0) return { done: new Set(), started: new Set() };
  const rows = await readRows<{ userId: string; complete: number }>(
    db,
    `SELECT tm.user_id AS userId,
       sum(p.read_at IS NOT NULL
         AND (p.quiz_passed_at IS NOT NULL OR p.lesson_slug NOT IN (SELECT value FROM json_each(?)))) AS complete
     FROM team_members tm JOIN lesson_progress p ON p.user_id = tm.user_id
     WHERE tm.team_id = ? AND tm.role = 'member' AND p.lesson_slug IN (SELECT value FROM json_each(?))
     GROUP BY tm.user_id`,
    [JSON.stringify(quizzed), teamId, JSON.stringify(lessons)],
  );
  return {
    done: new Set(rows.filter((r) => r.complete === lessons.length).map((r) => r.userId)),
    started: new Set(rows.map((r) => r.userId)),
  };
}

/** Every assignment of the team with each rep's status. */
export async function teamAssignmentReports(
  db: Database,
  teamId: string,
  now: Date,
  reps?: RepFacts[],
): Promise<AssignmentReport[]> {
  const [assignments, people] = await Promise.all([
    assignmentsOfTeam(db, teamId),
    reps ? Promise.resolve(reps) : teamReps(db, teamId),
  ]);
  const facts = await Promise.all(assignments.map((a) => assignmentFacts(db, teamId, a)));
  return assignments.map((a, i) =>
    assignmentReport(teamId, a, people, facts[i] ?? { done: new Set(), started: new Set() }, now),
  );
}

/** Each rep's first whole attempt at each quiz (what they believed before the feedback). */
export async function firstAttempts(db: Database, teamId: string): Promise<FirstAttempt[]> {
  const rows = await readRows<{ userId: string; lesson: string; answers: string }>(
    db,
    `SELECT userId, lesson, answers FROM (
       SELECT a.user_id AS userId, a.lesson_slug AS lesson, a.answers AS answers,
         row_number() OVER (PARTITION BY a.user_id, a.lesson_slug ORDER BY a.created_at, a.id) AS k
       FROM team_members tm JOIN quiz_attempts a ON a.user_id = tm.user_id
       WHERE tm.team_id = ? AND tm.role = 'member' AND a.retake_of IS NULL)
     WHERE k = 1`,
    [teamId],
  );
  return rows.map((r) => ({ userId: r.userId, lesson: r.lesson, answers: JSON.parse(r.answers) as Answers }));
}
