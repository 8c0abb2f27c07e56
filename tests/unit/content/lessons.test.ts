import { describe, expect, it } from 'vitest';
import { buildCourse, courseProblems, type LessonSource } from '../../../src/lib/content/course';
import { ELEMENTS, MODULES } from '../../../src/lib/content/elements';
import { lessonSchema } from '../../../src/lib/content/schema';
import { countWords, plainText } from '../../../src/lib/content/text';
import { readLessonFiles } from '../../support/lessons';

const files = readLessonFiles();

describe('the lessons in content/lessons', () => {
  it('has at least 8 lessons', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files.map((f) => [f.id, f] as const))('%s has valid frontmatter', (_id, file) => {
    const result = lessonSchema.safeParse(file.frontmatter);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it.each(files.map((f) => [f.id, f] as const))('%s has 600–1,200 words of prose', (_id, file) => {
    const words = countWords(plainText(file.body));
    expect(words).toBeGreaterThanOrEqual(600);
    expect(words).toBeLessThanOrEqual(1200);
  });

  it.each(files.map((f) => [f.id, f] as const))(
    '%s has a scenario, a phrase, a mistake, one exercise and one set of takeaways',
    (_id, file) => {
      expect(file.body).toMatch(/<Scenario\b/);
      expect(file.body).toMatch(/<Say>/);
      expect(file.body).toMatch(/<Mistake\b/);
      expect(file.body.match(/<Exercise>/g)).toHaveLength(1);
      expect(file.body.match(/<Takeaways>/g)).toHaveLength(1);
      expect(file.body.indexOf('<Exercise>')).toBeLessThan(file.body.indexOf('<Takeaways>'));
      expect(file.body).not.toMatch(/^# /m);
    },
  );

  it('forms a valid course: unique order per module, every element covered, a free lesson per module', () => {
    const sources: LessonSource[] = files.map((f) => ({
      id: f.id,
      body: f.body,
      data: lessonSchema.parse(f.frontmatter),
    }));
    const course = buildCourse(sources);
    expect(course.modules.map((m) => m.info.id)).toEqual([...MODULES]);
    for (const element of ELEMENTS) expect(course.lessons.some((l) => l.element === element)).toBe(true);
    for (const m of course.modules) expect(m.lessons.some((l) => l.free)).toBe(true);
    expect(course.lessons.some((l) => !l.free)).toBe(true);
    expect(courseProblems(course.lessons)).toEqual([]);
  });
});
