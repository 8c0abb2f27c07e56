/** QUALITY.md, Reliability: 10,000 transactions leave the open file descriptors flat and the pragmas in force. */
import { readdirSync, readlinkSync } from 'node:fs';
import { closeDatabase, openDatabase } from '@db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../support/server';
import { type Member, signedInMembers, sleep, startWriteLoad } from '../support/write-load';

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

async function submissions(count: number): Promise<void> {
  const load = startWriteLoad(members, 2);
  while (load.acknowledged.length < count && load.others.length === 0) await sleep(25);
  await load.stop();
  expect(load.others).toEqual([]);
}

describe(`${TRANSACTIONS.toLocaleString('en')} write transactions`, () => {
  it('leave the open file descriptors flat and the pragmas in force', async () => {
    const pid = server.process.pid ?? 0;
    // Warm up first: the pool's connections, the WAL and the client sockets are opened once.
    await submissions(300);
    const before = openFds(pid);
    await submissions(TRANSACTIONS);
    const after = openFds(pid);
    // Files (database, WAL, shm, pipes) must not grow at all; sockets follow the client's keep-alive
    // connections, which come and go: at most one load's worth (8) more, however many transactions ran.
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
  });
});
