/** QUALITY.md, Reliability: another process holds the write lock; reads go on, writes wait, then 503 — never a hang or a 500. */
import { closeDatabase, openDatabase } from '@db/client';
import Sqlite from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/users';
import { Visitor } from '../support/browser-less';
import { LEARNER_PASSWORD } from '../support/learning';
import { type RunningServer, startServer } from '../support/server';
import { type Member, signedInMembers, sleep, submitQuiz } from '../support/write-load';

// Long enough that, even on a machine whose cores are busy, the reads below are answered while the write
// still waits; the assertions compare events with each other, never with a speed.
const BUSY_TIMEOUT_MS = 4_000;
const METRICS_TOKEN = 'fault-test-metrics-token';

let server: RunningServer;
let member: Member;

beforeAll(async () => {
  server = await startServer({
    env: { DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS), METRICS_TOKEN },
  });
  [member] = (await signedInMembers(server, 1)) as [Member];
});
afterAll(async () => {
  await server.stop();
});

/** Another process's connection holding the write lock until released. */
function holdWriteLock(): { release(): void } {
  const other = new Sqlite(server.databasePath, { timeout: 1000 });
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

describe('another process holding the write lock', () => {
  it('keeps reads answering, turns a write that cannot get the lock into a 503 with Retry-After, then writes succeed', async () => {
    const lock = holdWriteLock();
    let write: Promise<{ value: Response; ms: number }>;
    let writeSettled = false;
    try {
      write = timed(() => submitQuiz(member)).finally(() => {
        writeSettled = true;
      });
      await sleep(200);
      // While the write waits for the lock, the event loop is free: reads are answered before it gives up.
      for (const path of ['/dashboard', '/lessons', '/healthz', '/readyz']) {
        const read = await member.v.get(path);
        expect(read.status, path).toBe(200);
      }
      expect(writeSettled, 'reads were held up behind the waiting write').toBe(false);
      const { value: res, ms } = await write;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(await res.text()).toContain('Nothing was saved');
      // It waited the busy timeout out (gave up, never hung: the test's own timeout catches a hang).
      expect(ms).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 50);
    } finally {
      lock.release();
    }
    const after = await submitQuiz(member);
    expect(after.status).toBe(303);

    const metrics = await (
      await fetch(`${server.origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/^db_busy_timeouts_total [1-9]/m);
    expect(metrics).toMatch(/^db_busy_retries_total [1-9]/m);
    expect(metrics).toContain(
      'http_requests_total{route="/lessons/[slug]/quiz",method="POST",status="503"} 1',
    );
  });

  it('lets a write wait for a lock released within the busy timeout, and succeed', async () => {
    const lock = holdWriteLock();
    const write = timed(() => submitQuiz(member));
    await sleep(600);
    lock.release();
    const { value: res, ms } = await write;
    expect(res.status).toBe(303);
    expect(ms).toBeGreaterThanOrEqual(550);
  });

  it('answers many writes queued behind a long-held lock with 503 within the busy timeout each, not in turn', async () => {
    const lock = holdWriteLock();
    let results: { value: number; ms: number }[];
    try {
      results = await Promise.all(
        Array.from({ length: 12 }, () => timed(() => submitQuiz(member).then((r) => r.status))),
      );
    } finally {
      lock.release();
    }
    expect(results.map((r) => r.value)).toEqual(Array(12).fill(503));
    // Each gave up after its own wait, side by side: in turn, the last would have waited 12 busy timeouts.
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(3 * BUSY_TIMEOUT_MS);
    // Nothing is left stuck behind the lock.
    expect((await submitQuiz(member)).status).toBe(303);
  });

  it('answers 503 also when the write was an Astro action (log in), whose errors Astro turns into a page', async () => {
    const opened = await openDatabase({ url: server.databaseUrl, busyTimeoutMs: 5000 });
    const user = await createUser(opened.db, new Date(), { verified: true });
    closeDatabase(opened);
    const visitor = new Visitor(server.origin, '192.0.2.200');
    const logIn = () =>
      visitor.post('/login?_action=accounts.logIn', {
        email: user.email,
        password: LEARNER_PASSWORD,
        next: '/',
      });
    const lock = holdWriteLock();
    try {
      const res = await logIn();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('set-cookie')).toBeNull();
    } finally {
      lock.release();
    }
    expect((await logIn()).status).toBe(303);
  });
});
