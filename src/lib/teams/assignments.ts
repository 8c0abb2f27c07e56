/**
 * Assignments' rules: what an assignment names, when it is done, due or overdue, when a reminder is
 * owed, and the form's parsing. Pure; completion of a lesson is `isLessonComplete`'s.
 */
import { z } from 'astro/zod';
import type { Course } from '../content/course';
import { MODULES, type Module, moduleTitle } from '../content/elements';
import { isLessonComplete, type LessonProgress } from '../progress/progress';

export type AssignmentKind = 'lesson' | 'module' | 'assessment';

/** What an assignment asks for, as the course had it when it was made (kept with the assignment). */
export interface Snapshot {
  title: string;
  href: string;
  /** The lessons to complete; none for the assessment. */
  lessons: string[];
  /** Those of them with a quiz, which must be passed (`isLessonComplete`). */
  quizzed: string[];
}

export interface Assignment extends Snapshot {
  id: string;
  kind: AssignmentKind;
  target: string;
  dueAt: Date;
}

/** What a rep has done that assignments ask for: their progress rows and whether they have a result. */
export interface RepFacts {
  progress: ReadonlyMap<string, Pick<LessonProgress, 'readAt' | 'quizPassedAt'>>;
  hasAssessment: boolean;
}

export type AssignmentStatus = 'done' | 'open' | 'overdue';

const HOUR = 3_600_000;
/** The "due soon" reminder goes out this long before the due time… */
export const REMIND_BEFORE_MS = 48 * HOUR;
/** …and the "overdue" one within this long after it (an older assignment is not chased). */
export const REMIND_AFTER_MS = 7 * 24 * HOUR;

/** Title, link and lessons of what is assigned, from the course (never from anything a person typed). */
export function snapshotOf(
  kind: AssignmentKind,
  target: string,
  course: Course,
  hasQuiz: (slug: string) => boolean,
): Snapshot {
  const withQuizzes = (lessons: string[]) => ({ lessons, quizzed: lessons.filter(hasQuiz) });
  if (kind === 'assessment')
    return { title: 'The trust self-assessment', href: '/assessment', lessons: [], quizzed: [] };
  if (kind === 'module') {
    const module = target as Module;
    const lessons = course.lessons.filter((l) => l.module === module);
    return {
      title: `Module: ${MODULES.includes(module) ? moduleTitle(module) : target}`,
      href: lessons[0] ? `/lessons/${lessons[0].slug}` : '/lessons',
      ...withQuizzes(lessons.map((l) => l.slug)),
    };
  }
  const lesson = course.bySlug.get(target);
  return {
    title: lesson?.title ?? target,
    href: `/lessons/${target}`,
    ...withQuizzes(lesson ? [lesson.slug] : []),
  };
}

export function isDone(
  assignment: Pick<Assignment, 'kind' | 'lessons' | 'quizzed'>,
  facts: RepFacts,
): boolean {
  if (assignment.kind === 'assessment') return facts.hasAssessment;
  const quizzed = new Set(assignment.quizzed);
  return (
    assignment.lessons.length > 0 &&
    assignment.lessons.every((slug) => {
      const p = facts.progress.get(slug);
      return p !== undefined && isLessonComplete(p as LessonProgress, quizzed.has(slug));
    })
  );
}

export function statusOf(assignment: Assignment, facts: RepFacts, now: Date): AssignmentStatus {
  if (isDone(assignment, facts)) return 'done';
  return now.getTime() > assignment.dueAt.getTime() ? 'overdue' : 'open';
}

/** The reminder a rep is owed for an unfinished assignment now, if any (each is sent once). */
export function reminderDue(dueAt: Date, done: boolean, now: Date): 'soon' | 'overdue' | null {
  if (done) return null;
  const left = dueAt.getTime() - now.getTime();
  if (left > 0 && left <= REMIND_BEFORE_MS) return 'soon';
  if (left <= 0 && -left <= REMIND_AFTER_MS) return 'overdue';
  return null;
}

/** The choices of the assignment form: the assessment, each module, each lesson; value `kind:target`. */
export function assignmentChoices(
  course: Course,
): { group: string; options: { value: string; label: string }[] }[] {
  return [
    { group: 'Assessment', options: [{ value: 'assessment:', label: 'The trust self-assessment' }] },
    {
      group: 'Modules',
      options: course.modules.map((m) => ({
        value: `module:${m.info.id}`,
        label: `Module: ${m.info.title}`,
      })),
    },
    { group: 'Lessons', options: course.lessons.map((l) => ({ value: `lesson:${l.slug}`, label: l.title })) },
  ];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Due at the end of the chosen day (UTC): a date field needs no time zone, and "by Friday" means all of Friday. */
export function dueAtOf(date: string): Date | null {
  if (!DATE.test(date)) return null;
  const at = new Date(`${date}T23:59:59.999Z`);
  return Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== date ? null : at;
}

export const assignForm = z.object({
  what: z
    .string('Choose what to assign.')
    .regex(/^(assessment:|module:[a-z]+|lesson:[a-z0-9-]+)$/, 'Choose what to assign from the list.'),
  due: z
    .string('Choose the due date.')
    .refine((v) => dueAtOf(v) !== null, 'Enter the due date as a date, such as 2027-01-31.'),
});

export const unassignForm = z.object({
  assignmentId: z.string().regex(/^[a-z2-7]{26}$/, 'That assignment was not found.'),
});

/** `module:trust` → kind and target, or null when the course has no such thing. */
export function parseWhat(what: string, course: Course): { kind: AssignmentKind; target: string } | null {
  const [kind, target = ''] = what.split(':') as [string, string | undefined];
  if (kind === 'assessment') return { kind, target: '' };
  if (kind === 'module' && course.modules.some((m) => m.info.id === target)) return { kind, target };
  if (kind === 'lesson' && course.bySlug.has(target)) return { kind, target };
  return null;
}
