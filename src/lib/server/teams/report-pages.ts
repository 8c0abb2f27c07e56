/**
 * The reports as the pages and CSV files use them: the reads of `reports.ts` with the course's content
 * (modules, quizzes, conversations), which only the app server's bundle can load — the weekly summary
 * needs none of it.
 */
import type { Database } from '@db/client';
import type { AssignmentReport, ProgressReport, QuizBreakdown, QuizContent } from '../../teams/reports';
import { quizBreakdowns } from '../../teams/reports';
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
