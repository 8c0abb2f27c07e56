/** The analytics tables as rows of cells, the same for the page and its CSV files. Pure. */
import type { Scale } from '../assessment/schema';
import type { Cell } from '../csv';
import type { FunnelWeek } from './funnel';
import { rate } from './funnel';
import { scaleLabel } from './labels';

export interface Table {
  header: string[];
  rows: Cell[][];
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);
const percent = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);

export interface LessonRow {
  slug: string;
  title: string;
  started: number;
  read: number;
  passed: number;
  averageScore: number | null;
}

export function lessonsTable(rows: readonly LessonRow[]): Table {
  return {
    header: ['lesson', 'title', 'started', 'read', 'passed_quiz', 'average_best_score'],
    rows: rows.map((r) => [r.slug, r.title, r.started, r.read, r.passed, round1(r.averageScore)]),
  };
}

export interface QuestionRow {
  lesson: string;
  questionId: string;
  prompt: string;
  answered: number;
  right: number;
}

export function questionsTable(rows: readonly QuestionRow[]): Table {
  return {
    header: ['lesson', 'question', 'prompt', 'attempts', 'answered_right', 'percent_right'],
    rows: rows.map((r) => [
      r.lesson,
      r.questionId,
      r.prompt,
      r.answered,
      r.right,
      percent(rate(r.right, r.answered)),
    ]),
  };
}

export interface ElementRow {
  scale: Scale | 'trust-index';
  /** Mean of everyone's first result. */
  average: number | null;
  people: number;
  /** Mean change from first to latest result, among people with two or more. */
  change: number | null;
  retook: number;
}

export function elementsTable(rows: readonly ElementRow[]): Table {
  return {
    header: ['scale', 'average_first_score', 'people', 'average_change_on_retake', 'people_who_retook'],
    rows: rows.map((r) => [scaleLabel(r.scale), round1(r.average), r.people, round1(r.change), r.retook]),
  };
}

export function funnelTableRows(weeks: readonly FunnelWeek[]): Table {
  return {
    header: ['week', 'signed_up', 'took_assessment', 'started_trial', 'paid', 'percent_paid'],
    rows: weeks.map((w) => [
      w.week,
      w.signedUp,
      w.assessed,
      w.trial,
      w.paid,
      percent(rate(w.paid, w.signedUp)),
    ]),
  };
}
