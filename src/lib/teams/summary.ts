/**
 * The weekly summary email to a team's owner and managers: when it is due (from Monday morning in their
 * time zone, once per ISO week) and what it says. Pure. It carries figures and the course's own titles
 * only — no rep's name and not the team's name (nothing a person typed goes into team emails), so a
 * forwarded summary names nobody; the button leads to the reports, behind the privacy rules.
 */

import { localTime } from '../ledger/time';
import { formatLongDate } from '../platform/dates';
import type { EmailMessage } from '../platform/email';
import { composeEmail } from '../platform/email-layout';
import { aggregateVisible } from './privacy';
import type { RepAssignmentStatus } from './reports';

/** The summary goes out from this local hour on Monday (or later in the week, if the server was down). */
export const SUMMARY_HOUR = 8;
export const WEEK_MS = 7 * 86_400_000;

/** The ISO week (`2027-W09`) of a local calendar date. */
export function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the week's year (ISO 8601).
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The week whose summary is due at `now` in `timeZone`, or null before Monday's `SUMMARY_HOUR`. */
export function summaryWeekDue(now: Date, timeZone: string): string | null {
  const t = localTime(now, timeZone);
  const weekday = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
  if (weekday === 1 && t.hour < SUMMARY_HOUR) return null;
  return isoWeek(t.year, t.month, t.day);
}

export interface SummaryFacts {
  reps: number;
  /** Reps who opened a lesson in the last seven days. */
  activeReps: number;
  lessonsRead: number;
  quizzesPassed: number;
  assignments: { title: string; dueAt: Date; counts: Record<RepAssignmentStatus, number> }[];
  /** Reps with a self-assessment result, and their mean trust index (shown from three on). */
  assessment: { reps: number; mean: number | null };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryMessage(
  to: string,
  name: string | null,
  facts: SummaryFacts,
  options: { now: Date; reportsUrl: string; settingsUrl: string },
): EmailMessage {
  const from = formatLongDate(new Date(options.now.getTime() - WEEK_MS));
  const assignments = facts.assignments.map((a) => {
    const c = a.counts;
    const parts = [
      `${c.done} done`,
      c['in-progress'] > 0 ? `${c['in-progress']} in progress` : '',
      c['not-started'] > 0 ? `${c['not-started']} not started` : '',
      c.overdue > 0 ? `${c.overdue} overdue` : '',
    ].filter(Boolean);
    return `${a.title} (due ${formatLongDate(a.dueAt)}): ${parts.join(', ')}`;
  });
  const results = aggregateVisible(facts.assessment.reps)
    ? [
        {
          heading: 'Team results',
          items: [
            `Self-assessment: an average trust index of ${facts.assessment.mean} across ${plural(facts.assessment.reps, 'rep')}`,
          ],
        },
      ]
    : [];
  return composeEmail({
    to,
    name,
    subject: `Your team's week on Trust Academy: ${facts.activeReps} of ${plural(facts.reps, 'rep')} active`,
    body: [
      `Here is your team's week on Trust Academy, since ${from}.`,
      {
        heading: 'The last seven days',
        items: [
          `${facts.activeReps} of ${plural(facts.reps, 'rep')} opened a lesson`,
          `${plural(facts.lessonsRead, 'lesson')} read, ${plural(facts.quizzesPassed, 'quiz', 'quizzes')} passed`,
        ],
      },
      ...(assignments.length > 0 ? [{ heading: 'Assignments', items: assignments }] : []),
      ...results,
    ],
    action: { label: "See your team's progress", url: options.reportsUrl },
    after: [
      `You get this summary every Monday as an owner or manager of a team. Turn it off on your team's page: ${options.settingsUrl}`,
    ],
  });
}
