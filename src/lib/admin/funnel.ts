/** The admin's funnel: sign-up → assessment → trial → paid, people grouped by the ISO week they signed up. Pure. */
import { weekStart as startOfWeek, weekIndex } from '../progress/progress';

const DAY = 86_400_000;

/** The ISO 8601 week of a date (UTC), e.g. `2026-W48`; weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): string {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of the ISO week holding `date` (the weeks the learning streak counts, too). */
export function weekStart(date: Date): Date {
  return startOfWeek(weekIndex(date));
}

/** When a person reached each step; null for a step not reached. */
export interface Journey {
  signedUpAt: Date;
  assessedAt: Date | null;
  trialAt: Date | null;
  paidAt: Date | null;
}

export interface FunnelWeek {
  week: string;
  signedUp: number;
  assessed: number;
  trial: number;
  paid: number;
}

/**
 * One row per ISO week from the week of `from` to the week of `to`, empty weeks included: how many
 * signed up that week and how many of them have since reached each later step.
 */
export function funnelByWeek(journeys: readonly Journey[], from: Date, to: Date): FunnelWeek[] {
  const weeks = new Map<string, FunnelWeek>();
  for (let t = weekStart(from).getTime(); t <= to.getTime(); t += 7 * DAY) {
    const week = isoWeek(new Date(t));
    weeks.set(week, { week, signedUp: 0, assessed: 0, trial: 0, paid: 0 });
  }
  for (const j of journeys) {
    const row = weeks.get(isoWeek(j.signedUpAt));
    if (!row) continue;
    row.signedUp += 1;
    if (j.assessedAt) row.assessed += 1;
    if (j.trialAt) row.trial += 1;
    if (j.paidAt) row.paid += 1;
  }
  return [...weeks.values()];
}

/** The weeks added up: how many signed up over them, and how many of those reached each later step. */
export type FunnelTotals = Omit<FunnelWeek, 'week'> & { weeks: number };

export function funnelTotals(weeks: readonly FunnelWeek[]): FunnelTotals {
  const totals: FunnelTotals = { weeks: weeks.length, signedUp: 0, assessed: 0, trial: 0, paid: 0 };
  for (const w of weeks) {
    totals.signedUp += w.signedUp;
    totals.assessed += w.assessed;
    totals.trial += w.trial;
    totals.paid += w.paid;
  }
  return totals;
}

/** `part` of `whole` as a fraction, or null when there is nothing to divide (no one to count). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A rate as people read it: "42%", "—" when there is none. */
export function formatRate(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** The mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
