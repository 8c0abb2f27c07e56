import { describe, expect, it } from 'vitest';
import { slugFromId } from '../../../src/lib/content/course';
import { splitSections } from '../../../src/lib/content/text';
import { quizSchema } from '../../../src/lib/quiz/schema';
import { readLessonFiles } from '../../support/lessons';
import { readQuizFiles } from '../../support/quizzes';

const lessons = readLessonFiles();
const quizzes = readQuizFiles();
const lessonSlugs = lessons.map((l) => slugFromId(l.id));

describe('the quizzes in content/quizzes', () => {
  it('gives every lesson a quiz, and every quiz a lesson', () => {
    expect(quizzes.map((q) => q.slug).sort()).toEqual([...lessonSlugs].sort());
  });

  it.each(quizzes.map((q) => [q.slug, q] as const))('%s is a valid quiz file', (_slug, file) => {
    const result = quizSchema.safeParse(file.data);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it.each(quizzes.map((q) => [q.slug, q] as const))(
    '%s mixes question types, with at least one scenario',
    (_slug, file) => {
      const quiz = quizSchema.parse(file.data);
      const types = new Set(quiz.questions.map((q) => q.type));
      expect(types.has('scenario')).toBe(true);
      expect(types.size).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(quizzes.map((q) => [q.slug, q] as const))(
    '%s links every question to a section of its lesson',
    (slug, file) => {
      const quiz = quizSchema.parse(file.data);
      const lesson = lessons.find((l) => slugFromId(l.id) === slug);
      const anchors = new Set(
        splitSections(lesson?.body ?? '')
          .map((s) => s.anchor)
          .filter((a) => a !== null && a !== 'sources'),
      );
      const unknown = quiz.questions
        .filter((q) => !anchors.has(q.section))
        .map((q) => `${q.id} → ${q.section}`);
      expect(unknown, `known sections: ${[...anchors].join(', ')}`).toEqual([]);
    },
  );
});
