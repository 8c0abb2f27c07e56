/**
 * The manager's reports, shaped from the facts the server reads: progress per rep and module, assignment
 * status per rep, assessment, survey and kept-on-time results, quiz answers per question. Pure; every
 * decision of who may be seen goes through `privacy.ts` (rules 3–7), so the page, the CSV files and the
 * weekly summary show the same things.
 */
import { type Dependability, dependability, type PromiseFacts } from '../ledger/rules';
import { type Answers, allowsSeveral, scoreQuestion } from '../quiz/grading';
import type { QuestionType } from '../quiz/schema';
import {
  aggregateVisible,
  individualResultsVisible,
  keptRateVisible,
  quizBreakdownVisible,
  reportedOn,
} from './privacy';

/** A rep as the reports know them; `teamId` and `role` are their membership now. */
export interface RepFacts {
  userId: string;
  displayName: string;
  email: string;
  teamId: string;
  role: 'owner' | 'manager' | 'member';
  joinedAt: Date;
  sharesAssessment: boolean;
  sharesKeptRate: boolean;
}

/** A module's column: how many lessons it has and how many of them have a quiz. */
export interface ModuleColumn {
  id: string;
  title: string;
  lessons: number;
  quizzes: number;
}

export interface ModuleCount {
  userId: string;
  module: string;
  read: number;
  passed: number;
}

export interface RepProgress {
  rep: RepFacts;
  /** By module id, in the columns' order; zeros where nothing was done. */
  modules: { read: number; passed: number }[];
  conversationsPassed: number;
  /** The trust index of their latest self-assessment, only if they share it (rule 4). */
  trustIndex: number | null;
  /** Their customers' overall rating, 0–100, from their latest round with enough answers, only if shared. */
  customerScore: number | null;
  /** Their kept-on-time rate, only if they opted in (rule 5); null too before anything has counted. */
  keptRate: Dependability | null;
  /** The rep shares results, so the cells above say "not yet" rather than "not shared". */
  sharesAssessment: boolean;
  sharesKeptRate: boolean;
}

/** A team average, or why there is none: fewer than three reps have a result. */
export interface TeamAggregate {
  /** Reps with a result. */
  reps: number;
  /** The mean, one decimal, or null while hidden (under `MIN_AGGREGATE_GROUP`). */
  mean: number | null;
}

export interface ProgressReport {
  columns: ModuleColumn[];
  conversations: number;
  reps: RepProgress[];
  assessment: TeamAggregate;
  survey: TeamAggregate;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function teamAggregate(values: readonly number[]): TeamAggregate {
  return {
    reps: values.length,
    mean: aggregateVisible(values.length) ? round1(values.reduce((s, v) => s + v, 0) / values.length) : null,
  };
}

/** Rule 3 and 7: the reps a report may name — current members of this team with the role member. */
export function reportedReps(teamId: string, reps: readonly RepFacts[]): RepFacts[] {
  return reps.filter((r) => reportedOn(teamId, { membership: { teamId: r.teamId, role: r.role } }));
}

export function progressReport(
  teamId: string,
  input: {
    columns: ModuleColumn[];
    conversations: number;
    reps: readonly RepFacts[];
    progress: readonly ModuleCount[];
    conversationsPassed: ReadonlyMap<string, number>;
    /** The latest trust index per rep who has taken the assessment. */
    assessments: ReadonlyMap<string, number>;
    /** Each rep's customer rating (0–100) from their latest survey round that has enough answers. */
    surveys: ReadonlyMap<string, number>;
    /** Promises of the reps who opted in to sharing the kept-on-time rate (anyone else's are ignored). */
    promises: ReadonlyMap<string, readonly PromiseFacts[]>;
  },
  now: Date,
): ProgressReport {
  const reps = reportedReps(teamId, input.reps);
  const counts = new Map<string, Map<string, ModuleCount>>();
  for (const row of input.progress) {
    const byModule = counts.get(row.userId) ?? new Map<string, ModuleCount>();
    byModule.set(row.module, row);
    counts.set(row.userId, byModule);
  }
  const seen = new Set(reps.map((r) => r.userId));
  const has = (map: ReadonlyMap<string, number>) =>
    [...map].filter(([userId]) => seen.has(userId)).map(([, v]) => v);
  return {
    columns: input.columns,
    conversations: input.conversations,
    reps: reps.map((rep) => {
      const mine = counts.get(rep.userId);
      const promises = input.promises.get(rep.userId);
      const shared = individualResultsVisible(rep);
      return {
        rep,
        modules: input.columns.map((c) => {
          const n = mine?.get(c.id);
          return { read: n?.read ?? 0, passed: n?.passed ?? 0 };
        }),
        conversationsPassed: input.conversationsPassed.get(rep.userId) ?? 0,
        trustIndex: shared ? (input.assessments.get(rep.userId) ?? null) : null,
        customerScore: shared ? (input.surveys.get(rep.userId) ?? null) : null,
        keptRate: keptRateVisible(rep) && promises ? dependability(promises, now) : null,
        sharesAssessment: shared,
        sharesKeptRate: keptRateVisible(rep),
      };
    }),
    assessment: teamAggregate(has(input.assessments)),
    survey: teamAggregate(has(input.surveys)),
  };
}

export type RepAssignmentStatus = 'done' | 'in-progress' | 'not-started' | 'overdue';

/** Done wins; past the due date anything unfinished is overdue; before it, started or not. */
export function repAssignmentStatus(
  facts: { done: boolean; started: boolean },
  dueAt: Date,
  now: Date,
): RepAssignmentStatus {
  if (facts.done) return 'done';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return facts.started ? 'in-progress' : 'not-started';
}

export const STATUS_LABELS: Record<RepAssignmentStatus, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-started': 'Not started',
  overdue: 'Overdue',
};

export interface AssignmentReport {
  id: string;
  title: string;
  href: string;
  dueAt: Date;
  counts: Record<RepAssignmentStatus, number>;
  /** Every reported rep with their status, overdue first, then not started, in progress, done. */
  reps: { rep: RepFacts; status: RepAssignmentStatus }[];
}

const STATUS_ORDER: RepAssignmentStatus[] = ['overdue', 'not-started', 'in-progress', 'done'];

export function assignmentReport(
  teamId: string,
  assignment: { id: string; title: string; href: string; dueAt: Date },
  reps: readonly RepFacts[],
  facts: { done: ReadonlySet<string>; started: ReadonlySet<string> },
  now: Date,
): AssignmentReport {
  const counts: Record<RepAssignmentStatus, number> = {
    done: 0,
    'in-progress': 0,
    'not-started': 0,
    overdue: 0,
  };
  const rows = reportedReps(teamId, reps).map((rep) => {
    const status = repAssignmentStatus(
      { done: facts.done.has(rep.userId), started: facts.started.has(rep.userId) },
      assignment.dueAt,
      now,
    );
    counts[status] += 1;
    return { rep, status };
  });
  rows.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  return { ...assignment, counts, reps: rows };
}

/** A quiz as the breakdown needs it: the course's own text (never a person's). */
export interface QuizContent {
  slug: string;
  title: string;
  questions: {
    id: string;
    type: QuestionType;
    prompt: string;
    /** Each option's explanation is the course's, shown to managers to coach from. */
    options: { id: string; text: string; correct: boolean; explanation: string }[];
  }[];
}

/** A rep's first attempt at a quiz: what they believed before the quiz's feedback told them. */
export interface FirstAttempt {
  userId: string;
  lesson: string;
  answers: Answers;
}

export interface QuizBreakdown {
  slug: string;
  title: string;
  /** Reps who have answered this quiz. */
  reps: number;
  /** Null while fewer than `MIN_AGGREGATE_GROUP` reps have answered it (rule 6). */
  questions:
    | {
        id: string;
        prompt: string;
        /** "Select all that apply": shares then add up to more than 100%. */
        several: boolean;
        /** The share of reps who answered it fully right, 0–100. */
        rightShare: number;
        options: { id: string; text: string; correct: boolean; explanation: string; share: number }[];
      }[]
    | null;
}

const percent = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 100));

/**
 * Per quiz and question, the share of the team's reps who chose each option in their first attempt,
 * and who answered it fully right. Attempts of anyone the report may not name are ignored (rule 3).
 */
export function quizBreakdowns(
  teamId: string,
  quizzes: readonly QuizContent[],
  reps: readonly RepFacts[],
  attempts: readonly FirstAttempt[],
): QuizBreakdown[] {
  const allowed = new Set(reportedReps(teamId, reps).map((r) => r.userId));
  const byQuiz = new Map<string, Answers[]>();
  for (const a of attempts) {
    if (!allowed.has(a.userId)) continue;
    byQuiz.set(a.lesson, [...(byQuiz.get(a.lesson) ?? []), a.answers]);
  }
  return quizzes.map((quiz) => {
    const answers = byQuiz.get(quiz.slug) ?? [];
    const n = answers.length;
    return {
      slug: quiz.slug,
      title: quiz.title,
      reps: n,
      questions: quizBreakdownVisible(n)
        ? quiz.questions.map((q) => {
            const chosen = answers.map((a) => a[q.id] ?? []);
            return {
              id: q.id,
              prompt: q.prompt,
              several: allowsSeveral(q.type),
              rightShare: percent(chosen.filter((c) => scoreQuestion(q, c) === 1).length, n),
              options: q.options.map((o) => ({
                ...o,
                share: percent(chosen.filter((c) => c.includes(o.id)).length, n),
              })),
            };
          })
        : null,
    };
  });
}
