import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  firstMemory,
  RETIRE_STABILITY_DAYS,
  ratingFor,
  retentionPercent,
  retrievabilityAt,
  review,
} from '../../../src/lib/boosters/schedule';

const DAY = 86_400_000;
const t0 = new Date('2026-01-01T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('scheduling a booster with FSRS (default parameters, no fuzz, a fixed clock)', () => {
  it('brings an item answered right in the quiz back in three days, and one answered wrong tomorrow', () => {
    expect(firstMemory(true, t0).due).toEqual(at('2026-01-04T10:00:00Z'));
    expect(firstMemory(false, t0).due).toEqual(at('2026-01-02T10:00:00Z'));
  });

  it('spaces an item further out with every right answer given when it is due', () => {
    let memory = firstMemory(true, t0);
    const dues: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      memory = review(memory, Rating.Good, memory.due).memory;
      dues.push(memory.due.toISOString());
    }
    expect(dues).toEqual([
      '2026-01-18T10:00:00.000Z',
      '2026-03-16T10:00:00.000Z',
      '2026-09-28T10:00:00.000Z',
    ]);
  });

  it('brings a forgotten item back within days instead of weeks, counts the lapse, and shortens its stability', () => {
    const learned = review(firstMemory(true, t0), Rating.Good, at('2026-01-04T10:00:00Z')).memory;
    expect(learned.due).toEqual(at('2026-01-18T10:00:00Z'));
    const forgotten = review(learned, Rating.Again, learned.due).memory;
    expect(forgotten.due).toEqual(at('2026-01-20T10:00:00Z'));
    expect(review(learned, Rating.Good, learned.due).memory.due).toEqual(at('2026-03-16T10:00:00Z'));
    expect(forgotten.lapses).toBe(1);
    expect(forgotten.stability).toBeLessThan(learned.stability);
  });

  it('moves the due date by the confidence given: a guess comes back sooner, a certain answer later', () => {
    const memory = firstMemory(true, t0);
    const hard = review(memory, ratingFor(true, 'guessed'), memory.due).memory.due.getTime();
    const good = review(memory, ratingFor(true, null), memory.due).memory.due.getTime();
    const easy = review(memory, ratingFor(true, 'certain'), memory.due).memory.due.getTime();
    expect(hard).toBeLessThan(good);
    expect(good).toBeLessThan(easy);
  });

  it('rates a wrong answer Again whatever the confidence', () => {
    expect(ratingFor(false, 'certain')).toBe(Rating.Again);
    expect(ratingFor(false, null)).toBe(Rating.Again);
    expect(ratingFor(true, 'sure')).toBe(Rating.Good);
  });

  it(`retires an item once a right answer leaves its stability at ${RETIRE_STABILITY_DAYS} days or more`, () => {
    let memory = firstMemory(true, t0);
    const retires: boolean[] = [];
    for (let i = 0; i < 3; i += 1) {
      const next = review(memory, Rating.Good, memory.due);
      retires.push(next.retires);
      memory = next.memory;
    }
    expect(retires).toEqual([false, false, true]);
    expect(memory.stability).toBeGreaterThanOrEqual(RETIRE_STABILITY_DAYS);
  });

  it('never retires an item on a wrong answer', () => {
    let memory = firstMemory(true, t0);
    for (let i = 0; i < 3; i += 1) memory = review(memory, Rating.Good, memory.due).memory;
    expect(review(memory, Rating.Again, memory.due).retires).toBe(false);
  });
});

describe('the retention figure', () => {
  it('is FSRS retrievability: 100% just after learning, falling as the days pass', () => {
    const memory = firstMemory(true, t0);
    expect(retentionPercent([memory], t0)).toBe(100);
    // Due after three whole days, past its 2.3-day stability: a little under FSRS's 90% target.
    expect(retentionPercent([memory], memory.due)).toBe(88);
    expect(retentionPercent([memory], new Date(t0.getTime() + 30 * DAY))).toBe(67);
    expect(retrievabilityAt(memory, new Date(memory.due.getTime() + 30 * DAY))).toBeLessThan(0.9);
  });

  it('averages over every item, and is null for an empty deck', () => {
    const fresh = firstMemory(true, t0);
    const old = firstMemory(true, new Date(t0.getTime() - 3 * DAY));
    const r = retrievabilityAt(old, t0);
    expect(retentionPercent([fresh, old], t0)).toBe(Math.round((100 * (1 + r)) / 2));
    expect(retentionPercent([], t0)).toBeNull();
  });
});
