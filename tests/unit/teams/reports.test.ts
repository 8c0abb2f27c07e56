import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { assignmentsCsv, progressCsv, quizzesCsv } from '../../../src/lib/teams/exports';
import {
  assignmentReport,
  type FirstAttempt,
  type ModuleColumn,
  progressReport,
  type QuizContent,
  quizBreakdowns,
  type RepFacts,
  repAssignmentStatus,
} from '../../../src/lib/teams/reports';
import { reportsBodyHtml } from '../../../src/lib/teams/reports-html';

const now = new Date('2027-03-01T09:00:00Z');
const DAY = 86_400_000;
const rep = (id: string, extra: Partial<RepFacts> = {}): RepFacts => ({
  userId: id,
  displayName: `Rep ${id}`,
  email: `${id}@example.com`,
  teamId: 'team',
  role: 'member',
  joinedAt: new Date('2027-02-01T10:30:00Z'),
  sharesAssessment: false,
  sharesKeptRate: false,
  ...extra,
});
const columns: ModuleColumn[] = [
  { id: 'foundations', title: 'Foundations', lessons: 6, quizzes: 6 },
  { id: 'truth', title: 'Truth', lessons: 4, quizzes: 3 },
];
const empty = {
  columns,
  conversations: 6,
  progress: [],
  conversationsPassed: new Map<string, number>(),
  assessments: new Map<string, number>(),
  surveys: new Map<string, number>(),
  promises: new Map(),
};

describe('progress report', () => {
  it('lists only the team’s current reps, with zeros where nothing was done (rules 3 and 7)', () => {
    const report = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a'), rep('m', { role: 'manager' }), rep('x', { teamId: 'other' })],
        progress: [
          { userId: 'a', module: 'truth', read: 2, passed: 1 },
          { userId: 'x', module: 'truth', read: 4, passed: 3 },
        ],
        conversationsPassed: new Map([['a', 2]]),
      },
      now,
    );
    expect(report.reps.map((r) => r.rep.userId)).toEqual(['a']);
    expect(report.reps[0]?.modules).toEqual([
      { read: 0, passed: 0 },
      { read: 2, passed: 1 },
    ]);
    expect(report.reps[0]?.conversationsPassed).toBe(2);
  });

  it('hides team averages under three reps, and ignores results of anyone not reported on (rule 4)', () => {
    const two = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a'), rep('b'), rep('c')],
        // `z` left the team: their result must not make up the third.
        assessments: new Map([
          ['a', 60],
          ['b', 70],
          ['z', 90],
        ]),
      },
      now,
    );
    expect(two.assessment).toEqual({ reps: 2, mean: null });
    const three = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a'), rep('b'), rep('c')],
        assessments: new Map([
          ['a', 60],
          ['b', 70],
          ['c', 71],
        ]),
        surveys: new Map([['a', 80]]),
      },
      now,
    );
    expect(three.assessment).toEqual({ reps: 3, mean: 67 });
    expect(three.survey).toEqual({ reps: 1, mean: null });
  });

  it('shows a rep’s own results only when they share them, and the kept-on-time rate only with consent (rules 4, 5)', () => {
    const kept = (dueDaysAgo: number, outcome: 'kept' | 'broken') => ({
      dueAt: new Date(now.getTime() - dueDaysAgo * DAY),
      outcome,
      resolvedAt: new Date(now.getTime() - dueDaysAgo * DAY),
    });
    const promises = [kept(5, 'kept'), kept(4, 'kept'), kept(3, 'kept'), kept(2, 'broken')];
    const report = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a', { sharesAssessment: true, sharesKeptRate: true }), rep('b')],
        assessments: new Map([
          ['a', 61.5],
          ['b', 44],
        ]),
        surveys: new Map([
          ['a', 75],
          ['b', 30],
        ]),
        promises: new Map([
          ['a', promises],
          ['b', promises],
        ]),
      },
      now,
    );
    const [a, b] = report.reps;
    expect(a).toMatchObject({ trustIndex: 61.5, customerScore: 75 });
    expect(a?.keptRate?.rate).toBe(0.75);
    expect(b).toMatchObject({
      trustIndex: null,
      customerScore: null,
      keptRate: null,
      sharesAssessment: false,
    });
  });
});

describe('assignment status', () => {
  const due = new Date(now.getTime() + DAY);
  it('is done, in progress, not started, or overdue once the due time has passed', () => {
    expect(repAssignmentStatus({ done: true, started: true }, due, now)).toBe('done');
    expect(repAssignmentStatus({ done: false, started: true }, due, now)).toBe('in-progress');
    expect(repAssignmentStatus({ done: false, started: false }, due, now)).toBe('not-started');
    const later = new Date(due.getTime() + 1);
    expect(repAssignmentStatus({ done: false, started: true }, due, later)).toBe('overdue');
    expect(repAssignmentStatus({ done: true, started: true }, due, later)).toBe('done');
  });
  it('counts the reported reps only, overdue first', () => {
    const report = assignmentReport(
      'team',
      { id: 'x', title: 'Module: Truth', href: '/lessons/a', dueAt: new Date(now.getTime() - DAY) },
      [rep('a'), rep('b'), rep('c'), rep('gone', { teamId: 'other' })],
      { done: new Set(['a', 'gone']), started: new Set(['b']) },
      now,
    );
    expect(report.counts).toEqual({ done: 1, 'in-progress': 0, 'not-started': 0, overdue: 2 });
    expect(report.reps.map((r) => [r.rep.userId, r.status])).toEqual([
      ['b', 'overdue'],
      ['c', 'overdue'],
      ['a', 'done'],
    ]);
  });
});

const quiz: QuizContent = {
  slug: 'l1',
  title: 'Lesson one',
  questions: [
    {
      id: 'q1',
      type: 'single',
      prompt: 'Which one?',
      options: [
        { id: 'a', text: 'Right', correct: true, explanation: 'Because.' },
        { id: 'b', text: 'Wrong', correct: false, explanation: 'Not so.' },
      ],
    },
    {
      id: 'q2',
      type: 'multiple',
      prompt: 'Which ones?',
      options: [
        { id: 'a', text: 'One', correct: true, explanation: 'Yes.' },
        { id: 'b', text: 'Two', correct: true, explanation: 'Yes.' },
        { id: 'c', text: 'Three', correct: false, explanation: 'No.' },
      ],
    },
  ],
};
const attempt = (userId: string, q1: string[], q2: string[]): FirstAttempt => ({
  userId,
  lesson: 'l1',
  answers: { q1, q2 },
});

describe('quiz breakdown (rule 6)', () => {
  it('hides a quiz until three reps answered it; a former rep’s attempt does not count', () => {
    const [shown] = quizBreakdowns(
      'team',
      [quiz],
      [rep('a'), rep('b'), rep('gone', { teamId: 'other' })],
      [attempt('a', ['a'], ['a', 'b']), attempt('b', ['b'], ['a']), attempt('gone', ['a'], ['a', 'b'])],
    );
    expect(shown).toMatchObject({ reps: 2, questions: null });
  });
  it('gives each option’s share and the share who got the question fully right', () => {
    const [shown] = quizBreakdowns(
      'team',
      [quiz],
      [rep('a'), rep('b'), rep('c'), rep('d')],
      [
        attempt('a', ['a'], ['a', 'b']),
        attempt('b', ['b'], ['a']),
        attempt('c', ['b'], ['a', 'b', 'c']),
        attempt('d', ['a'], ['a', 'b']),
      ],
    );
    expect(shown?.reps).toBe(4);
    const [q1, q2] = shown?.questions ?? [];
    expect(q1?.rightShare).toBe(50);
    expect(q1?.options.map((o) => o.share)).toEqual([50, 50]);
    expect(q2?.several).toBe(true);
    expect(q2?.rightShare).toBe(50);
    expect(q2?.options.map((o) => o.share)).toEqual([100, 75, 25]);
  });
});

describe('CSV exports', () => {
  const rows = (text: string) => parse(text, { bom: true }) as string[][];
  it('writes progress with times in the manager’s zone, “not shared” for private results, formulas neutralised', () => {
    const report = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a', { displayName: '=HYPERLINK("http://evil")', sharesAssessment: true }), rep('b')],
        assessments: new Map([
          ['a', 61.4],
          ['b', 44],
        ]),
      },
      now,
    );
    const [header, a, b] = rows(progressCsv(report, 'Europe/Berlin'));
    expect(header?.[2]).toBe('joined (Europe/Berlin)');
    expect(header).toContain('Foundations: lessons read (of 6)');
    expect(a?.[0]).toBe('\'=HYPERLINK("http://evil")');
    expect(a?.[2]).toBe('2027-02-01 11:30');
    expect(a?.at(-3)).toBe('61');
    expect(b?.at(-3)).toBe('not shared');
    expect(b?.join(',')).not.toContain('44');
  });
  it('writes each rep’s status per assignment, and only the quizzes that may be shown', () => {
    const report = assignmentReport(
      'team',
      { id: 'x', title: 'Module: Truth', href: '/lessons/a', dueAt: new Date('2027-03-05T23:59:59.999Z') },
      [rep('a'), rep('b')],
      { done: new Set(['a']), started: new Set() },
      now,
    );
    expect(rows(assignmentsCsv([report]))).toEqual([
      ['assignment', 'due by the end of (UTC)', 'rep', 'email', 'status'],
      ['Module: Truth', '2027-03-05', 'Rep b', 'b@example.com', 'not started'],
      ['Module: Truth', '2027-03-05', 'Rep a', 'a@example.com', 'done'],
    ]);
    const hidden = quizBreakdowns('team', [quiz], [rep('a')], [attempt('a', ['a'], ['a'])]);
    expect(rows(quizzesCsv(hidden))).toHaveLength(1);
  });
});

describe('the reports body', () => {
  it('escapes what people typed, and shows no private result of a rep who does not share', () => {
    const report = progressReport(
      'team',
      {
        ...empty,
        reps: [rep('a', { displayName: '<img src=x onerror=alert(1)>' }), rep('b'), rep('c')],
        assessments: new Map([
          ['a', 12.5],
          ['b', 50],
          ['c', 60],
        ]),
      },
      now,
    );
    const html = reportsBodyHtml('team', report, []);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong class="big-figure">40.8</strong>');
    expect(html).not.toContain('>13<');
    expect(html).toContain('No rep shares individual results.');
    expect(html).toContain('3 reps in the team now');
  });
  it('says what to do while the team has no reps', () => {
    const html = reportsBodyHtml('team', progressReport('team', { ...empty, reps: [] }, now), []);
    expect(html).toContain('No reps in the team yet');
    expect(html).toContain('href="/teams/team#invite-title"');
  });
});
