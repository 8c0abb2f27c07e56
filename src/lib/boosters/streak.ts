/**
 * The booster streak, in the learner's local days. Pure.
 *
 * The rule: the streak counts the days you answered at least one booster, in a run back from today.
 * A day without an answer breaks the run only when it is a weekday (Monday to Friday) on which boosters
 * were waiting for you (due by the end of that day and not yet answered). A missed Saturday or Sunday
 * never breaks it, nor does a day with nothing due; today never breaks it, since it isn't over.
 */

/** What the streak is computed from; every day is a local `YYYY-MM-DD`. */
export interface StreakInput {
  today: string;
  /** Each answer: the day it was given, and the day the item had been due since. */
  answers: readonly { day: string; dueDay: string }[];
  /** The earliest due day among items not answered since (null when none waits). */
  earliestOpenDueDay: string | null;
}

const DAY_MS = 86_400_000;
const toMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function isWeekend(day: string): boolean {
  const weekday = new Date(toMs(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** How many days long the current streak is (0 when there is none). */
export function boosterStreak(input: StreakInput): number {
  if (input.answers.length === 0) return 0;
  const answered = new Set(input.answers.map((a) => a.day));
  // Answers latest day first. Walking back from today, `soonestDueAfter` is the earliest due day among
  // the answers given after the day looked at: one pass, not a scan of every answer per day (a year of
  // daily answers is read on every dashboard).
  const byDay = [...input.answers].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  const first = byDay[byDay.length - 1]?.day ?? input.today;
  let next = 0;
  let soonestDueAfter: string | null = null;
  let streak = 0;
  for (let ms = toMs(input.today); ms >= toMs(first); ms -= DAY_MS) {
    const day = toDay(ms);
    for (; next < byDay.length && (byDay[next]?.day ?? '') > day; next += 1) {
      const due = byDay[next]?.dueDay ?? day;
      if (soonestDueAfter === null || due < soonestDueAfter) soonestDueAfter = due;
    }
    if (answered.has(day)) {
      streak += 1;
      continue;
    }
    if (day === input.today || isWeekend(day)) continue;
    const waiting =
      (input.earliestOpenDueDay !== null && input.earliestOpenDueDay <= day) ||
      (soonestDueAfter !== null && soonestDueAfter <= day);
    if (waiting) break;
  }
  return streak;
}
