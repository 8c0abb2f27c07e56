import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  balanceSeries,
  dependability,
  GRACE_MS,
  isOverdue,
  ledgerEntries,
  type Outcome,
  outcomeProblem,
  type PromiseFacts,
  settle,
  WEIGHTS,
} from '../../../src/lib/ledger/rules';

const HOUR = 3_600_000;
const now = new Date('2026-11-30T12:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

function promise(dueInHours: number, outcome: Outcome | null = null, resolvedInHours?: number): PromiseFacts {
  return {
    dueAt: at(dueInHours),
    outcome,
    resolvedAt: outcome === null ? null : at(resolvedInHours ?? dueInHours - 1),
  };
}

describe('what each outcome is worth', () => {
  it.each([
    ['kept on time', promise(-10, 'kept'), WEIGHTS.kept],
    ['kept late', promise(-10, 'late', -5), WEIGHTS.late],
    ['renegotiated before it was due', promise(10, 'renegotiated', -1), WEIGHTS.renegotiated],
    ['broken', promise(-10, 'broken'), WEIGHTS.broken],
    ['open, not yet due', promise(5), 0],
    ['open, past due but inside the grace period', promise(-(GRACE_MS / HOUR) + 1), 0],
    ['open, past the grace period: counts as broken', promise(-(GRACE_MS / HOUR) - 1), WEIGHTS.broken],
    ['open, exactly at the end of the grace period', promise(-(GRACE_MS / HOUR)), WEIGHTS.broken],
  ])('%s', (_name, p, points) => {
    expect(balanceOf(0, [p], now)).toBe(points);
  });

  it('a broken promise costs more than a kept one earns; a renegotiation costs little; late earns less than on time', () => {
    expect(-WEIGHTS.broken).toBeGreaterThan(WEIGHTS.kept);
    expect(WEIGHTS.renegotiated).toBeLessThan(0);
    expect(-WEIGHTS.renegotiated).toBeLessThan(WEIGHTS.kept);
    expect(WEIGHTS.late).toBeGreaterThan(0);
    expect(WEIGHTS.late).toBeLessThan(WEIGHTS.kept);
  });
});

describe('balances', () => {
  it.each([
    ['a fresh customer', 0, [], 0],
    ['a burned customer starts in the red', -50, [], -50],
    ['two kept promises from the red', -50, [promise(-30, 'kept'), promise(-5, 'kept')], -30],
    ['one broken undoes two kept', 0, [promise(-30, 'kept'), promise(-20, 'kept'), promise(-5, 'broken')], 0],
    ['a forgotten promise is a withdrawal', 10, [promise(-48)], 10 + WEIGHTS.broken],
  ] as const)('%s', (_name, start, promises, expected) => {
    expect(balanceOf(start, promises, now)).toBe(expected);
  });

  it('the series starts at the starting balance and moves once per settled promise, oldest first', () => {
    const started = at(-100);
    const series = balanceSeries(
      -20,
      started,
      [promise(-5, 'broken'), promise(-50, 'kept'), promise(10)],
      now,
    );
    expect(series.map((p) => [p.balance, p.change])).toEqual([
      [-20, null],
      [-10, 10],
      [-30, -20],
    ]);
    expect(series[0]?.at).toEqual(started);
  });

  it('ledger entries carry the promise, the change and the running balance', () => {
    const kept = { ...promise(-5, 'kept'), id: 'b' };
    const forgotten = { ...promise(-72), id: 'a' };
    const entries = ledgerEntries(0, [kept, forgotten], now);
    expect(entries.map((e) => [e.promise.id, e.settled.automatic, e.change, e.balance])).toEqual([
      ['a', true, WEIGHTS.broken, WEIGHTS.broken],
      ['b', false, WEIGHTS.kept, WEIGHTS.broken + WEIGHTS.kept],
    ]);
  });
});

describe('dependability: kept-on-time rate and streak', () => {
  it('has no rate before anything has counted', () => {
    expect(dependability([promise(5)], now)).toEqual({ settled: 0, keptOnTime: 0, rate: null, streak: 0 });
  });

  it.each([
    ['all kept', ['kept', 'kept', 'kept'], 1, 3],
    ['one late at the end ends the streak', ['kept', 'kept', 'late'], 2 / 3, 0],
    ['the streak counts back from the latest', ['broken', 'kept', 'kept'], 2 / 3, 2],
    ['a renegotiation is not kept on time', ['kept', 'renegotiated'], 1 / 2, 0],
  ] as const)('%s', (_name, outcomes, rate, streak) => {
    // Oldest first: each resolved an hour after the previous one.
    const promises = outcomes.map((o, i) => promise(-50 + i, o, -40 + i));
    const d = dependability(promises, now);
    expect(d.rate).toBeCloseTo(rate);
    expect(d.streak).toBe(streak);
    expect(d.settled).toBe(outcomes.length);
  });

  it('a promise left open past the grace period counts against the rate and ends the streak', () => {
    const d = dependability([promise(-100, 'kept', -101), promise(-30)], now);
    expect(d).toEqual({ settled: 2, keptOnTime: 1, rate: 0.5, streak: 0 });
  });
});

describe('recording an outcome', () => {
  const open = (dueIn: number) => ({ ...promise(dueIn), madeAt: at(-100) });

  it('renegotiating is only possible before the due time', () => {
    expect(outcomeProblem(open(2), 'renegotiated', now)).toBeNull();
    expect(outcomeProblem(open(-1), 'renegotiated', now)).toMatch(/before the due date/);
  });

  it('kept late only once it is due', () => {
    expect(outcomeProblem(open(2), 'late', now)).toMatch(/not due yet/);
    expect(outcomeProblem(open(-2), 'late', now)).toBeNull();
  });

  it('an outcome is recorded once', () => {
    expect(outcomeProblem({ ...promise(-2, 'kept'), madeAt: at(-100) }, 'broken', now)).toMatch(/already/);
  });

  it('overdue is past due and still open', () => {
    expect(isOverdue(promise(-1), now)).toBe(true);
    expect(isOverdue(promise(1), now)).toBe(false);
    expect(isOverdue(promise(-1, 'kept'), now)).toBe(false);
    expect(settle(promise(-1), now)).toBeNull();
  });
});
