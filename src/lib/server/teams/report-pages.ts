/**
 * The reports as the pages and CSV files use them: the reads of `reports.ts` with the course's content
 * (modules, quizzes, conversations), which only the app server's bundle can load — the weekly summary
 * needs none of it.
 */
import type { Database } from '@db/client';
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';
import type { AssignmentReport, ProgressReport, QuizBreakdown, QuizContent } from '../../teams/reports';
import { quizBreakdowns } from '../../teams/reports';
import { reportsBodyHtml } from '../../teams/reports-html';
import { getCourse, getQuiz, quizSlugs } from '../content/service';
import { allConversations } from '../conversations/content';
import { teamVersionOf } from './queries';
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

const MINUTE = 60_000;

const bodies = new BoundedCache<string, string>({
  name: 'team-reports',
  maxBytes: 32 * 1024 * 1024,
  maxEntryBytes: 4 * 1024 * 1024,
  sizeOf: (html, key) => stringBytes(html) + stringBytes(key) + ENTRY_OVERHEAD_BYTES,
});

/**
 * The reports page's body for a team at `now`, kept per team, team version and minute. The page cache
 * keeps each manager's whole page under the same version (src/lib/platform/cached-pages.ts); this keeps
 * the body, the costly part, for a second manager of the team and for a page too large for the page
 * cache's limit on one person's page (a team of several hundred reps). The version is bumped by the
 * database on every write the page could show (migration 0022). The minute is in the key because statuses
 * move with the clock (an assignment becomes overdue, an open promise counts as broken after its grace
 * period): at most a minute late for those, never for anything written.
 */
export async function reportsBody(db: Database, teamId: string, now: Date): Promise<string> {
  const key = `${teamId}:${await teamVersionOf(db, teamId)}:${Math.floor(now.getTime() / MINUTE)}`;
  const kept = bodies.get(key);
  if (kept !== undefined) return kept;
  const { progress, assignments } = await progressAndAssignments(db, teamId, now);
  const html = reportsBodyHtml(teamId, progress, assignments);
  bodies.set(key, html);
  return html;
}
