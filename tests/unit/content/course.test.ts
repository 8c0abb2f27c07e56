import { describe, expect, it } from 'vitest';
import {
  buildCourse,
  courseProblems,
  type LessonSource,
  neighbours,
  slugFromId,
  toLessonMeta,
} from '../../../src/lib/content/course';
import { ELEMENTS } from '../../../src/lib/content/elements';
import { lessonSource } from '../../factories/lessons';

const source = lessonSource;

/** A minimal valid course: two foundations lessons and one per element. */
function validSources(): LessonSource[] {
  return [
    source('foundations', 2, 'account', false),
    source('foundations', 1, 'expectations'),
    ...ELEMENTS.map((e) => source(e, 1, `${e}-basics`)),
  ];
}

describe('slugFromId', () => {
  it('drops the module folder and the order prefix', () => {
    expect(slugFromId('dependability/01-small-certain-promises')).toBe('small-certain-promises');
  });
  it.each(['dependability/small', 'dependability/1-small', 'x/01-Bad_Slug', '01-no-folder'])(
    'refuses %s',
    (id) => {
      expect(() => slugFromId(id)).toThrow(/must look like/);
    },
  );
});

describe('toLessonMeta', () => {
  it('derives words and reading time from the body', () => {
    const meta = toLessonMeta(source('foundations', 1, 'x'));
    expect(meta.words).toBe(460);
    expect(meta.readingMinutes).toBe(2);
    expect(meta.element).toBeNull();
  });
});

describe('buildCourse', () => {
  it('orders lessons by module, then by order', () => {
    const course = buildCourse(validSources());
    expect(course.lessons.map((l) => l.slug)).toEqual([
      'expectations',
      'account',
      ...ELEMENTS.map((e) => `${e}-basics`),
    ]);
  });

  it('refuses a course with a broken rule, naming the file', () => {
    const sources = validSources();
    sources.push(source('rapport', 1, 'second-rapport'));
    expect(() => buildCourse(sources)).toThrow(/rapport\/01-second-rapport: order 1 is already used/);
  });
});

describe('courseProblems', () => {
  const meta = (s: LessonSource) => toLessonMeta(s);

  it('accepts a valid course', () => {
    expect(courseProblems(validSources().map(meta))).toEqual([]);
  });

  it('finds a module without a free lesson', () => {
    const sources = validSources().map((s) =>
      s.data.module === 'truth' ? { ...s, data: { ...s.data, free: false } } : s,
    );
    expect(courseProblems(sources.map(meta))).toEqual(['module "truth" has no free lesson']);
  });

  it('finds an element nobody teaches and an empty module', () => {
    const sources = validSources().filter((s) => s.data.module !== 'empathy');
    expect(courseProblems(sources.map(meta))).toEqual([
      'module "empathy" has no lessons',
      'no lesson teaches "empathy"',
    ]);
  });

  it('finds a duplicate slug, a wrong folder and a wrong order number', () => {
    const sources = validSources();
    sources.push(source('truth', 2, 'account'));
    const wrongFolder = source('truth', 3, 'misplaced');
    wrongFolder.data.module = 'rapport';
    wrongFolder.data.element = 'rapport';
    sources.push(wrongFolder);
    const wrongOrder = source('competence', 4, 'numbered');
    wrongOrder.data.order = 5;
    sources.push(wrongOrder);
    expect(courseProblems(sources.map(meta))).toEqual([
      'truth/02-account: slug "account" is already used by foundations/02-account',
      'truth/03-misplaced: module "rapport" does not match its folder',
      'competence/04-numbered: order 5 does not match its file number',
    ]);
  });
});

describe('neighbours', () => {
  const course = buildCourse(validSources());

  it('links across module boundaries', () => {
    const n = neighbours(course, 'account');
    expect(n.previous?.slug).toBe('expectations');
    expect(n.next?.slug).toBe('dependability-basics');
  });

  it('has no previous for the first lesson and no next for the last', () => {
    expect(neighbours(course, 'expectations').previous).toBeNull();
    expect(neighbours(course, 'rapport-basics').next).toBeNull();
  });

  it('has neither for an unknown slug', () => {
    expect(neighbours(course, 'nope')).toEqual({ previous: null, next: null });
  });
});
