/**
 * The manager's CSV files, from the same reports the pages show (so the same privacy rules): progress
 * per rep and module, each rep's status per assignment, the quiz answers per question. Times are in the
 * manager's time zone; `toCsv` neutralises anything a spreadsheet would run as a formula.
 */
import { type Cell, toCsv } from '../csv';
import { toLocalInput } from '../ledger/time';
import type { AssignmentReport, ProgressReport, QuizBreakdown } from './reports';
import { STATUS_LABELS } from './reports';

const local = (date: Date, timeZone: string) => toLocalInput(date, timeZone).replace('T', ' ');
const NOT_SHARED = 'not shared';

export function progressCsv(report: ProgressReport, timeZone: string): string {
  const header = [
    'rep',
    'email',
    `joined (${timeZone})`,
    ...report.columns.flatMap((c) => [
      `${c.title}: lessons read (of ${c.lessons})`,
      `${c.title}: quizzes passed (of ${c.quizzes})`,
    ]),
    `conversations passed (of ${report.conversations})`,
    'trust index',
    "customers' rating",
    'kept on time',
  ];
  const rows = report.reps.map((r): Cell[] => [
    r.rep.displayName,
    r.rep.email,
    local(r.rep.joinedAt, timeZone),
    ...r.modules.flatMap((m) => [m.read, m.passed]),
    r.conversationsPassed,
    r.sharesAssessment ? (r.trustIndex === null ? '' : Math.round(r.trustIndex)) : NOT_SHARED,
    r.sharesAssessment ? (r.customerScore === null ? '' : Math.round(r.customerScore)) : NOT_SHARED,
    r.sharesKeptRate
      ? r.keptRate?.rate === null || r.keptRate === null
        ? ''
        : `${Math.round(r.keptRate.rate * 100)}%`
      : NOT_SHARED,
  ]);
  return toCsv(header, rows);
}

export function assignmentsCsv(assignments: readonly AssignmentReport[]): string {
  return toCsv(
    ['assignment', 'due by the end of (UTC)', 'rep', 'email', 'status'],
    assignments.flatMap((a) =>
      a.reps.map((r): Cell[] => [
        a.title,
        a.dueAt.toISOString().slice(0, 10),
        r.rep.displayName,
        r.rep.email,
        STATUS_LABELS[r.status].toLowerCase(),
      ]),
    ),
  );
}

export function quizzesCsv(breakdowns: readonly QuizBreakdown[]): string {
  return toCsv(
    ['lesson', 'reps answered', 'question', 'answered right (%)', 'option', 'right option', 'chosen by (%)'],
    breakdowns.flatMap((quiz) =>
      (quiz.questions ?? []).flatMap((q) =>
        q.options.map((o): Cell[] => [
          quiz.title,
          quiz.reps,
          q.prompt,
          q.rightShare,
          o.text,
          o.correct ? 'yes' : 'no',
          o.share,
        ]),
      ),
    ),
  );
}
