/**
 * The course check of issue 15, over every quiz in content/quizzes and every lesson's Sources list. It
 * prints the figures on every run; each check fails on its own, naming what to fix.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { slugFromId } from '../../../src/lib/content/course';
import {
  CHECKS,
  courseCheckProblems,
  courseCheckReport,
  courseFigures,
} from '../../../src/lib/quiz/course-check';
import { quizSchema } from '../../../src/lib/quiz/schema';
import { sourceLinkProblems } from '../../../src/lib/sources/citations';
import { readLessonFiles } from '../../support/lessons';
import { readQuizFiles } from '../../support/quizzes';

const SOURCES_DIR = fileURLToPath(new URL('../../../content/sources', import.meta.url));

const figures = courseFigures(
  readQuizFiles().map((file) => ({ slug: file.slug, quiz: quizSchema.parse(file.data) })),
);
const problems = courseCheckProblems(figures);

describe('the course check over every quiz', () => {
  it('computes its figures from the quiz files', () => {
    console.log(`\nCourse check (content/quizzes)\n${courseCheckReport(figures, 8)}\n`);
    expect(figures.quizzes).toBe(readQuizFiles().length);
    expect(figures.questions).toBeGreaterThan(0);
  });

  it.each(CHECKS.map((check) => [check]))('%s', (check) => {
    expect(problems.filter((p) => p.check === check).map((p) => p.message)).toEqual([]);
  });
});

describe('every lesson’s Sources list', () => {
  it('starts each item with a link to an existing /sources entry', () => {
    const ids = new Set(
      readdirSync(SOURCES_DIR)
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => name.replace(/\.yaml$/, '')),
    );
    const lessons = readLessonFiles().map((l) => ({ slug: slugFromId(l.id), body: l.body }));
    expect(sourceLinkProblems(lessons, ids)).toEqual([]);
  });
});
