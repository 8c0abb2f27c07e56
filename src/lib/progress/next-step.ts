/** Where a learner goes after finishing a lesson's quiz: the next lesson, the lesson left to do, or the certificate. Pure. */
import { type Course, type LessonMeta, neighbours } from '../content/course';
import type { CourseProgress } from './progress';

export type NextStep =
  /** The next lesson in course order; `newModule` when it starts the next module. */
  | { kind: 'lesson'; lesson: LessonMeta; newModule: boolean }
  /** The last lesson of the course is behind them but others are not complete: the first of those. */
  | { kind: 'unfinished'; lesson: LessonMeta }
  /** Every lesson is complete: the course certificate. */
  | { kind: 'certificate' };

export function nextStepAfter(course: Course, progress: CourseProgress, slug: string): NextStep {
  const { next } = neighbours(course, slug);
  const current = course.bySlug.get(slug);
  if (next) return { kind: 'lesson', lesson: next, newModule: next.module !== current?.module };
  return progress.next ? { kind: 'unfinished', lesson: progress.next } : { kind: 'certificate' };
}

export interface Milestones {
  /** The module is complete: every lesson, and its practice requirement. */
  moduleDone: boolean;
  /** The course is complete. */
  courseDone: boolean;
  /** Every lesson of the module is complete but none of its conversations is passed yet (decision 022). */
  practiceDue: boolean;
}

export function milestones(progress: CourseProgress, lesson: LessonMeta): Milestones {
  const module = progress.modules.find((m) => m.module === lesson.module);
  const lessonsDone =
    module !== undefined && module.tally.total > 0 && module.tally.complete === module.tally.total;
  return {
    moduleDone: progress.completedModules.includes(lesson.module),
    courseDone: progress.courseComplete,
    practiceDue: lessonsDone && !module.practice.done,
  };
}

/**
 * The first lesson in course order the learner may read and has not completed: what to offer someone
 * whose next lesson is behind the paywall. Null when there is none.
 */
export function firstOpenLesson(
  course: Course,
  progress: CourseProgress,
  mayRead: (lesson: LessonMeta) => boolean,
): LessonMeta | null {
  return course.lessons.find((l) => mayRead(l) && progress.statuses.get(l.slug) !== 'complete') ?? null;
}
