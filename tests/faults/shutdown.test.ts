/** QUALITY.md, Reliability: SIGTERM under load — /readyz fails at once, in-flight requests finish, exit 0 within 10 s. */
import { get } from 'node:http';
import { closeDatabase, openDatabase } from '@db/client';
import { describe, expect, it } from 'vitest';
import { startServer } from '../support/server';
import { signedInMembers, sleep, startWriteLoad, submitQuiz } from '../support/write-load';

/** A GET on a connection of its own (never a pooled one the draining server may just have closed). */
function getFresh(url: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    }).on('error', reject);
  });
}

describe('SIGTERM under load', () => {
  it('fails readiness at once, finishes in-flight reads and writes, keeps every acknowledged write and exits 0', async () => {
    // The grace period (readiness failing, requests still answered) is long enough to look at /readyz
    // during it on a busy machine; the drain limit (8 s) still bounds the exit.
    const server = await startServer({ env: { SHUTDOWN_GRACE_MS: '3000' } });
    const members = await signedInMembers(server, 3);
    const load = startWriteLoad(members, 2);
    await load.acknowledgedAtLeast(5);
    // Requests already sent when the signal arrives must still be answered in full.
    const inFlightReads = Array.from({ length: 16 }, () =>
      fetch(`${server.origin}/search?q=promise`).then((r) => r.status),
    );
    const inFlightWrites = members.map((m) => submitQuiz(m).then((r) => r.status));
    await sleep(20);
    const signalled = Date.now();
    server.process.kill('SIGTERM');
    await sleep(100);
    const ready = await getFresh(`${server.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toBe('not ready: shutting down\n');
    expect(ready.connection).toBe('close');
    expect(await Promise.all(inFlightReads)).toEqual(Array(16).fill(200));
    expect(await Promise.all(inFlightWrites)).toEqual(Array(members.length).fill(303));

    const code = await new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    await load.stop();
    // Once the server is gone new connections are refused (status 0); nothing ever failed with a 5xx.
    expect(load.others.filter((s) => s !== 0)).toEqual([]);
    expect(server.output()).toContain('SIGTERM received');

    const opened = await openDatabase({ url: server.databaseUrl, busyTimeoutMs: 5000 });
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
