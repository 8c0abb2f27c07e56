import { describe, expect, it } from 'vitest';
import { buildCourse } from '../../../src/lib/content/course';
import {
  assignmentChoices,
  dueAtOf,
  isDone,
  parseWhat,
  REMIND_AFTER_MS,
  REMIND_BEFORE_MS,
  reminderDue,
  snapshotOf,
  statusOf,
} from '../../../src/lib/teams/assignments';
import { assignmentsHtml, teamLeadHtml } from '../../../src/lib/teams/assignments-html';
import { lessonSource as source } from '../../factories/lessons';

const course = buildCourse([
  source('foundations', 1, 'expectations'),
  source('dependability', 1, 'dependability-basics'),
  source('dependability', 2, 'keep-promises', false),
  source('competence', 1, 'competence-basics'),
  source('empathy', 1, 'empathy-basics'),
  source('truth', 1, 'truth-basics'),
  source('rapport', 1, 'rapport-basics'),
]);
const now = new Date('2027-02-10T12:00:00Z');
const due = new Date('2027-02-12T23:59:59.999Z');
const withQuiz = (slug: string) => slug !== 'keep-promises';
const snap = (kind: 'lesson' | 'module' | 'assessment', target: string) =>
  snapshotOf(kind, target, course, withQuiz);
const read = { readAt: now, quizPassedAt: null };
const passed = { readAt: now, quizPassedAt: now };
const facts = (
  progress: Record<string, { readAt: Date | null; quizPassedAt: Date | null }>,
  hasAssessment = false,
) => ({
  progress: new Map(Object.entries(progress)),
  hasAssessment,
});
const moduleAssignment = {
  id: 'a',
  kind: 'module' as const,
  target: 'dependability',
  dueAt: due,
  ...snap('module', 'dependability'),
};

describe('assignment status', () => {
  it('keeps what a module asked for when assigned: its lessons, and which have quizzes', () => {
    expect(snap('module', 'dependability')).toEqual({
      title: 'Module: Dependability',
      href: '/lessons/dependability-basics',
      lessons: ['dependability-basics', 'keep-promises'],
      quizzed: ['dependability-basics'],
    });
    expect(snap('assessment', '')).toMatchObject({ href: '/assessment', lessons: [] });
  });
  it('is done for a module only when every lesson in it is complete by the course’s rule', () => {
    expect(isDone(moduleAssignment, facts({ 'dependability-basics': passed }))).toBe(false);
    // The quizzed lesson only read: not complete.
    expect(isDone(moduleAssignment, facts({ 'dependability-basics': read, 'keep-promises': read }))).toBe(
      false,
    );
    expect(isDone(moduleAssignment, facts({ 'dependability-basics': passed, 'keep-promises': read }))).toBe(
      true,
    );
    expect(isDone({ kind: 'assessment', lessons: [], quizzed: [] }, facts({}, true))).toBe(true);
    // A lesson no longer in the course can't be done.
    expect(isDone({ kind: 'lesson', ...snap('lesson', 'gone') }, facts({ gone: passed }))).toBe(false);
  });
  it('is overdue once the due time has passed without it being done', () => {
    expect(statusOf(moduleAssignment, facts({}), now)).toBe('open');
    expect(statusOf(moduleAssignment, facts({}), new Date(due.getTime() + 1))).toBe('overdue');
    const complete = facts({ 'dependability-basics': passed, 'keep-promises': read });
    expect(statusOf(moduleAssignment, complete, new Date(due.getTime() + 1))).toBe('done');
  });
});

describe('reminders', () => {
  it('are owed 48 hours before the due time and for a week after it, never when done', () => {
    expect(reminderDue(due, false, new Date(due.getTime() - REMIND_BEFORE_MS - 1))).toBeNull();
    expect(reminderDue(due, false, new Date(due.getTime() - REMIND_BEFORE_MS))).toBe('soon');
    expect(reminderDue(due, false, new Date(due.getTime() - 1))).toBe('soon');
    expect(reminderDue(due, false, due)).toBe('overdue');
    expect(reminderDue(due, false, new Date(due.getTime() + REMIND_AFTER_MS))).toBe('overdue');
    expect(reminderDue(due, false, new Date(due.getTime() + REMIND_AFTER_MS + 1))).toBeNull();
    expect(reminderDue(due, true, due)).toBeNull();
  });
});

describe('the form', () => {
  it('reads a due date as the end of that day, refusing impossible dates', () => {
    expect(dueAtOf('2027-02-12')?.toISOString()).toBe('2027-02-12T23:59:59.999Z');
    expect(dueAtOf('2027-02-30')).toBeNull();
    expect(dueAtOf('12/02/2027')).toBeNull();
  });
  it('offers the assessment, the modules and the lessons, and accepts only those', () => {
    const values = assignmentChoices(course).flatMap((g) => g.options.map((o) => o.value));
    expect(values).toContain('assessment:');
    expect(values).toContain('module:dependability');
    expect(values).toContain('lesson:keep-promises');
    for (const value of values) expect(parseWhat(value, course)).not.toBeNull();
    expect(parseWhat('lesson:not-a-lesson', course)).toBeNull();
    expect(parseWhat('module:nothing', course)).toBeNull();
    expect(parseWhat('ledger:x', course)).toBeNull();
  });
});

describe('the dashboard list', () => {
  it('puts overdue first, then by due date, done last, with the course’s titles escaped', () => {
    const html = assignmentsHtml([
      { title: 'Done <one>', href: '/lessons/a', dueAt: new Date('2027-01-01T00:00:00Z'), status: 'done' },
      { title: 'Later', href: '/lessons/b', dueAt: new Date('2027-03-01T00:00:00Z'), status: 'open' },
      { title: 'Late', href: '/lessons/c', dueAt: new Date('2027-02-01T00:00:00Z'), status: 'overdue' },
      { title: 'Sooner', href: '/lessons/d', dueAt: new Date('2027-02-20T00:00:00Z'), status: 'open' },
    ]);
    const order = ['Late', 'Sooner', 'Later', 'Done &lt;one&gt;'].map((t) => html.indexOf(`>${t}</a>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('3 to do, 1 done.');
    expect(assignmentsHtml([])).toBe('');
  });

  it('leads an owner or manager to the team: its name escaped, its reports and its page', () => {
    const html = teamLeadHtml({ id: 'abc234', name: 'West & <East>' });
    expect(html).toContain('<h2 id="your-team-title">Your team: West &amp; &lt;East&gt;</h2>');
    expect(html).toContain('<a href="/teams/abc234/reports">Progress and results</a>');
    expect(html).toContain('<a href="/teams/abc234">Team page</a>');
  });
});
