import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  balanceSeries,
  correctionProblem,
  dependability,
  effectiveAt,
  GRACE_MS,
  historyEntries,
  isOverdue,
  ledgerEntries,
  type Outcome,
  openBySoonestDue,
  outcomeProblem,
  type PromiseFacts,
  renegotiationProblem,
  settle,
  UNDO_WINDOW_MS,
  undoProblem,
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

  describe('each change sits when it happened, not when it was recorded', () => {
    const grace = GRACE_MS / HOUR;
    it.each([
      ['kept on time, recorded before the due time: when recorded', promise(-10, 'kept', -12), -12],
      ['kept on time, recorded the morning after: the due time', promise(-20, 'kept', -8), -20],
      ['kept late: when recorded, after the due time', promise(-20, 'late', -8), -8],
      ['broken, recorded days later: the due time', promise(-72, 'broken', -2), -72],
      ['broken, called off before the due time: when recorded', promise(-10, 'broken', -30), -30],
      ['left open past the grace period: the due time, not a day later', promise(-grace - 5), -grace - 5],
    ] as const)('%s', (_name, p, hours) => {
      const [entry] = ledgerEntries(0, [p], now);
      if (!entry) throw new Error('not settled');
      expect(effectiveAt(entry.promise, entry.settled)).toEqual(at(hours));
    });

    it('a renegotiation when it was agreed', () => {
      const p = { ...promise(10), renegotiatedAt: [at(-3)] };
      const [entry] = ledgerEntries(0, [p], now);
      if (!entry) throw new Error('no renegotiation');
      expect(effectiveAt(entry.promise, entry.settled)).toEqual(at(-3));
    });

    it('orders the series by when things happened, and the balance runs in that order', () => {
      // Recorded in the order broken (-10 h), kept (-5 h); but the kept one was due, and kept, first.
      const broken = promise(-40, 'broken', -10);
      const kept = promise(-60, 'kept', -5);
      const series = balanceSeries(0, at(-100), [broken, kept], now);
      expect(series.map((p) => [p.at, p.balance, p.change])).toEqual([
        [at(-100), 0, null],
        [at(-60), 10, 10],
        [at(-40), -10, -20],
      ]);
    });

    it('the history lists the same order and running balances as the chart, with when each was recorded', () => {
      const broken = { ...promise(-40, 'broken', -10), id: 'broken' };
      const kept = { ...promise(-60, 'kept', -5), id: 'kept' };
      const history = historyEntries(0, [broken, kept], now);
      expect(history.map((e) => [e.promise.id, e.happenedAt, e.settled.at, e.balance])).toEqual([
        ['kept', at(-60), at(-5), 10],
        ['broken', at(-40), at(-10), -10],
      ]);
      const series = balanceSeries(0, at(-100), [broken, kept], now);
      expect(series.slice(1).map((p) => p.balance)).toEqual(history.map((e) => e.balance));
    });

    it('starts at the first change when promises were entered after the fact', () => {
      const series = balanceSeries(-20, at(-1), [promise(-48, 'kept', -2)], now);
      expect(series.map((p) => [p.at, p.balance])).toEqual([
        [at(-48), -20],
        [at(-48), -10],
      ]);
    });
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

  it('renegotiating is not an outcome: it agrees a new due time, only before the current one', () => {
    expect(outcomeProblem(open(2), 'renegotiated', now)).toMatch(/new due time/);
    expect(renegotiationProblem(promise(2), at(26), now)).toBeNull();
    expect(renegotiationProblem(promise(-1), at(26), now)).toMatch(/only before the due time/);
    expect(renegotiationProblem(promise(2), at(-1), now)).toMatch(/in the past/);
    expect(renegotiationProblem(promise(2), now, now)).toMatch(/in the past/);
    expect(renegotiationProblem(promise(2), at(2), now)).toMatch(/already has/);
    expect(renegotiationProblem(promise(-5, 'kept'), at(26), now)).toMatch(/already has an outcome/);
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

describe('renegotiations, undos and corrections', () => {
  it('a renegotiation costs its weight when it is agreed; the promise then counts by its outcome', () => {
    const moved: PromiseFacts = { dueAt: at(20), outcome: null, resolvedAt: null, renegotiatedAt: [at(-3)] };
    expect(balanceOf(0, [moved], now)).toBe(WEIGHTS.renegotiated);
    const entries = ledgerEntries(-20, [moved], now);
    expect(entries.map((e) => [e.kind, e.change, e.balance])).toEqual([['renegotiation', -2, -22]]);
    const kept: PromiseFacts = { ...moved, outcome: 'kept', resolvedAt: at(-1) };
    expect(balanceOf(0, [kept], now)).toBe(WEIGHTS.renegotiated + WEIGHTS.kept);
    expect(ledgerEntries(0, [kept], now).map((e) => [e.kind, e.balance])).toEqual([
      ['renegotiation', -2],
      ['outcome', 8],
    ]);
    // Kept by the agreed time is kept on time: the renegotiation costs points, not the rate.
    expect(dependability([kept], now)).toMatchObject({ settled: 1, keptOnTime: 1, rate: 1, streak: 1 });
    // Forgotten past the new due time, it counts as broken at the new due time plus the grace period.
    const forgotten: PromiseFacts = { ...moved, dueAt: at(-30) };
    expect(balanceOf(0, [forgotten], now)).toBe(WEIGHTS.renegotiated + WEIGHTS.broken);
  });

  it('an outcome can be undone only right after it was recorded', () => {
    const recorded = (minutesAgo: number): PromiseFacts => ({
      dueAt: at(-2),
      outcome: 'broken',
      resolvedAt: new Date(now.getTime() - minutesAgo * 60_000),
    });
    expect(undoProblem(recorded(1), now)).toBeNull();
    expect(undoProblem(recorded(UNDO_WINDOW_MS / 60_000), now)).toBeNull();
    expect(undoProblem(recorded(UNDO_WINDOW_MS / 60_000 + 1), now)).toMatch(/Correct it/);
    expect(undoProblem(promise(-2), now)).toMatch(/no recorded outcome/);
  });

  it('a correction changes a recorded outcome to what really happened, never to a renegotiation', () => {
    expect(correctionProblem(promise(-2, 'broken', -1), 'kept')).toBeNull();
    expect(correctionProblem(promise(-2, 'broken', -1), 'late')).toBeNull();
    expect(correctionProblem(promise(2, 'kept', 1), 'late')).toMatch(/before it was due/);
    expect(correctionProblem(promise(-2, 'broken', -1), 'renegotiated')).toMatch(/new due time/);
    expect(correctionProblem(promise(-2), 'kept')).toMatch(/still open/);
  });
});

describe('open promises in the order to work through them', () => {
  it('puts the longest overdue on top, then the next due, and leaves settled ones out', () => {
    const later = { ...promise(48), name: 'in two days' };
    const overdue = { ...promise(-5), name: 'overdue five hours' };
    const settled = { ...promise(-10, 'kept'), name: 'kept' };
    const soon = { ...promise(2), name: 'in two hours' };
    const longOverdue = { ...promise(-30), name: 'overdue thirty hours' };
    expect(openBySoonestDue([later, overdue, settled, soon, longOverdue]).map((p) => p.name)).toEqual([
      'overdue thirty hours',
      'overdue five hours',
      'in two hours',
      'in two days',
    ]);
  });
});
