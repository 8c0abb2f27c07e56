import { describe, expect, it } from 'vitest';
import { boosterStreak, isWeekend } from '../../../src/lib/boosters/streak';

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
});
