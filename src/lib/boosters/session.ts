/**
 * Today's booster session: of the boosters due today, how many the session still asks. The one rule
 * behind both the dashboard's "N boosters due today" and /review's "Booster 1 of N", so the two never
 * disagree. Pure.
 */

export interface SessionInput {
  /** Boosters due by the end of the member's day that can be asked (askableDue). */
  due: number;
  /** Answered today already. */
  answeredToday: number;
  /** The member's session size (booster settings). */
  sessionSize: number;
  /** Sessions more the member asked for today ("answer a few more now"). */
  extra: number;
}

export interface SessionPlan {
  /** Boosters the session still asks today: what the dashboard counts and /review shows one by one. */
  ask: number;
  /** The session's length as /review numbers it ("Booster 3 of 5"). */
  size: number;
  /** Due today beyond the session: kept for tomorrow, or asked in another session on request. */
  moreDue: number;
}

export function todaysSession({ due, answeredToday, sessionSize, extra }: SessionInput): SessionPlan {
  const limit = sessionSize * (1 + extra);
  const ask = Math.max(0, Math.min(limit - answeredToday, due));
  return {
    ask,
    size: Math.max(Math.min(limit, answeredToday + due), answeredToday + 1),
    moreDue: due - ask,
  };
}
