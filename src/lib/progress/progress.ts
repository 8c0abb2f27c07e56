/** Course progress: the one completion predicate and everything derived from it. Pure. */
import type { Course, LessonMeta } from '../content/course';
import { ELEMENTS, type Element, MODULES, type Module } from '../content/elements';

/** What is stored about one learner and one lesson. */
export interface LessonProgress {
  lessonSlug: string;
  startedAt: Date;
  lastSeenAt: Date;
  readAt: Date | null;
  bestScore: number | null;
  quizPassedAt: Date | null;
}

export type LessonStatus = 'not-started' | 'started' | 'read' | 'complete';

export const STATUS_LABELS: Record<LessonStatus, string> = {
  'not-started': 'Not started',
  started: 'Started',
  read: 'Read',
  complete: 'Complete',
};

/** The one definition of "lesson complete": read, and its quiz (if it has one) passed. Every percentage derives from it. */
export function isLessonComplete(p: LessonProgress | undefined, hasQuiz: boolean): boolean {
  return p !== undefined && p.readAt !== null && (!hasQuiz || p.quizPassedAt !== null);
}

export function lessonStatus(p: LessonProgress | undefined, hasQuiz: boolean): LessonStatus {
  if (p === undefined) return 'not-started';
  if (isLessonComplete(p, hasQuiz)) return 'complete';
  return p.readAt !== null ? 'read' : 'started';
}

/** Whether a lesson has a quiz; the course's quizzes are data on the server. */
export type HasQuiz = (slug: string) => boolean;

export interface Tally {
  complete: number;
  total: number;
  /** 0–100, rounded down: 100 means every lesson is complete. */
  percent: number;
}

function tally(lessons: readonly LessonMeta[], done: (l: LessonMeta) => boolean): Tally {
  const complete = lessons.filter(done).length;
  const total = lessons.length;
  return { complete, total, percent: total === 0 ? 0 : Math.floor((complete / total) * 100) };
}

/**
 * Conversation practice as it counts for modules (decision 022): a module with conversations is
 * complete when its lessons are, and the best run of at least one of its conversations passed.
 */
export interface Practice {
  /** Each module's conversations, by slug. */
  conversations: ReadonlyMap<Module, readonly string[]>;
  /** The conversations whose best run passed. */
  passed: ReadonlySet<string>;
}

export interface ModulePractice {
  /** Conversations of the module whose best run passed, and how many it has. */
  passed: number;
  total: number;
  /** The module's practice requirement is met (one passed conversation; always met without conversations). */
  done: boolean;
}

export function modulePractice(practice: Practice | undefined, module: Module): ModulePractice {
  const slugs = practice?.conversations.get(module) ?? [];
  const passed = slugs.filter((s) => practice?.passed.has(s)).length;
  return { passed, total: slugs.length, done: slugs.length === 0 || passed > 0 };
}

export interface CourseProgress {
  course: Tally;
  /** Lessons (`tally`) and conversation practice (`practice`) per module. */
  modules: { module: Module; tally: Tally; practice: ModulePractice }[];
  elements: { element: Element; tally: Tally }[];
  statuses: Map<string, LessonStatus>;
  /** The first lesson in course order that is not complete; null when the course is done. */
  next: LessonMeta | null;
  /** The lesson most recently opened that is not complete, else `next`. */
  continueWith: LessonMeta | null;
  /** Modules whose lessons are all complete and whose practice requirement is met. */
  completedModules: Module[];
  /** Every lesson complete and every module's practice requirement met: the course certificate. */
  courseComplete: boolean;
}

/**
 * Without `practice`, modules count lessons only (what callers that show lessons alone need); with it,
 * a module also needs its practice requirement met to be complete.
 */
export function courseProgress(
  course: Course,
  rows: readonly LessonProgress[],
  hasQuiz: HasQuiz,
  practice?: Practice,
): CourseProgress {
  const bySlug = new Map(rows.map((r) => [r.lessonSlug, r]));
  const statuses = new Map(
    course.lessons.map((l) => [l.slug, lessonStatus(bySlug.get(l.slug), hasQuiz(l.slug))]),
  );
  const done = (l: LessonMeta): boolean => statuses.get(l.slug) === 'complete';
  const modules = MODULES.map((m) => ({
    module: m,
    tally: tally(
      course.lessons.filter((l) => l.module === m),
      done,
    ),
    practice: modulePractice(practice, m),
  }));
  const next = course.lessons.find((l) => !done(l)) ?? null;
  const recent = [...rows]
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
    .map((r) => course.bySlug.get(r.lessonSlug))
    .find((l): l is LessonMeta => l !== undefined && !done(l));
  const courseTally = tally(course.lessons, done);
  return {
    course: courseTally,
    modules,
    elements: ELEMENTS.map((e) => ({
      element: e,
      tally: tally(
        course.lessons.filter((l) => l.element === e),
        done,
      ),
    })),
    statuses,
    next,
    continueWith: recent ?? next,
    completedModules: modules
      .filter((m) => m.tally.total > 0 && m.tally.complete === m.tally.total && m.practice.done)
      .map((m) => m.module),
    courseComplete:
      courseTally.total > 0 &&
      courseTally.complete === courseTally.total &&
      modules.every((m) => m.practice.done),
  };
}

const WEEK = 7 * 86_400_000;
/** 1970-01-01 was a Thursday; Mondays start the week (ISO 8601). */
const MONDAY_OFFSET = 3 * 86_400_000;

/** Index of the UTC week (Monday to Sunday) holding `date`. */
export function weekIndex(date: Date): number {
  return Math.floor((date.getTime() + MONDAY_OFFSET) / WEEK);
}

/** The first moment (Monday 00:00 UTC) of week `index`. */
export function weekStart(index: number): Date {
  return new Date(index * WEEK - MONDAY_OFFSET);
}

/**
 * Consecutive weeks with any learning activity, counting back from this week — or from last week when
 * nothing has happened yet this week, so a streak is not lost on a Monday morning.
 */
export function weeklyStreak(activity: readonly Date[], now: Date): number {
  const weeks = new Set(activity.map(weekIndex));
  let week = weekIndex(now);
  if (!weeks.has(week)) week -= 1;
  let streak = 0;
  while (weeks.has(week)) {
    streak += 1;
    week -= 1;
  }
  return streak;
}
