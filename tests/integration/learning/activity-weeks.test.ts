/**
 * The dashboard's weeks with a quiz attempt come from a skip scan down the attempts index (one seek per
 * week, not one row per attempt). It must name exactly the weeks a plain reading of every attempt
 * names, at week boundaries too, and stop at ten years.
 */
import { write } from '@db/client';
import { quizAttempts } from '@db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekIndex } from '../../../src/lib/progress/progress';
import { readDashboard } from '../../../src/lib/server/learning/queries';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

const DAY = 86_400_000;
const NOW = new Date('2026-06-10T12:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

async function withAttempts(times: readonly Date[]) {
  const user = await createUser(t.db, NOW);
  await write(t.db, async (tx) => {
    for (const [i, createdAt] of times.entries()) {
      await tx.insert(quizAttempts).values({
        id: `${user.id}-${i}`,
        userId: user.id,
        lessonSlug: 'trust-is-expectations-met',
        submissionId: `${user.id}-s${i}`,
        answers: '{}',
        score: 50,
        passed: false,
        createdAt,
      });
    }
  });
  return user.id;
}

/** What reading every attempt says: the distinct weeks, newest first, at most 520. */
function expectedWeeks(times: readonly Date[]): number[] {
  return [...new Set(times.map(weekIndex))].sort((a, b) => b - a).slice(0, 520);
}

describe('weeks with a quiz attempt', () => {
  it('are none for a learner without attempts', async () => {
    const id = await withAttempts([]);
    expect((await readDashboard(t.db, id)).attemptWeeks).toEqual([]);
  });

  it('are the distinct weeks, newest first, with many attempts a week and gaps between weeks', async () => {
    const times: Date[] = [];
    for (let day = 0; day < 200; day += 1) {
      if (Math.floor(day / 7) % 3 === 1) continue; // every third week empty
      for (let k = 0; k < 5; k += 1) times.push(new Date(NOW.getTime() - day * DAY - k * 3_600_000));
    }
    const id = await withAttempts(times);
    const weeks = (await readDashboard(t.db, id)).attemptWeeks;
    expect(weeks).toEqual(expectedWeeks(times));
    expect(weeks.length).toBeGreaterThan(15);
  });

  it('put an attempt at Monday 00:00 UTC in the new week and one a millisecond before in the old', async () => {
    const monday = new Date('2026-06-08T00:00:00Z');
    const times = [monday, new Date(monday.getTime() - 1), new Date(monday.getTime() - 7 * DAY)];
    const id = await withAttempts(times);
    const weeks = (await readDashboard(t.db, id)).attemptWeeks;
    expect(weeks).toEqual(expectedWeeks(times));
    expect(weeks).toEqual([weekIndex(monday), weekIndex(monday) - 1]);
  });

  it('stop at ten years of weeks', async () => {
    const times = Array.from({ length: 530 }, (_, i) => new Date(NOW.getTime() - i * 7 * DAY));
    const id = await withAttempts(times);
    const weeks = (await readDashboard(t.db, id)).attemptWeeks;
    expect(weeks).toHaveLength(520);
    expect(weeks).toEqual(expectedWeeks(times));
  });
});
