/**
 * What a finished module or course is celebrated with: what was finished, how far the course has come,
 * and the one thing to do next. Pure: the pages pass the learner's progress, read fresh.
 */
import { MODULES, type Module, moduleTitle } from '../content/elements';
import type { CourseProgress } from './progress';

export interface Celebration {
  /** "Foundations module", "Trust Academy course". */
  title: string;
  /** What was finished, as short phrases ("5 lessons, each read and its quiz passed"). */
  finished: string[];
  /** Modules complete (lessons and practice) of all of them. */
  modules: { done: number; total: number };
  /** The one next step. */
  next: { href: string; label: string; why: string };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function celebrationOf(scope: string, progress: CourseProgress): Celebration {
  const modules = { done: progress.completedModules.length, total: progress.modules.length };
  if (scope === 'course' || !(MODULES as readonly string[]).includes(scope)) {
    const passed = progress.modules.reduce((n, m) => n + m.practice.passed, 0);
    return {
      title: 'Trust Academy course',
      finished: [
        `All ${plural(progress.course.total, 'lesson')}, each read and its quiz passed`,
        `All ${plural(modules.total, 'module')}`,
        ...(passed > 0 ? [`${plural(passed, 'practice conversation')} passed`] : []),
      ],
      modules,
      next: {
        href: '/assessment',
        label: 'Retake the trust self-assessment',
        why: 'See how your trust profile has moved since you started, and keep the habits going with the promise ledger.',
      },
    };
  }
  const module = scope as Module;
  const here = progress.modules.find((m) => m.module === module);
  const finished = [
    `${plural(here?.tally.total ?? 0, 'lesson')}, each read and its quiz passed`,
    ...(here && here.practice.total > 0
      ? [`${plural(here.practice.passed, 'practice conversation')} passed`]
      : []),
  ];
  const title = `${moduleTitle(module)} module`;
  const next = progress.next;
  if (next)
    return {
      title,
      finished,
      modules,
      next: {
        href: `/lessons/${next.slug}`,
        label: `Next: ${next.title}`,
        why:
          next.module === module
            ? 'The lesson still open in this module.'
            : `The first lesson still open, in the ${moduleTitle(next.module)} module.`,
      },
    };
  // Every lesson is done; what's left is the practice of other modules.
  const practice = progress.modules.find((m) => !m.practice.done);
  return {
    title,
    finished,
    modules,
    next: practice
      ? {
          href: '/practice',
          label: 'Practise a conversation',
          why: `Every lesson is complete. Pass a ${moduleTitle(practice.module)} conversation to finish that module and earn the course certificate.`,
        }
      : { href: '/certificates', label: 'See my certificates', why: 'Every module is complete.' },
  };
}
