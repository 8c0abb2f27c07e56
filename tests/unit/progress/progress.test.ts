import { describe, expect, it } from 'vitest';
import { buildCourse, type Course, type LessonSource, toLessonMeta } from '../../../src/lib/content/course';
import { MODULES } from '../../../src/lib/content/elements';
import {
  courseProgress,
  isLessonComplete,
  type LessonProgress,
  type LessonStatus,
  lessonStatus,
  weekIndex,
  weeklyStreak,
} from '../../../src/lib/progress/progress';
import { lessonSource } from '../../factories/lessons';

const source = lessonSource;

/**
 * Nine lessons in course order: expectations, account (no quiz), dependability-basics, keep-promises,
 * say-no, competence-basics, empathy-basics, truth-basics, rapport-basics. Sources are given out of
 * order so that course order comes from buildCourse.
 */
const SOURCES: LessonSource[] = [
  source('rapport', 1, 'rapport-basics'),
  source('dependability', 3, 'say-no', false),
  source('foundations', 2, 'account', false),
  source('truth', 1, 'truth-basics'),
  source('dependability', 1, 'dependability-basics'),
  source('foundations', 1, 'expectations'),
  source('empathy', 1, 'empathy-basics'),
  source('competence', 1, 'competence-basics'),
  source('dependability', 2, 'keep-promises', false),
];
const course = buildCourse(SOURCES);
const COURSE_ORDER = [
  'expectations',
  'account',
  'dependability-basics',
  'keep-promises',
  'say-no',
  'competence-basics',
  'empathy-basics',
  'truth-basics',
  'rapport-basics',
];

/** Every lesson has a quiz except `account`. */
const hasQuiz = (slug: string): boolean => slug !== 'account';

const day = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

interface RowSpec {
  seen: string;
  read?: boolean;
  passed?: boolean;
  best?: number | null;
}

function row(slug: string, spec: RowSpec): LessonProgress {
  return {
    lessonSlug: slug,
    startedAt: day('2026-11-01'),
    lastSeenAt: day(spec.seen),
    readAt: spec.read ? day(spec.seen) : null,
    bestScore: spec.best ?? (spec.passed ? 100 : null),
    quizPassedAt: spec.passed ? day(spec.seen) : null,
  };
}

const started = row('x', { seen: '2026-11-02' });
const readOnly = row('x', { seen: '2026-11-02', read: true, best: 40 });
const readAndPassed = row('x', { seen: '2026-11-02', read: true, passed: true });
const passedNotRead = row('x', { seen: '2026-11-02', passed: true });

describe('isLessonComplete and lessonStatus', () => {
  it.each<[string, LessonProgress | undefined, boolean, boolean, LessonStatus]>([
    ['never opened, with a quiz', undefined, true, false, 'not-started'],
    ['never opened, without a quiz', undefined, false, false, 'not-started'],
    ['opened, not read, with a quiz', started, true, false, 'started'],
    ['opened, not read, without a quiz', started, false, false, 'started'],
    ['read, quiz not passed (failed attempt)', readOnly, true, false, 'read'],
    ['read and quiz passed', readAndPassed, true, true, 'complete'],
    ['read, lesson without a quiz', readOnly, false, true, 'complete'],
    ['read and passed, lesson without a quiz', readAndPassed, false, true, 'complete'],
    ['quiz passed but not marked read', passedNotRead, true, false, 'started'],
    ['quiz passed but not read, lesson without a quiz', passedNotRead, false, false, 'started'],
  ])('%s', (_name, progress, quiz, complete, status) => {
    expect(isLessonComplete(progress, quiz)).toBe(complete);
    expect(lessonStatus(progress, quiz)).toBe(status);
  });
});

describe('courseProgress', () => {
  it('starts at zero for a learner with no progress', () => {
    const p = courseProgress(course, [], hasQuiz);
    expect(p.course).toEqual({ complete: 0, total: 9, percent: 0 });
    expect([...p.statuses.keys()]).toEqual(COURSE_ORDER);
    expect([...p.statuses.values()].every((s) => s === 'not-started')).toBe(true);
    expect(p.next?.slug).toBe('expectations');
    expect(p.continueWith?.slug).toBe('expectations');
    expect(p.completedModules).toEqual([]);
    expect(p.modules.map((m) => m.module)).toEqual([...MODULES]);
    expect(p.modules.every((m) => m.tally.complete === 0 && m.tally.percent === 0)).toBe(true);
  });

  describe('part way through', () => {
    const rows = [
      row('expectations', { seen: '2026-11-02', read: true, passed: true }),
      row('account', { seen: '2026-11-03', read: true }),
      row('dependability-basics', { seen: '2026-11-04', read: true, passed: true }),
      row('keep-promises', { seen: '2026-11-05', read: true, passed: true }),
      row('say-no', { seen: '2026-11-06', read: true, best: 50 }),
      row('competence-basics', { seen: '2026-11-10' }),
      // Complete and seen most recently: not what "continue" should offer.
      row('truth-basics', { seen: '2026-11-12', read: true, passed: true }),
      // A lesson that no longer exists, seen last of all: ignored.
      row('removed-lesson', { seen: '2026-11-13' }),
    ];
    const p = courseProgress(course, rows, hasQuiz);

    it('gives every lesson its status', () => {
      expect(Object.fromEntries(p.statuses)).toEqual({
        expectations: 'complete',
        account: 'complete',
        'dependability-basics': 'complete',
        'keep-promises': 'complete',
        'say-no': 'read',
        'competence-basics': 'started',
        'empathy-basics': 'not-started',
        'truth-basics': 'complete',
        'rapport-basics': 'not-started',
      });
      expect(p.statuses.has('removed-lesson')).toBe(false);
    });

    it('tallies the course, rounding the percent down (5 of 9 = 55.6 → 55)', () => {
      expect(p.course).toEqual({ complete: 5, total: 9, percent: 55 });
    });

    it('tallies every module in course order, rounding down (2 of 3 = 66.7 → 66)', () => {
      expect(p.modules.map(({ module, tally }) => ({ module, tally }))).toEqual([
        { module: 'foundations', tally: { complete: 2, total: 2, percent: 100 } },
        { module: 'dependability', tally: { complete: 2, total: 3, percent: 66 } },
        { module: 'competence', tally: { complete: 0, total: 1, percent: 0 } },
        { module: 'empathy', tally: { complete: 0, total: 1, percent: 0 } },
        { module: 'truth', tally: { complete: 1, total: 1, percent: 100 } },
        { module: 'rapport', tally: { complete: 0, total: 1, percent: 0 } },
      ]);
    });

    it('tallies every element, leaving out foundations lessons (no element)', () => {
      expect(p.elements).toEqual([
        { element: 'dependability', tally: { complete: 2, total: 3, percent: 66 } },
        { element: 'competence', tally: { complete: 0, total: 1, percent: 0 } },
        { element: 'empathy', tally: { complete: 0, total: 1, percent: 0 } },
        { element: 'truth', tally: { complete: 1, total: 1, percent: 100 } },
        { element: 'rapport', tally: { complete: 0, total: 1, percent: 0 } },
      ]);
    });

    it('makes next the first incomplete lesson in course order, even one merely read', () => {
      expect(p.next?.slug).toBe('say-no');
    });

    it('continues with the most recently seen incomplete lesson', () => {
      expect(p.continueWith?.slug).toBe('competence-basics');
    });

    it('lists the modules with every lesson complete, in course order', () => {
      expect(p.completedModules).toEqual(['foundations', 'truth']);
    });
  });

  it('does not depend on the order of the rows', () => {
    const rows = [
      row('empathy-basics', { seen: '2026-11-20' }),
      row('expectations', { seen: '2026-11-02', read: true }),
      row('rapport-basics', { seen: '2026-11-21', read: true }),
      row('competence-basics', { seen: '2026-11-05' }),
    ];
    const forward = courseProgress(course, rows, hasQuiz);
    const backward = courseProgress(course, [...rows].reverse(), hasQuiz);
    expect(forward.continueWith?.slug).toBe('rapport-basics');
    expect(backward.continueWith?.slug).toBe('rapport-basics');
    expect(forward.next?.slug).toBe('expectations');
    expect(backward.next?.slug).toBe('expectations');
  });

  it('continues with next when every lesson seen is complete', () => {
    const rows = [
      row('truth-basics', { seen: '2026-11-12', read: true, passed: true }),
      row('expectations', { seen: '2026-11-02', read: true, passed: true }),
    ];
    const p = courseProgress(course, rows, hasQuiz);
    expect(p.next?.slug).toBe('account');
    expect(p.continueWith?.slug).toBe('account');
  });

  it('counts a read lesson without a quiz as complete, and one with a quiz only once passed', () => {
    const noQuizAnywhere = courseProgress(
      course,
      [row('say-no', { seen: '2026-11-02', read: true })],
      () => false,
    );
    expect(noQuizAnywhere.statuses.get('say-no')).toBe('complete');
    expect(noQuizAnywhere.course.complete).toBe(1);
    const withQuiz = courseProgress(course, [row('say-no', { seen: '2026-11-02', read: true })], hasQuiz);
    expect(withQuiz.statuses.get('say-no')).toBe('read');
    expect(withQuiz.course.complete).toBe(0);
  });

  it('has no next and nothing to continue when the course is done', () => {
    const rows = COURSE_ORDER.map((slug, i) =>
      row(slug, { seen: `2026-11-${String(10 + i).padStart(2, '0')}`, read: true, passed: hasQuiz(slug) }),
    );
    const p = courseProgress(course, rows, hasQuiz);
    expect(p.course).toEqual({ complete: 9, total: 9, percent: 100 });
    expect(p.next).toBeNull();
    expect(p.continueWith).toBeNull();
    expect(p.completedModules).toEqual([...MODULES]);
    expect(p.elements.every((e) => e.tally.percent === 100)).toBe(true);
  });

  it('only reaches 100 percent when every lesson is complete (8 of 9 → 88)', () => {
    const rows = COURSE_ORDER.slice(0, 8).map((slug) =>
      row(slug, { seen: '2026-11-10', read: true, passed: true }),
    );
    const p = courseProgress(course, rows, hasQuiz);
    expect(p.course).toEqual({ complete: 8, total: 9, percent: 88 });
    expect(p.next?.slug).toBe('rapport-basics');
    expect(p.completedModules).toEqual(['foundations', 'dependability', 'competence', 'empathy', 'truth']);
  });

  it('gives a module without lessons 0 percent and never counts it completed', () => {
    // Not a valid course (buildCourse refuses it), built by hand to reach the empty-module case.
    const lessons = SOURCES.filter((s) => s.data.module === 'foundations')
      .map(toLessonMeta)
      .sort((a, b) => a.order - b.order);
    const partial: Course = { lessons, modules: [], bySlug: new Map(lessons.map((l) => [l.slug, l])) };
    const rows = lessons.map((l) => row(l.slug, { seen: '2026-11-10', read: true, passed: true }));
    const p = courseProgress(partial, rows, hasQuiz);
    expect(p.course).toEqual({ complete: 2, total: 2, percent: 100 });
    expect(p.modules.find((m) => m.module === 'truth')?.tally).toEqual({ complete: 0, total: 0, percent: 0 });
    expect(p.completedModules).toEqual(['foundations']);
  });
});

describe('weekIndex', () => {
  it('starts weeks on Monday 00:00 UTC', () => {
    const sunday = weekIndex(new Date('2026-11-22T23:59:59.999Z'));
    const monday = weekIndex(new Date('2026-11-23T00:00:00.000Z'));
    const nextSunday = weekIndex(new Date('2026-11-29T23:59:59.999Z'));
    expect(monday).toBe(sunday + 1);
    expect(nextSunday).toBe(monday);
    expect(weekIndex(new Date('2026-11-30T00:00:00.000Z'))).toBe(monday + 1);
  });

  it('keeps a week together across a new year', () => {
    // Monday 2024-12-30 to Sunday 2025-01-05.
    const monday = weekIndex(new Date('2024-12-30T00:00:00Z'));
    expect(weekIndex(new Date('2025-01-01T12:00:00Z'))).toBe(monday);
    expect(weekIndex(new Date('2025-01-05T23:59:59Z'))).toBe(monday);
    expect(weekIndex(new Date('2024-12-29T23:59:59Z'))).toBe(monday - 1);
  });

  it('uses UTC, not the local time of the timestamp', () => {
    // 00:30 on Monday in UTC+1 is still Sunday in UTC.
    expect(weekIndex(new Date('2026-11-23T00:30:00+01:00'))).toBe(
      weekIndex(new Date('2026-11-22T12:00:00Z')),
    );
  });
});

describe('weeklyStreak', () => {
  // Wednesday. This week: Mon 2026-11-23 – Sun 2026-11-29; last week from Mon 2026-11-16; the week
  // before from Mon 2026-11-09; three weeks ago from Mon 2026-11-02.
  const NOW = new Date('2026-11-25T12:00:00Z');
  const at = (iso: string): Date => new Date(iso);

  it.each<[string, string[], number]>([
    ['no activity', [], 0],
    ['activity this week only', ['2026-11-24T09:00:00Z'], 1],
    [
      'several activities in the same week count once',
      ['2026-11-23T00:00:00Z', '2026-11-24T09:00:00Z', '2026-11-25T11:00:00Z'],
      1,
    ],
    [
      'this week and the two before',
      ['2026-11-24T09:00:00Z', '2026-11-18T09:00:00Z', '2026-11-10T09:00:00Z'],
      3,
    ],
    [
      'the same, given in any order',
      ['2026-11-10T09:00:00Z', '2026-11-24T09:00:00Z', '2026-11-18T09:00:00Z'],
      3,
    ],
    [
      'a gap last week breaks the streak',
      ['2026-11-24T09:00:00Z', '2026-11-10T09:00:00Z', '2026-11-03T09:00:00Z'],
      1,
    ],
    [
      'a gap further back stops the count there',
      ['2026-11-24T09:00:00Z', '2026-11-18T09:00:00Z', '2026-11-03T09:00:00Z'],
      2,
    ],
    [
      'nothing yet this week, but last week and the week before',
      ['2026-11-18T09:00:00Z', '2026-11-10T09:00:00Z'],
      2,
    ],
    ['nothing this week or last week', ['2026-11-10T09:00:00Z', '2026-11-03T09:00:00Z'], 0],
    [
      'the last moment of last week and the first of this one',
      ['2026-11-22T23:59:59.999Z', '2026-11-23T00:00:00.000Z'],
      2,
    ],
    [
      'Sunday and Monday are different weeks (with a gap before)',
      ['2026-11-22T12:00:00Z', '2026-11-23T12:00:00Z', '2026-11-08T12:00:00Z'],
      2,
    ],
  ])('%s → %i', (_name, activity, expected) => {
    expect(weeklyStreak(activity.map(at), NOW)).toBe(expected);
  });

  it('does not lose the streak first thing on a Monday', () => {
    const mondayMorning = new Date('2026-11-23T00:00:01Z');
    // Last week (Mon 16 – Sun 22) and the week before (Sun 15).
    const activity = [at('2026-11-22T20:00:00Z'), at('2026-11-15T08:00:00Z')];
    expect(weeklyStreak(activity, mondayMorning)).toBe(2);
  });

  it('counts Sunday as the end of the week, not the start of the next', () => {
    // On Sunday 2026-11-22, activity that day and on Monday 2026-11-16 is one week, not two.
    const sunday = new Date('2026-11-22T18:00:00Z');
    expect(weeklyStreak([at('2026-11-22T09:00:00Z'), at('2026-11-16T09:00:00Z')], sunday)).toBe(1);
    // And activity on the Sunday before is the previous week, extending the streak.
    expect(weeklyStreak([at('2026-11-22T09:00:00Z'), at('2026-11-15T09:00:00Z')], sunday)).toBe(2);
  });

  it('counts a long run of weeks', () => {
    const weekly = Array.from({ length: 12 }, (_, i) => new Date(NOW.getTime() - i * 7 * 86_400_000));
    expect(weeklyStreak(weekly, NOW)).toBe(12);
  });
});
