/**
 * The reports as the pages and CSV files use them: the reads of `reports.ts` with the course's content
 * (modules, quizzes, conversations), which only the app server's bundle can load — the weekly summary
 * needs none of it.
 */
import { createHash } from 'node:crypto';
import { type Database, readRow } from '@db/client';
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';
import type { AssignmentReport, ProgressReport, QuizBreakdown, QuizContent } from '../../teams/reports';
import { quizBreakdowns } from '../../teams/reports';
import { reportsBodyHtml } from '../../teams/reports-html';
import { getCourse, getQuiz, quizSlugs } from '../content/service';
import { allConversations } from '../conversations/content';
import { firstAttempts, teamAssignmentReports, teamProgress, teamReps } from './reports';

export async function progressAndAssignments(
  db: Database,
  teamId: string,
  now: Date,
): Promise<{ progress: ProgressReport; assignments: AssignmentReport[] }> {
  const [course, quizzed, conversations] = await Promise.all([getCourse(), quizSlugs(), allConversations()]);
  const progress = await teamProgress(
    db,
    teamId,
    course,
    (slug) => quizzed.has(slug),
    conversations.length,
    now,
  );
  const assignments = await teamAssignmentReports(
    db,
    teamId,
    now,
    progress.reps.map((r) => r.rep),
  );
  return { progress, assignments };
}

let contents: Promise<QuizContent[]> | null = null;

/** Every lesson quiz in course order, as the breakdown shows it (content doesn't change while a build runs). */
function quizContents(): Promise<QuizContent[]> {
  contents ??= (async () => {
    const [course, slugs] = await Promise.all([getCourse(), quizSlugs()]);
    const out: QuizContent[] = [];
    for (const lesson of course.lessons) {
      if (!slugs.has(lesson.slug)) continue;
      const quiz = await getQuiz(lesson.slug);
      if (!quiz) continue;
      out.push({
        slug: lesson.slug,
        title: lesson.title,
        questions: quiz.questions.map((q) => ({
          id: q.id,
          type: q.type,
          prompt: q.prompt,
          options: q.options.map((o) => ({
            id: o.id,
            text: o.text,
            correct: o.correct,
            explanation: o.explanation,
          })),
        })),
      });
    }
    return out;
  })();
  return contents;
}

export async function teamQuizBreakdowns(db: Database, teamId: string): Promise<QuizBreakdown[]> {
  const [quizzes, reps, attempts] = await Promise.all([
    quizContents(),
    teamReps(db, teamId),
    firstAttempts(db, teamId),
  ]);
  return quizBreakdowns(teamId, quizzes, reps, attempts);
}

/**
 * Everything the reports page shows depends on, as one read: the members (roles, sharing choices,
 * names), the reps' data versions (the database bumps a person's version of each of their tables on
 * every write, migration 0008), the assignments, the reps' survey answers and assessment drafts (not
 * versioned). Any write that could change the page changes it.
 */
const FINGERPRINT_SQL = `SELECT
  (SELECT group_concat(tm.user_id || '.' || tm.role || '.' || tm.shares_assessment || tm.shares_kept_rate || '.' || u.display_name, char(31))
     FROM team_members tm JOIN users u ON u.id = tm.user_id WHERE tm.team_id = ?1) AS members,
  (SELECT coalesce(sum(v.version), 0) FROM team_members tm JOIN data_versions v ON v.user_id = tm.user_id
     WHERE tm.team_id = ?1 AND tm.role = 'member') AS versions,
  (SELECT group_concat(a.id || '.' || a.due_at, ',') FROM team_assignments a WHERE a.team_id = ?1) AS assignments,
  (SELECT count(*) || '.' || coalesce(sum(r.overall), 0) FROM team_members tm JOIN survey_responses r ON r.user_id = tm.user_id
     WHERE tm.team_id = ?1 AND tm.role = 'member') AS responses,
  (SELECT count(*) || '.' || coalesce(max(d.updated_at), 0) FROM team_members tm JOIN assessment_drafts d ON d.user_id = tm.user_id
     WHERE tm.team_id = ?1 AND tm.role = 'member') AS drafts`;

const FINGERPRINT = ['members', 'versions', 'assignments', 'responses', 'drafts'] as const;
const MINUTE = 60_000;

const bodies = new BoundedCache<string, string>({
  name: 'team-reports',
  maxBytes: 32 * 1024 * 1024,
  maxEntryBytes: 4 * 1024 * 1024,
  sizeOf: (html, key) => stringBytes(html) + stringBytes(key) + ENTRY_OVERHEAD_BYTES,
});

/**
 * The reports page's body for a team at `now`: kept per team, data fingerprint and minute, so a team of
 * hundreds of reps is read and rendered once per change instead of on every request. The minute is in
 * the key because statuses move with the clock (an assignment becomes overdue, an open promise counts as
 * broken after its grace period): at most a minute late for those, never for anything written.
 */
export async function reportsBody(db: Database, teamId: string, now: Date): Promise<string> {
  const facts = await readRow<Record<(typeof FINGERPRINT)[number], string | number | null>>(
    db,
    FINGERPRINT_SQL,
    [teamId],
  );
  // Column by column: a driver's row may carry more than the columns (libsql adds its metadata).
  const fingerprint = createHash('sha256')
    .update(FINGERPRINT.map((c) => String(facts?.[c] ?? '')).join('\u0000'))
    .digest('base64url');
  const key = `${teamId}:${fingerprint}:${Math.floor(now.getTime() / MINUTE)}`;
  const kept = bodies.get(key);
  if (kept !== undefined) return kept;
  const { progress, assignments } = await progressAndAssignments(db, teamId, now);
  const html = reportsBodyHtml(teamId, progress, assignments);
  bodies.set(key, html);
  return html;
}
