/** QUALITY.md, Reliability: kill -9 during a write load, then restart; nothing acknowledged is lost, nothing is half-written. */
import { rmSync } from 'node:fs';
import { closeDatabase, openDatabase } from '@db/client';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server';
import { signedInMembers, startWriteLoad } from '../support/write-load';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 under write load', () => {
  it('restarts on an intact database holding every acknowledged write and no half-written attempt', async () => {
    const first = await startServer();
    dirs.push(first.dataDir);
    const members = await signedInMembers(first, 4);
    const load = startWriteLoad(members, 3);
    // Crash mid-load: once writes have been acknowledged (however long a busy machine takes), with more in flight.
    await load.acknowledgedAtLeast(30);
    first.process.kill('SIGKILL');
    await load.stop();
    expect(load.others.filter((s) => s !== 0)).toEqual([]);

    const second = await startServer({ dataDir: first.dataDir });
    try {
      expect((await fetch(`${second.origin}/readyz`)).status).toBe(200);
      const opened = await openDatabase({ url: second.databaseUrl, busyTimeoutMs: 5000 });
      try {
        const client = opened.client;
        expect((await client.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok');
        expect((await client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
        const stored = await client.execute(
          'SELECT user_id, submission_id, answers, score FROM quiz_attempts',
        );
        const keys = new Set(stored.rows.map((r) => `${r['user_id']}/${r['submission_id']}`));
        const lost = load.acknowledged.filter((a) => !keys.has(`${a.userId}/${a.submissionId}`));
        expect(lost).toEqual([]);
        // An attempt and the progress it records commit together, or not at all.
        for (const row of stored.rows) {
          expect(() => JSON.parse(String(row['answers']))).not.toThrow();
          expect(Number(row['score'])).toBe(100);
        }
        const unmatched = await client.execute({
          sql: `SELECT count(*) AS n FROM quiz_attempts a
                 WHERE NOT EXISTS (SELECT 1 FROM lesson_progress p
                                    WHERE p.user_id = a.user_id AND p.lesson_slug = a.lesson_slug
                                      AND p.best_score = 100)`,
          args: [],
        });
        expect(Number(unmatched.rows[0]?.['n'])).toBe(0);
        expect(stored.rows.length).toBeGreaterThanOrEqual(load.acknowledged.length);
      } finally {
        closeDatabase(opened);
      }
      // And the restarted server takes writes again.
      const again = startWriteLoad(await signedInMembers(second, 1), 1);
      await again.acknowledgedAtLeast(3);
      await again.stop();
      expect(again.acknowledged.length).toBeGreaterThan(0);
      expect(again.others).toEqual([]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
