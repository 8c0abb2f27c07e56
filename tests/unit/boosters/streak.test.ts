import { describe, expect, it } from 'vitest';
import { boosterStreak, isWeekend, type StreakInput } from '../../../src/lib/boosters/streak';

// December 2026: Mon 7, Tue 8, Wed 9, Thu 10, Fri 11, Sat 12, Sun 13, Mon 14.
const on = (day: string, dueDay = day) => ({ day, dueDay });

describe('the booster streak', () => {
  it('knows the weekend', () => {
    expect(['2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14'].map(isWeekend)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('counts days in a row with an answer, and is 0 without any', () => {
    const answers = [on('2026-12-07'), on('2026-12-08'), on('2026-12-09')];
    expect(boosterStreak({ today: '2026-12-09', answers, earliestOpenDueDay: null })).toBe(3);
    expect(boosterStreak({ today: '2026-12-09', answers: [], earliestOpenDueDay: '2026-12-01' })).toBe(0);
  });

  it('forgives a missed weekend, even with boosters waiting', () => {
    const answers = [on('2026-12-10'), on('2026-12-11'), on('2026-12-14', '2026-12-12')];
    expect(boosterStreak({ today: '2026-12-14', answers, earliestOpenDueDay: null })).toBe(3);
  });

  it('is broken by a weekday on which a booster waited unanswered', () => {
    const answers = [on('2026-12-07'), on('2026-12-09', '2026-12-08')];
    expect(boosterStreak({ today: '2026-12-09', answers, earliestOpenDueDay: null })).toBe(1);
  });

  it('is broken by a booster still waiting since an earlier weekday', () => {
    const answers = [on('2026-12-07')];
    expect(boosterStreak({ today: '2026-12-10', answers, earliestOpenDueDay: '2026-12-08' })).toBe(0);
  });

  it('is not broken by a weekday with nothing due', () => {
    const answers = [on('2026-12-07'), on('2026-12-09')];
    expect(boosterStreak({ today: '2026-12-09', answers, earliestOpenDueDay: '2026-12-11' })).toBe(2);
  });

  it('is not broken by today before it is over', () => {
    const answers = [on('2026-12-07'), on('2026-12-08')];
    expect(boosterStreak({ today: '2026-12-09', answers, earliestOpenDueDay: '2026-12-09' })).toBe(2);
  });

  it('agrees with the rule read literally, day by day, on 2,000 generated histories', () => {
    // The rule as the module header states it, checked one day at a time with a scan of every answer.
    const literal = (input: StreakInput): number => {
      if (input.answers.length === 0) return 0;
      const answered = new Set(input.answers.map((a) => a.day));
      const first = input.answers.map((a) => a.day).sort()[0] ?? input.today;
      let streak = 0;
      for (
        let ms = Date.parse(`${input.today}T00:00:00Z`);
        ms >= Date.parse(`${first}T00:00:00Z`);
        ms -= 86_400_000
      ) {
        const day = new Date(ms).toISOString().slice(0, 10);
        const waiting =
          (input.earliestOpenDueDay !== null && input.earliestOpenDueDay <= day) ||
          input.answers.some((a) => a.day > day && a.dueDay <= day);
        if (answered.has(day)) streak += 1;
        else if (day !== input.today && !isWeekend(day) && waiting) break;
      }
      return streak;
    };
    // A fixed seed: the same histories on every run.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const dayOf = (offset: number): string =>
      new Date(Date.UTC(2026, 11, 31) - offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 2000; i++) {
      const answers = Array.from({ length: random(40) }, () => {
        const day = random(60);
        return { day: dayOf(day), dueDay: dayOf(day + random(5)) };
      });
      const input: StreakInput = {
        today: dayOf(0),
        answers,
        earliestOpenDueDay: random(3) === 0 ? null : dayOf(random(60)),
      };
      expect(boosterStreak(input)).toBe(literal(input));
    }
  });
});
