import { describe, expect, it } from 'vitest';
import { buildCourse, type LessonSource } from '../../../src/lib/content/course';
import {
  dashboardStep,
  firstOpenLesson,
  milestones,
  nextStepAfter,
} from '../../../src/lib/progress/next-step';
import { celebrationOf } from '../../../src/lib/progress/celebration';
import { courseProgress, type LessonProgress } from '../../../src/lib/progress/progress';
import { lessonSource as source } from '../../factories/lessons';

// Course order: expectations, account | dependability-basics, keep-promises | competence-basics |
// empathy-basics | truth-basics | rapport-basics.
const SOURCES: LessonSource[] = [
  source('foundations', 1, 'expectations'),
  source('foundations', 2, 'account', false),
  source('dependability', 1, 'dependability-basics'),
  source('dependability', 2, 'keep-promises', false),
  source('competence', 1, 'competence-basics'),
  source('empathy', 1, 'empathy-basics'),
  source('truth', 1, 'truth-basics'),
  source('rapport', 1, 'rapport-basics'),
];
const course = buildCourse(SOURCES);
const hasQuiz = () => true;
const at = new Date('2026-11-02T12:00:00Z');
const done = (slug: string): LessonProgress => ({
  lessonSlug: slug,
  startedAt: at,
  lastSeenAt: at,
  readAt: at,
  bestScore: 100,
  quizPassedAt: at,
});
const progressOf = (slugs: string[]) => courseProgress(course, slugs.map(done), hasQuiz);
const lessonOf = (slug: string) => {
  const lesson = course.bySlug.get(slug);
  if (!lesson) throw new Error(slug);
  return lesson;
};

describe('nextStepAfter', () => {
  it('is the next lesson in course order within a module', () => {
    const step = nextStepAfter(course, progressOf(['expectations']), 'expectations');
    expect(step).toMatchObject({ kind: 'lesson', newModule: false, lesson: { slug: 'account' } });
  });

  it('is the next module’s first lesson at the end of a module', () => {
    const step = nextStepAfter(course, progressOf(['expectations', 'account']), 'account');
    expect(step).toMatchObject({ kind: 'lesson', newModule: true, lesson: { slug: 'dependability-basics' } });
  });

  it('at the end of the course: the first lesson left to complete, or the certificate when none is', () => {
    expect(nextStepAfter(course, progressOf(['rapport-basics']), 'rapport-basics')).toMatchObject({
      kind: 'unfinished',
      lesson: { slug: 'expectations' },
    });
    const all = course.lessons.map((l) => l.slug);
    expect(nextStepAfter(course, progressOf(all), 'rapport-basics')).toEqual({ kind: 'certificate' });
  });
});

describe('milestones', () => {
  it('marks a finished module and a finished course', () => {
    expect(milestones(progressOf(['expectations']), lessonOf('expectations'))).toEqual({
      moduleDone: false,
      courseDone: false,
      practiceDue: false,
    });
    expect(milestones(progressOf(['expectations', 'account']), lessonOf('account'))).toEqual({
      moduleDone: true,
      courseDone: false,
      practiceDue: false,
    });
    const all = course.lessons.map((l) => l.slug);
    expect(milestones(progressOf(all), lessonOf('rapport-basics'))).toEqual({
      moduleDone: true,
      courseDone: true,
      practiceDue: false,
    });
  });

  it('says when a module’s lessons are complete and none of its conversations is passed yet', () => {
    const practice = (passed: string[]) => ({
      conversations: new Map([['foundations' as const, ['first-call', 'second-call']]]),
      passed: new Set(passed),
    });
    const withPractice = (slugs: string[], passed: string[]) =>
      courseProgress(course, slugs.map(done), hasQuiz, practice(passed));
    expect(milestones(withPractice(['expectations'], []), lessonOf('expectations'))).toEqual({
      moduleDone: false,
      courseDone: false,
      practiceDue: false,
    });
    expect(milestones(withPractice(['expectations', 'account'], []), lessonOf('account'))).toEqual({
      moduleDone: false,
      courseDone: false,
      practiceDue: true,
    });
    expect(
      milestones(withPractice(['expectations', 'account'], ['second-call']), lessonOf('account')),
    ).toEqual({
      moduleDone: true,
      courseDone: false,
      practiceDue: false,
    });
    // A module without conversations never waits for practice.
    expect(
      milestones(withPractice(['dependability-basics', 'keep-promises'], []), lessonOf('keep-promises'))
        .practiceDue,
    ).toBe(false);
  });
});

describe('firstOpenLesson', () => {
  it('is the first lesson the learner may read and has not completed', () => {
    const free = (l: { free: boolean }) => l.free;
    // Lessons 2 and 4 are members-only in this course.
    expect(firstOpenLesson(course, progressOf([]), free)?.slug).toBe('expectations');
    expect(firstOpenLesson(course, progressOf(['expectations']), free)?.slug).toBe('dependability-basics');
    const allFree = course.lessons.filter((l) => l.free).map((l) => l.slug);
    expect(firstOpenLesson(course, progressOf(allFree), free)).toBeNull();
    expect(firstOpenLesson(course, progressOf(allFree), () => true)?.slug).toBe('account');
  });
});

describe('dashboardStep: the one next step on My learning', () => {
  const everyone = () => true;
  const freeOnly = (l: { free: boolean }) => l.free;
  const opened = (slug: string, read = false): LessonProgress => ({
    lessonSlug: slug,
    startedAt: at,
    lastSeenAt: new Date(at.getTime() + 60_000),
    readAt: read ? at : null,
    bestScore: null,
    quizPassedAt: null,
  });
  const step = (
    rows: LessonProgress[],
    over: Partial<Parameters<typeof dashboardStep>[0]> = {},
  ): ReturnType<typeof dashboardStep> =>
    dashboardStep({
      course,
      progress: courseProgress(course, rows, hasQuiz),
      mayRead: everyone,
      pathNext: null,
      assessment: 'unavailable',
      ...over,
    });

  it('continues the lesson under way; once it is read, its quiz', () => {
    expect(step([done('expectations'), opened('dependability-basics')])).toMatchObject({
      kind: 'continue',
      quiz: false,
      lesson: { slug: 'dependability-basics' },
    });
    expect(step([opened('dependability-basics', true)])).toMatchObject({ kind: 'continue', quiz: true });
  });

  it('offers the assessment before any lesson is under way or complete, when it is theirs and untaken', () => {
    expect(step([], { assessment: 'available' })).toEqual({ kind: 'assessment' });
    expect(step([opened('expectations')], { assessment: 'available' })).toMatchObject({ kind: 'continue' });
    expect(step([done('expectations')], { assessment: 'available' })).toMatchObject({ kind: 'start' });
  });

  it('starts the next lesson on the learning path, else in course order', () => {
    expect(step([], { pathNext: lessonOf('truth-basics') })).toMatchObject({
      kind: 'start',
      from: 'path',
      lesson: { slug: 'truth-basics' },
      locked: null,
    });
    expect(step([done('expectations')])).toMatchObject({
      kind: 'start',
      from: 'course',
      lesson: { slug: 'account' },
    });
  });

  it('never leads a free learner into a paywall: a members’ lesson is named and the first free one offered', () => {
    // `account` (members) is next in course order; the lesson opened last is for members too.
    const s = step([done('expectations'), opened('keep-promises')], { mayRead: freeOnly });
    expect(s).toMatchObject({
      kind: 'start',
      lesson: { slug: 'dependability-basics' },
      locked: { slug: 'account' },
    });
  });

  it('asks a free learner to join once every free lesson is complete', () => {
    const free = course.lessons.filter((l) => l.free).map((l) => l.slug);
    expect(step(free.map(done), { mayRead: freeOnly })).toMatchObject({
      kind: 'join',
      lesson: { slug: 'account' },
    });
  });

  it('points at the certificate when the course is complete', () => {
    expect(step(course.lessons.map((l) => done(l.slug)))).toEqual({ kind: 'certificate' });
  });
});

describe('celebrationOf', () => {
  it('a finished module: what was done, the modules so far, and the first lesson still open', () => {
    const c = celebrationOf('foundations', progressOf(['expectations', 'account']));
    expect(c.title).toBe('Foundations module');
    expect(c.finished).toEqual(['2 lessons, each read and its quiz passed']);
    expect(c.modules).toEqual({ done: 1, total: 6 });
    expect(c.next).toMatchObject({
      href: '/lessons/dependability-basics',
      label: 'Next: dependability-basics',
    });
    expect(c.next.why).toContain('Dependability module');
  });

  it('a module finished out of order points back to the lesson still open in course order', () => {
    const c = celebrationOf('competence', progressOf(['competence-basics']));
    expect(c.next.href).toBe('/lessons/expectations');
    expect(c.modules.done).toBe(1);
  });

  it('the whole course: everything, and the assessment again as the next step', () => {
    const all = course.lessons.map((l) => l.slug);
    const c = celebrationOf('course', progressOf(all));
    expect(c.title).toBe('Trust Academy course');
    expect(c.finished[0]).toBe('All 8 lessons, each read and its quiz passed');
    expect(c.modules).toEqual({ done: 6, total: 6 });
    expect(c.next.href).toBe('/assessment');
  });
});
