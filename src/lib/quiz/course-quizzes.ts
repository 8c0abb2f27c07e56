/** The rules that tie quizzes to lessons, checked at build and start like the course rules. Pure. */
import type { LessonMeta } from '../content/course';
import { splitSections } from '../content/text';
import type { QuizFile } from './schema';

export function quizProblems(
  lessons: readonly { lesson: LessonMeta; body: string }[],
  quizzes: ReadonlyMap<string, QuizFile>,
): string[] {
  const problems: string[] = [];
  const slugs = new Set(lessons.map((l) => l.lesson.slug));
  for (const slug of quizzes.keys()) {
    if (!slugs.has(slug)) problems.push(`content/quizzes/${slug}.yaml: there is no lesson "${slug}"`);
  }
  for (const { lesson, body } of lessons) {
    const quiz = quizzes.get(lesson.slug);
    if (!quiz) {
      problems.push(`lesson "${lesson.slug}" has no quiz (content/quizzes/${lesson.slug}.yaml)`);
      continue;
    }
    const anchors = new Set(splitSections(body).map((s) => s.anchor));
    for (const q of quiz.questions) {
      if (!anchors.has(q.section) || q.section === 'sources') {
        problems.push(
          `content/quizzes/${lesson.slug}.yaml: ${q.id} links to "#${q.section}", which is not a section of the lesson`,
        );
      }
    }
  }
  return problems;
}
