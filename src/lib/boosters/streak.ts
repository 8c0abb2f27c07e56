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
/** Days since 1970-01-01 of a `YYYY-MM-DD`. */
const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
/** 1970-01-01 was a Thursday: day 0 is weekday 4 (Sunday 0). */
const weekdayOf = (dayNo: number): number => (((dayNo + 4) % 7) + 7) % 7;

export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(dayNumber(day));
  return weekday === 0 || weekday === 6;
}

/** How many days long the current streak is (0 when there is none). */
export function boosterStreak(input: StreakInput): number {
  return boosterStreakOfDays({
    today: dayNumber(input.today),
    answers: input.answers.map((a) => ({ day: dayNumber(a.day), dueDay: dayNumber(a.dueDay) })),
    earliestOpenDueDay: input.earliestOpenDueDay === null ? null : dayNumber(input.earliestOpenDueDay),
  });
}

/** What `boosterStreak` reads, with every day as a day number (days since 1970-01-01). */
export interface StreakDays {
  today: number;
  answers: readonly { day: number; dueDay: number }[];
  earliestOpenDueDay: number | null;
}

/**
 * `boosterStreak` on day numbers: the dashboard walks a year of daily answers on every request, and
 * works their local days out as numbers (`localDayNumber`) rather than as text.
 */
export function boosterStreakOfDays(input: StreakDays): number {
  if (input.answers.length === 0) return 0;
  // Per day answered, the earliest day any of its answers had been due since.
  const soonestDueOn = new Map<number, number>();
  for (const { day, dueDay: due } of input.answers) {
    const known = soonestDueOn.get(day);
    if (known === undefined || due < known) soonestDueOn.set(day, due);
  }
  const today = input.today;
  const first = Math.min(...soonestDueOn.keys());
  const earliestOpen = input.earliestOpenDueDay;
  // Walking back from today, `soonestDueAfter` is the earliest due day among the answers given after
  // the day looked at.
  let soonestDueAfter: number | null = null;
  for (const [day, due] of soonestDueOn) {
    if (day > today && (soonestDueAfter === null || due < soonestDueAfter)) soonestDueAfter = due;
  }
  let streak = 0;
  for (let day = today; day >= first; day -= 1) {
    const dueOfNextDay = soonestDueOn.get(day + 1);
    if (dueOfNextDay !== undefined && (soonestDueAfter === null || dueOfNextDay < soonestDueAfter)) {
      soonestDueAfter = dueOfNextDay;
    }
    if (soonestDueOn.has(day)) {
      streak += 1;
      continue;
    }
    const weekday = weekdayOf(day);
    if (day === today || weekday === 0 || weekday === 6) continue;
    const waiting =
      (earliestOpen !== null && earliestOpen <= day) || (soonestDueAfter !== null && soonestDueAfter <= day);
    if (waiting) break;
  }
  return streak;
}
