import { describe, expect, it } from 'vitest';
import { emailHtml } from '../../../src/lib/platform/email-layout';
import { isoWeek, summaryMessage, summaryWeekDue } from '../../../src/lib/teams/summary';

describe('when the weekly summary is due', () => {
  it('names ISO weeks, the year of a week being its Thursday’s', () => {
    expect(isoWeek(2027, 3, 1)).toBe('2027-W09');
    expect(isoWeek(2027, 3, 7)).toBe('2027-W09');
    expect(isoWeek(2026, 12, 28)).toBe('2026-W53');
    expect(isoWeek(2027, 1, 1)).toBe('2026-W53');
    expect(isoWeek(2027, 1, 4)).toBe('2027-W01');
  });
  it('is due from Monday 08:00 in the manager’s zone, and for the rest of that week', () => {
    expect(summaryWeekDue(new Date('2027-03-01T07:59:00Z'), 'UTC')).toBeNull();
    expect(summaryWeekDue(new Date('2027-03-01T08:00:00Z'), 'UTC')).toBe('2027-W09');
    expect(summaryWeekDue(new Date('2027-03-04T02:00:00Z'), 'UTC')).toBe('2027-W09');
    // 09:00 UTC is 04:00 in New York: not yet; 13:00 UTC is 08:00 there.
    expect(summaryWeekDue(new Date('2027-03-01T09:00:00Z'), 'America/New_York')).toBeNull();
    expect(summaryWeekDue(new Date('2027-03-01T13:00:00Z'), 'America/New_York')).toBe('2027-W09');
    // Sunday night in New York is still last week there.
    expect(summaryWeekDue(new Date('2027-03-01T03:00:00Z'), 'America/New_York')).toBe('2027-W08');
  });
});

describe('the weekly summary email', () => {
  const facts = {
    reps: 12,
    activeReps: 8,
    lessonsRead: 23,
    quizzesPassed: 1,
    assignments: [
      {
        title: 'Module: Truth',
        dueAt: new Date('2027-03-05T23:59:59.999Z'),
        counts: { done: 5, 'in-progress': 3, 'not-started': 2, overdue: 0 },
      },
    ],
    assessment: { reps: 2, mean: null },
  };
  const options = {
    now: new Date('2027-03-01T09:00:00Z'),
    reportsUrl: 'https://academy.example/teams/abc/reports',
    settingsUrl: 'https://academy.example/teams/abc#summary-title',
  };
  it('says the week in figures, with a button to the reports and how to turn it off', () => {
    const m = summaryMessage('maria@example.com', 'Maria', facts, options);
    expect(m.subject).toBe("Your team's week on Trust Academy: 8 of 12 reps active");
    expect(m.text).toContain('- 23 lessons read, 1 quiz passed');
    expect(m.text).toContain('- Module: Truth (due 5 March 2027): 5 done, 3 in progress, 2 not started');
    expect(m.text).toContain(options.settingsUrl);
    // Two reps with a result: no average (rule 4).
    expect(m.text).not.toContain('trust index');
    const html = emailHtml(m);
    expect(html).toContain(`href="${options.reportsUrl}"`);
    expect(html).toContain('See your team&#39;s progress');
  });
  it('shows the assessment average from three reps', () => {
    const m = summaryMessage(
      'maria@example.com',
      null,
      { ...facts, assessment: { reps: 3, mean: 64.3 } },
      options,
    );
    expect(m.text).toContain('Self-assessment: an average trust index of 64.3 across 3 reps');
  });
});
