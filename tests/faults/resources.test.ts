/**
 * QUALITY.md, Reliability: 10,000 transactions leave the open file descriptors flat and the pragmas in force.
 * "Flat" for the database files means within the connections the process is configured to hold.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { closeDatabase, openDatabase, POOLED_CONNECTIONS } from '@db/client';
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

/** What each of the process's open descriptors points at (one closed while being listed is left out). */
function targets(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

/**
 * The process's open descriptors, by kind: each connection to the database holds the file and its WAL
 * (the shared-memory index is one per process); sockets; and everything else (pipes, event loops, stdio).
 */
function openFds(
  pid: number,
  databasePath: string,
): { database: string[]; sockets: number; other: string[] } {
  const all = targets(pid);
  const database = all.filter((t) => t.startsWith(databasePath));
  const sockets = all.filter((t) => t.startsWith('socket:')).length;
  const other = all.filter((t) => !t.startsWith(databasePath) && !t.startsWith('socket:')).sort();
  return { database, sockets, other };
}

/**
 * `count` quiz submissions, each its own write transaction, 8 at a time over kept-alive connections.
 * node:http rather than fetch: the client's own cost would otherwise double the test's time.
 */
async function submissions(count: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const url = new URL(LOAD_QUIZ, server.origin);
  const answers = new URLSearchParams([['lesson', LOAD_SLUG], ...answerFields(LOAD_SLUG)]).toString();
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
    // Warm up first: the WAL, the client sockets and the first pooled connections are opened once.
    await submissions(300);
    const before = openFds(pid, server.databasePath);
    await submissions(TRANSACTIONS);
    const after = openFds(pid, server.databasePath);
    // Pipes, event loops and the like must not change at all.
    expect(after.other).toEqual(before.other);
    // The pool opens connections as concurrent calls need them, so their number depends on how requests
    // happened to overlap; what must hold is the bound: the file and its WAL per connection the process
    // may have (the pool, the read connection, the lock probe) and one shared-memory index.
    const connections = POOLED_CONNECTIONS + 2;
    const count = (suffix: string) =>
      after.database.filter((t) => t === `${server.databasePath}${suffix}`).length;
    expect(count('')).toBeLessThanOrEqual(connections);
    expect(count('-wal')).toBeLessThanOrEqual(connections);
    expect(count('-shm')).toBeLessThanOrEqual(1);
    expect(after.database.length).toBe(count('') + count('-wal') + count('-shm'));
    // Sockets follow the client's connections, which come and go: at most one load's worth (8) more,
    // however many transactions ran.
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
    // 10,000 requests take minutes on a machine whose cores are busy: the timeout is for a hang.
  }, 900_000);
});
