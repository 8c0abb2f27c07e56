/** The promise rules (DESIGN.md, "Promise states"): what each outcome is worth, the grace period, balances, rates and the streak. */

import { formatSigned } from '../platform/signed';

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
  /**
   * When a new due time was agreed before the old one (each costs the renegotiation weight at once, and
   * the promise stays open with its new due time). Older promises recorded "renegotiated" as their outcome.
   */
  renegotiatedAt?: readonly Date[];
}

/** An outcome recorded by mistake can be undone this long after it was recorded; later it is corrected, on the record. */
export const UNDO_WINDOW_MS = 15 * 60_000;

/** The outcomes a recorded one can be corrected to (a renegotiation is agreeing a new due time, not an outcome). */
export const CORRECTABLE_OUTCOMES = ['kept', 'late', 'broken'] as const satisfies readonly Outcome[];
export type CorrectableOutcome = (typeof CORRECTABLE_OUTCOMES)[number];

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

/**
 * The open promises among `promises`, soonest due first: the overdue ones (longest overdue first) on
 * top, then the next one due. The order a member works through them, as the promises list shows them.
 */
export function openBySoonestDue<T extends PromiseFacts>(promises: readonly T[]): T[] {
  return promises.filter((p) => p.outcome === null).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Why an outcome cannot be recorded now, or null when it can. */
export function outcomeProblem(
  p: PromiseFacts & { madeAt: Date },
  outcome: Outcome,
  now: Date,
): string | null {
  if (p.outcome !== null) return 'This promise already has an outcome.';
  if (outcome === 'renegotiated') {
    return 'Renegotiating means agreeing a new due time: use “Renegotiate” and give the new time.';
  }
  if (outcome === 'late' && now.getTime() < p.dueAt.getTime()) {
    return 'This promise is not due yet, so it cannot be kept late. Record it as kept on time.';
  }
  return null;
}

/** Why a promise cannot be moved to `newDueAt` now, or null when it can. */
export function renegotiationProblem(p: PromiseFacts, newDueAt: Date, now: Date): string | null {
  if (p.outcome !== null) return 'This promise already has an outcome, so its due time cannot change.';
  if (now.getTime() >= p.dueAt.getTime()) {
    return 'A renegotiation counts only before the due time, and this one has passed. Record it as kept late or broken.';
  }
  if (newDueAt.getTime() <= now.getTime()) {
    return 'The new due time is in the past. Give the time you agreed, later than now.';
  }
  if (newDueAt.getTime() === p.dueAt.getTime()) {
    return 'That is the due time it already has. Give the new time you agreed.';
  }
  return null;
}

/** Why the outcome recorded for a promise cannot be undone now, or null when it can. */
export function undoProblem(p: PromiseFacts, now: Date): string | null {
  if (p.outcome === null || p.resolvedAt === null) return 'This promise has no recorded outcome to undo.';
  if (now.getTime() - p.resolvedAt.getTime() > UNDO_WINDOW_MS) {
    return 'An outcome can be undone only in the first 15 minutes. Correct it from the customer’s page instead; the ledger shows the correction.';
  }
  return null;
}

/** Why the recorded outcome of a promise cannot be corrected to `to`, or null when it can. */
export function correctionProblem(p: PromiseFacts, to: Outcome): string | null {
  if (p.outcome === null || p.resolvedAt === null) {
    return 'This promise is still open: record what happened instead.';
  }
  if (to === 'renegotiated') {
    return 'Renegotiating means agreeing a new due time; choose kept on time, kept late or broken.';
  }
  if (to === 'late' && p.resolvedAt.getTime() < p.dueAt.getTime()) {
    return 'It was settled before it was due, so it cannot have been kept late.';
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
  /** A renegotiation (the promise stayed open with a new due time), or the promise's outcome. */
  kind: 'renegotiation' | 'outcome';
  /** Points this moved the balance. */
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
  const moves: { promise: T; settled: Settled; kind: LedgerEntry<T>['kind'] }[] = [];
  for (const promise of promises) {
    for (const at of promise.renegotiatedAt ?? []) {
      moves.push({
        promise,
        settled: { outcome: 'renegotiated', automatic: false, at },
        kind: 'renegotiation',
      });
    }
    const settled = settle(promise, now);
    if (settled) moves.push({ promise, settled, kind: 'outcome' });
  }
  moves.sort((a, b) => a.settled.at.getTime() - b.settled.at.getTime());
  let balance = startingBalance;
  return moves.map((e) => {
    const change = WEIGHTS[e.settled.outcome];
    balance += change;
    return { ...e, change, balance };
  });
}

/**
 * When a change happened for the customer, which is not always when the member recorded it:
 * - kept on time: when it was recorded, or at the latest the due time (on time means by then; recording
 *   it the next morning doesn't make it later);
 * - kept late: when it was recorded (after the due time: the best we know of when it was delivered);
 * - broken: at the due time, when the customer saw it missed (recorded later, or counted by the grace
 *   rule a day after), or when it was recorded if that was earlier (the member called it off before);
 * - a renegotiation: when the new time was agreed.
 */
export function effectiveAt(p: PromiseFacts, settled: Settled): Date {
  if (settled.outcome === 'renegotiated' || settled.outcome === 'late') return settled.at;
  const recorded = settled.automatic ? p.dueAt : (p.resolvedAt ?? p.dueAt);
  return new Date(Math.min(recorded.getTime(), p.dueAt.getTime()));
}

export interface HistoryEntry<T extends PromiseFacts> extends LedgerEntry<T> {
  /** When it happened for the customer (`effectiveAt`), which orders the history. */
  happenedAt: Date;
}

/**
 * A customer's deposits and withdrawals in the order they happened for the customer (`effectiveAt`),
 * with the running balance in that order: what the customer's page lists and charts.
 */
export function historyEntries<T extends PromiseFacts>(
  startingBalance: number,
  promises: readonly T[],
  now: Date,
): HistoryEntry<T>[] {
  const sorted = ledgerEntries(startingBalance, promises, now)
    .map((e) => ({ ...e, happenedAt: effectiveAt(e.promise, e.settled) }))
    .sort((a, b) => a.happenedAt.getTime() - b.happenedAt.getTime());
  let balance = startingBalance;
  return sorted.map((e) => {
    balance += e.change;
    return { ...e, balance };
  });
}

/**
 * A customer's balance over time for the chart: the starting point, then one point per change placed
 * when it happened (`historyEntries`). The starting point is when the customer was added, or the first
 * change if that was earlier (promises entered after the fact).
 */
export function balanceSeries(
  startingBalance: number,
  startedAt: Date,
  promises: readonly PromiseFacts[],
  now: Date,
): BalancePoint[] {
  const history = historyEntries(startingBalance, promises, now);
  const first = history[0]?.happenedAt.getTime() ?? startedAt.getTime();
  return [
    { at: new Date(Math.min(startedAt.getTime(), first)), balance: startingBalance, change: null },
    ...history.map((e) => ({ at: e.happenedAt, balance: e.balance, change: e.change })),
  ];
}

/** The balance now: the last point of the series. */
export function balanceOf(startingBalance: number, promises: readonly PromiseFacts[], now: Date): number {
  let balance = startingBalance;
  for (const p of promises) {
    const s = settle(p, now);
    if (s) balance += WEIGHTS[s.outcome];
    balance += WEIGHTS.renegotiated * (p.renegotiatedAt?.length ?? 0);
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

/**
 * Kept-on-time rate and streak over any set of promises (one customer's, or all of a member's). A promise
 * counts by its outcome; kept by a due time agreed in a renegotiation is kept on time (the renegotiation
 * costs balance points, not the rate: moving a date honestly before it passes is what the course teaches).
 */
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
  return formatSigned(points);
}
