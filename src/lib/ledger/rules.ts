/** The promise rules (DESIGN.md, "Promise states"): what each outcome is worth, the grace period, balances, rates and the streak. */

export const OUTCOMES = ['kept', 'late', 'renegotiated', 'broken'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const CHANNELS = ['call', 'email', 'meeting'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Points each outcome moves a customer's balance. Trust is lost faster than it is won: a broken promise
 * costs twice what a kept one earns; an honest renegotiation before the due date costs a little; a
 * promise kept late still earns something, but much less than one kept on time.
 */
export const WEIGHTS: Readonly<Record<Outcome, number>> = Object.freeze({
  kept: 10,
  late: 3,
  renegotiated: -2,
  broken: -20,
});

/** A promise still open this long after it was due counts as broken (the member may have forgotten to record it). */
export const GRACE_MS = 24 * 3_600_000;

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = Object.freeze({
  kept: 'Kept on time',
  late: 'Kept late',
  renegotiated: 'Renegotiated before it was due',
  broken: 'Broken',
});

/** Starting balances offered for "how burned were they before us". */
export const STARTING_BALANCES = [
  { value: 0, label: 'Not burned: starts at 0' },
  { value: -20, label: 'A little wary: starts at −20' },
  { value: -50, label: 'Burned by a previous vendor: starts at −50' },
  { value: -100, label: 'Badly burned: starts at −100' },
] as const;
/** The range a starting balance may take (an import may carry any whole number in it; a referral may lend some trust). */
export const STARTING_BALANCE_RANGE = { min: -100, max: 100 } as const;

export interface PromiseFacts {
  dueAt: Date;
  outcome: Outcome | null;
  resolvedAt: Date | null;
}

/** A promise as it counts: its outcome (an open one past the grace period counts as broken) and when that happened. */
export interface Settled {
  outcome: Outcome;
  /** Recorded by the member, or counted as broken by the grace rule. */
  automatic: boolean;
  at: Date;
}

/** How a promise counts at `now`; null while it is open and not yet past its grace period. */
export function settle(p: PromiseFacts, now: Date): Settled | null {
  if (p.outcome !== null) return { outcome: p.outcome, automatic: false, at: p.resolvedAt ?? p.dueAt };
  const brokenAt = p.dueAt.getTime() + GRACE_MS;
  if (now.getTime() >= brokenAt) return { outcome: 'broken', automatic: true, at: new Date(brokenAt) };
  return null;
}

/** Whether an open promise is past its due time (shown as overdue; it counts as broken only after the grace period). */
export function isOverdue(p: PromiseFacts, now: Date): boolean {
  return p.outcome === null && p.dueAt.getTime() < now.getTime();
}

/** Why an outcome cannot be recorded now, or null when it can. */
export function outcomeProblem(
  p: PromiseFacts & { madeAt: Date },
  outcome: Outcome,
  now: Date,
): string | null {
  if (p.outcome !== null) return 'This promise already has an outcome.';
  if (outcome === 'renegotiated' && now.getTime() >= p.dueAt.getTime()) {
    return 'A renegotiation counts only before the due date; this one is past it. Record it as kept late or broken.';
  }
  if (outcome === 'late' && now.getTime() < p.dueAt.getTime()) {
    return 'This promise is not due yet, so it cannot be kept late. Record it as kept on time.';
  }
  return null;
}

export interface BalancePoint {
  at: Date;
  balance: number;
  /** What moved it; null for the starting point. */
  change: number | null;
}

export interface LedgerEntry<T extends PromiseFacts> {
  promise: T;
  settled: Settled;
  /** Points this promise moved the balance. */
  change: number;
  /** The balance after it. */
  balance: number;
}

/** A customer's deposits and withdrawals, oldest first, with the running balance. */
export function ledgerEntries<T extends PromiseFacts>(
  startingBalance: number,
  promises: readonly T[],
  now: Date,
): LedgerEntry<T>[] {
  const settled = promises
    .map((promise) => ({ promise, settled: settle(promise, now) }))
    .filter((e): e is { promise: T; settled: Settled } => e.settled !== null)
    .sort((a, b) => a.settled.at.getTime() - b.settled.at.getTime());
  let balance = startingBalance;
  return settled.map((e) => {
    const change = WEIGHTS[e.settled.outcome];
    balance += change;
    return { ...e, change, balance };
  });
}

/** A customer's balance over time: the starting point, then one point per settled promise, oldest first. */
export function balanceSeries(
  startingBalance: number,
  startedAt: Date,
  promises: readonly PromiseFacts[],
  now: Date,
): BalancePoint[] {
  return [
    { at: startedAt, balance: startingBalance, change: null },
    ...ledgerEntries(startingBalance, promises, now).map((e) => ({
      at: e.settled.at,
      balance: e.balance,
      change: e.change,
    })),
  ];
}

/** The balance now: the last point of the series. */
export function balanceOf(startingBalance: number, promises: readonly PromiseFacts[], now: Date): number {
  let balance = startingBalance;
  for (const p of promises) {
    const s = settle(p, now);
    if (s) balance += WEIGHTS[s.outcome];
  }
  return balance;
}

export interface Dependability {
  /** Promises that have counted (recorded, or broken by the grace rule). */
  settled: number;
  keptOnTime: number;
  /** keptOnTime / settled, 0–1; null before anything has counted. */
  rate: number | null;
  /** Promises kept on time in a row, counting back from the latest settled one. */
  streak: number;
}

/** Kept-on-time rate and streak over any set of promises (one customer's, or all of a member's). */
export function dependability(promises: readonly PromiseFacts[], now: Date): Dependability {
  const settled = promises
    .map((p) => settle(p, now))
    .filter((s): s is Settled => s !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keptOnTime = settled.filter((s) => s.outcome === 'kept').length;
  let streak = 0;
  for (const s of settled) {
    if (s.outcome !== 'kept') break;
    streak += 1;
  }
  return {
    settled: settled.length,
    keptOnTime,
    rate: settled.length === 0 ? null : keptOnTime / settled.length,
    streak,
  };
}

/** "83%", or an em dash before anything has counted. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** "+10", "−20", "0" (a real minus sign, as the page shows it). */
export function formatPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${Math.abs(points)}`;
  return '0';
}
