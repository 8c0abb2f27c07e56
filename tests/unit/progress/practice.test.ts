/** Conversation practice in course progress (decision 022): a module needs its lessons and one passed conversation. */
import { describe, expect, it } from 'vitest';
import { buildCourse } from '../../../src/lib/content/course';
import { MODULES, type Module } from '../../../src/lib/content/elements';
import { milestones } from '../../../src/lib/progress/next-step';
import {
  courseProgress,
  type LessonProgress,
  modulePractice,
  type Practice,
} from '../../../src/lib/progress/progress';
import { lessonSource } from '../../factories/lessons';

const course = buildCourse([
  lessonSource('foundations', 1, 'expectations'),
  lessonSource('foundations', 2, 'account'),
  lessonSource('dependability', 1, 'dependability-basics'),
  lessonSource('competence', 1, 'competence-basics'),
  lessonSource('empathy', 1, 'empathy-basics'),
  lessonSource('truth', 1, 'truth-basics'),
  lessonSource('rapport', 1, 'rapport-basics'),
]);
const hasQuiz = () => true;
const at = new Date('2026-11-10T12:00:00Z');
const complete = (slug: string): LessonProgress => ({
  lessonSlug: slug,
  startedAt: at,
  lastSeenAt: at,
  readAt: at,
  bestScore: 100,
  quizPassedAt: at,
});
const everyLesson = course.lessons.map((l) => complete(l.slug));

/** Each module has two conversations, `<module>-1` and `<module>-2`, except rapport, which has none. */
const conversations = new Map<Module, string[]>(
  MODULES.filter((m) => m !== 'rapport').map((m) => [m, [`${m}-1`, `${m}-2`]]),
);
const practice = (...passed: string[]): Practice => ({ conversations, passed: new Set(passed) });

describe('conversation practice in course progress', () => {
  it('without practice data, counts lessons only (as before practice existed)', () => {
    const p = courseProgress(course, everyLesson, hasQuiz);
    expect(p.completedModules).toEqual([...MODULES]);
    expect(p.courseComplete).toBe(true);
  });

  it('keeps a module with every lesson complete open until one of its conversations is passed', () => {
    const none = courseProgress(course, everyLesson, hasQuiz, practice());
    expect(none.completedModules).toEqual(['rapport']);
    expect(none.courseComplete).toBe(false);
    expect(none.course).toEqual({ complete: 7, total: 7, percent: 100 });
    expect(none.modules.find((m) => m.module === 'foundations')?.practice).toEqual({
      passed: 0,
      total: 2,
      done: false,
    });

    const one = courseProgress(course, everyLesson, hasQuiz, practice('foundations-2'));
    expect(one.completedModules).toEqual(['foundations', 'rapport']);
    expect(one.modules.find((m) => m.module === 'foundations')?.practice).toEqual({
      passed: 1,
      total: 2,
      done: true,
    });
  });

  it('needs the lessons too: a passed conversation alone completes nothing', () => {
    const p = courseProgress(
      course,
      [complete('expectations')],
      hasQuiz,
      practice('foundations-1', 'foundations-2'),
    );
    expect(p.completedModules).toEqual([]);
    expect(p.modules.find((m) => m.module === 'foundations')?.practice.done).toBe(true);
  });

  it('completes the course when every module has its lessons and its practice', () => {
    const all = practice(...MODULES.map((m) => `${m}-1`));
    const p = courseProgress(course, everyLesson, hasQuiz, all);
    expect(p.completedModules).toEqual([...MODULES]);
    expect(p.courseComplete).toBe(true);
    const lesson = course.bySlug.get('expectations');
    if (!lesson) throw new Error('no lesson');
    expect(milestones(p, lesson)).toEqual({ moduleDone: true, courseDone: true, practiceDue: false });
    const missingOne = courseProgress(
      course,
      everyLesson,
      hasQuiz,
      practice(...MODULES.filter((m) => m !== 'truth').map((m) => `${m}-1`)),
    );
    expect(missingOne.courseComplete).toBe(false);
    expect(milestones(missingOne, lesson)).toEqual({
      moduleDone: true,
      courseDone: false,
      practiceDue: false,
    });
  });

  it('ignores passed conversations of other modules and unknown slugs', () => {
    expect(modulePractice(practice('truth-1', 'nonsense'), 'foundations')).toEqual({
      passed: 0,
      total: 2,
      done: false,
    });
    expect(modulePractice(practice(), 'rapport')).toEqual({ passed: 0, total: 0, done: true });
    expect(modulePractice(undefined, 'foundations')).toEqual({ passed: 0, total: 0, done: true });
  });
});
