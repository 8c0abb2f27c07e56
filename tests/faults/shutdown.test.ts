/** QUALITY.md, Reliability: SIGTERM under load — /readyz fails at once, in-flight requests finish, exit 0 within 10 s. */
import { closeDatabase, openDatabase } from '@db/client';
import { describe, expect, it } from 'vitest';
import { startServer } from '../support/server';
import { signedInMembers, sleep, startWriteLoad, submitQuiz } from '../support/write-load';

describe('SIGTERM under load', () => {
  it('fails readiness at once, finishes in-flight reads and writes, keeps every acknowledged write and exits 0', async () => {
    const server = await startServer();
    const members = await signedInMembers(server, 3);
    const load = startWriteLoad(members, 2);
    await sleep(300);
    // Requests already sent when the signal arrives must still be answered in full.
    const inFlightReads = Array.from({ length: 16 }, () =>
      fetch(`${server.origin}/search?q=promise`).then((r) => r.status),
    );
    const inFlightWrites = members.map((m) => submitQuiz(m).then((r) => r.status));
    await sleep(20);
    const signalled = Date.now();
    server.process.kill('SIGTERM');
    await sleep(100);
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toBe('not ready: shutting down\n');
    expect(ready.headers.get('connection')).toBe('close');
    expect(await Promise.all(inFlightReads)).toEqual(Array(16).fill(200));
    expect(await Promise.all(inFlightWrites)).toEqual(Array(members.length).fill(303));

    const code = await new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await load.stop();
    // Once the server is gone new connections are refused (status 0); nothing ever failed with a 5xx.
    expect(load.others.filter((s) => s !== 0)).toEqual([]);
    expect(server.output()).toContain('SIGTERM received');

    const opened = await openDatabase({ url: `file:${server.databasePath}`, busyTimeoutMs: 5000 });
    try {
      const rows = await opened.client.execute('SELECT user_id, submission_id FROM quiz_attempts');
      const stored = new Set(rows.rows.map((r) => `${r['user_id']}/${r['submission_id']}`));
      expect(load.acknowledged.filter((a) => !stored.has(`${a.userId}/${a.submissionId}`))).toEqual([]);
    } finally {
      closeDatabase(opened);
      await server.stop();
    }
  });
});
