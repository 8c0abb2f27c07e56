import { describe, expect, it } from 'vitest';
import { buildCourse } from '../../../src/lib/content/course';
import { homeContinueHtml } from '../../../src/lib/progress/home-html';
import { courseProgress, type LessonProgress } from '../../../src/lib/progress/progress';
import { lessonSource } from '../../factories/lessons';

// A valid course needs every module and a free lesson in each (the same course as progress.test.ts).
const course = buildCourse([
  lessonSource('rapport', 1, 'rapport-basics'),
  lessonSource('dependability', 3, 'say-no', false),
  lessonSource('foundations', 2, 'account', false),
  lessonSource('truth', 1, 'truth-basics'),
  lessonSource('dependability', 1, 'dependability-basics'),
  lessonSource('foundations', 1, 'expectations'),
  lessonSource('empathy', 1, 'empathy-basics'),
  lessonSource('competence', 1, 'competence-basics'),
  lessonSource('dependability', 2, 'keep-promises', false),
]);
const everyLesson = (seen: string) => course.lessons.map((l) => row(l.slug, seen, true));
const noQuiz = () => false;
const at = (iso: string) => new Date(iso);
const row = (slug: string, seen: string, read: boolean): LessonProgress => ({
  lessonSlug: slug,
  startedAt: at(seen),
  lastSeenAt: at(seen),
  readAt: read ? at(seen) : null,
  bestScore: null,
  quizPassedAt: null,
});

describe('homeContinueHtml', () => {
  it('welcomes a new learner to the first lesson', () => {
    const html = homeContinueHtml({
      displayName: 'Ana',
      progress: courseProgress(course, [], noQuiz),
      started: false,
      member: false,
    });
    expect(html).toContain('Start with the first lesson');
    expect(html).toContain('href="/lessons/expectations"');
    expect(html).toContain('0 of 9 lessons complete');
  });

  it('continues with the lesson opened last, and says when it is for members', () => {
    const progress = courseProgress(
      course,
      [
        row('expectations', '2026-05-01T10:00:00Z', true),
        row('keep-promises', '2026-05-02T10:00:00Z', false),
      ],
      noQuiz,
    );
    const visitor = homeContinueHtml({ displayName: 'Ana', progress, started: true, member: false });
    expect(visitor).toContain('Pick up where you left off');
    expect(visitor).toContain('href="/lessons/keep-promises"');
    expect(visitor).toContain('1 of 9 lessons complete');
    expect(visitor).toContain('badge members');
    expect(visitor).toContain('href="/pricing"');
    const member = homeContinueHtml({ displayName: 'Ana', progress, started: true, member: true });
    expect(member).not.toContain('badge members');
  });

  it('congratulates a learner who finished, and escapes the name', () => {
    const progress = courseProgress(course, everyLesson('2026-05-01T10:00:00Z'), noQuiz);
    const html = homeContinueHtml({ displayName: '<b>Ana</b>', progress, started: true, member: true });
    expect(html).toContain('You have finished the course');
    expect(html).toContain('100%');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(html).not.toContain('<b>Ana</b>');
  });
});
