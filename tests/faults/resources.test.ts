/** QUALITY.md, Reliability: 10,000 transactions leave the open file descriptors flat and the pragmas in force. */
import { readdirSync, readlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { closeDatabase, openDatabase } from '@db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerFields } from '../support/learning';
import { type RunningServer, startServer } from '../support/server';
import { LOAD_QUIZ, LOAD_SLUG, type Member, signedInMembers, submissionId } from '../support/write-load';

const TRANSACTIONS = 10_000;

let server: RunningServer;
let members: Member[];

beforeAll(async () => {
  server = await startServer();
  members = await signedInMembers(server, 4);
});
afterAll(async () => {
  await server.stop();
});

/** The process's open descriptors: files (the database, its WAL and shm), pipes and the like, and sockets. */
function openFds(pid: number): { files: number; sockets: number } {
  const targets = readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      return ''; // closed while listed
    }
  });
  const sockets = targets.filter((t) => t.startsWith('socket:')).length;
  return { files: targets.length - sockets, sockets };
}

/**
 * `count` quiz submissions, each its own write transaction, 8 at a time over kept-alive connections.
 * node:http rather than fetch: the client's own cost would otherwise double the test's time.
 */
async function submissions(count: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const url = new URL(LOAD_QUIZ, server.origin);
  const answers = new URLSearchParams(answerFields(LOAD_SLUG)).toString();
  const statuses = new Map<number, number>();
  let sent = 0;
  const one = (member: Member): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = `submission=${submissionId()}&${answers}`;
      const req = request(url, {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          Origin: server.origin,
          Cookie: member.v.cookieHeader,
          'X-Forwarded-For': member.v.ip,
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      const member = members[worker % members.length] as Member;
      while (sent < count) {
        sent += 1;
        const status = await one(member);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  agent.destroy();
  expect(Object.fromEntries(statuses)).toEqual({ 303: count });
}

describe(`${TRANSACTIONS.toLocaleString('en')} write transactions`, () => {
  it('leave the open file descriptors flat and the pragmas in force', async () => {
    const pid = server.process.pid ?? 0;
    // Warm up first: the pool's connections, the WAL and the client sockets are opened once.
    await submissions(300);
    const before = openFds(pid);
    await submissions(TRANSACTIONS);
    const after = openFds(pid);
    // Files (database, WAL, shm, pipes) must not grow at all; sockets follow the client's connections,
    // which come and go: at most one load's worth (8) more, however many transactions ran.
    expect(after.files).toBeLessThanOrEqual(before.files);
    expect(after.sockets).toBeLessThanOrEqual(before.sockets + 8);

    // /readyz checks, on a pooled connection, that foreign keys are on and the file is in WAL mode.
    const ready = await fetch(`${server.origin}/readyz`);
    expect(await ready.text()).toBe('ready\n');
    const opened = await openDatabase({ url: `file:${server.databasePath}`, busyTimeoutMs: 5000 });
    try {
      expect((await opened.client.execute('PRAGMA journal_mode')).rows[0]?.[0]).toBe('wal');
      const n = await opened.client.execute('SELECT count(*) AS n FROM quiz_attempts');
      expect(Number(n.rows[0]?.['n'])).toBeGreaterThanOrEqual(TRANSACTIONS);
    } finally {
      closeDatabase(opened);
    }
  }, 120_000); // on a busy shared machine 10,000 requests can take longer than the suite's minute
});
