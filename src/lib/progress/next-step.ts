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

/** The one thing "My learning" puts first, as a button: the most useful step for the learner now. */
export type DashboardStep =
  /** A lesson opened and not finished: read on, or (read already) pass its quiz. */
  | { kind: 'continue'; lesson: LessonMeta; quiz: boolean }
  /** No lesson under way or complete, and the assessment is theirs but untaken: it orders the course for them. */
  | { kind: 'assessment' }
  /**
   * The next lesson to start: on the learning path, in course order, or (`locked`: the one those point
   * to is for members) the first free lesson left.
   */
  | { kind: 'start'; lesson: LessonMeta; from: 'path' | 'course'; locked: LessonMeta | null }
  /** Every lesson open to them is complete and the next one is for members. */
  | { kind: 'join'; lesson: LessonMeta }
  /** Every lesson is complete; a module still needs its practice conversation. */
  | { kind: 'practice' }
  /** The course is complete. */
  | { kind: 'certificate' };

export interface DashboardStepInput {
  course: Course;
  progress: CourseProgress;
  mayRead: (lesson: LessonMeta) => boolean;
  /** The first lesson not complete on the path from the latest trust profile, if there is one. */
  pathNext: LessonMeta | null;
  /** `available`: the learner may take the assessment and has no result yet. */
  assessment: 'taken' | 'available' | 'unavailable';
}

export function dashboardStep(input: DashboardStepInput): DashboardStep {
  const { course, progress, mayRead, pathNext } = input;
  if (progress.courseComplete) return { kind: 'certificate' };
  const current = progress.continueWith;
  const status = current ? progress.statuses.get(current.slug) : undefined;
  if (current && mayRead(current) && (status === 'started' || status === 'read')) {
    return { kind: 'continue', lesson: current, quiz: status === 'read' };
  }
  // Before the first completed lesson the profile can still order the whole course for them.
  if (input.assessment === 'available' && progress.course.complete === 0) return { kind: 'assessment' };
  const wanted = pathNext ?? progress.next;
  const from = pathNext ? 'path' : 'course';
  if (!wanted) return { kind: 'practice' };
  if (mayRead(wanted)) return { kind: 'start', lesson: wanted, from, locked: null };
  const open = firstOpenLesson(course, progress, mayRead);
  return open
    ? { kind: 'start', lesson: open, from: 'course', locked: wanted }
    : { kind: 'join', lesson: wanted };
}
