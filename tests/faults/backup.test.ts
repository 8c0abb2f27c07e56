/** `npm run db:backup` under a write load, restored as the README says: intact, and holding every write acknowledged before it began. */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '@db/client';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgs } from '../support/cli';
import { ROOT, startServer } from '../support/server';
import { signedInMembers, startWriteLoad } from '../support/write-load';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function backup(databaseUrl: string, file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, cliArgs('backup', file), {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run db:backup', () => {
  it('takes a consistent backup while writes go on, which restores intact with every write acknowledged before it', async () => {
    const server = await startServer();
    const backups = mkdtempSync(join(tmpdir(), 'academy-backups-'));
    dirs.push(backups);
    const file = join(backups, 'academy-backup.db');
    let before: string[];
    try {
      const load = startWriteLoad(await signedInMembers(server, 3), 2);
      await load.acknowledgedAtLeast(20);
      const began = Date.now();
      before = load.acknowledged.filter((a) => a.at < began).map((a) => `${a.userId}/${a.submissionId}`);
      const taken = await backup(`file:${server.databasePath}`, file);
      // Writes go on during and after the backup.
      await load.acknowledgedAtLeast(load.acknowledged.length + 5);
      await load.stop();
      expect(taken.output).toMatch(/Backed up .* integrity ok/);
      expect(taken.code).toBe(0);
      expect(load.others).toEqual([]);
      // Writes went on during the backup, and some came after it.
      expect(load.acknowledged.length).toBeGreaterThan(before.length);

      const again = await backup(`file:${server.databasePath}`, file);
      expect(again.code).toBe(1);
      expect(again.output).toContain('already exists');
    } finally {
      await server.stop();
    }

    // Restore (README): the server stopped, the backup copied to DATABASE_URL's path with no -wal/-shm beside it.
    const restoredDir = mkdtempSync(join(tmpdir(), 'academy-restored-'));
    dirs.push(restoredDir);
    copyFileSync(file, join(restoredDir, 'academy.db'));
    const restored = await startServer({ dataDir: restoredDir });
    try {
      expect((await fetch(`${restored.origin}/readyz`)).status).toBe(200);
      const opened = await openDatabase({ url: `file:${restored.databasePath}`, busyTimeoutMs: 5000 });
      try {
        expect((await opened.client.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok');
        const rows = await opened.client.execute('SELECT user_id, submission_id FROM quiz_attempts');
        const stored = new Set(rows.rows.map((r) => `${r['user_id']}/${r['submission_id']}`));
        expect(before.length).toBeGreaterThan(0);
        expect(before.filter((key) => !stored.has(key))).toEqual([]);
      } finally {
        closeDatabase(opened);
      }
    } finally {
      await restored.stop();
    }
  });

  it('refuses a remote database, saying to use the server’s own backups, and creates no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'academy-backup-'));
    dirs.push(dir);
    const file = join(dir, 'copy.db');
    // The copy is of a file; a libsql server is never asked (nothing listens at this address).
    const refused = await backup('http://user:secret@127.0.0.1:9', file);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('DATABASE_URL points at a libsql server (http://127.0.0.1:9)');
    expect(refused.output).toContain("Use the server's own backups");
    expect(refused.output).not.toContain('secret');
    expect(existsSync(file)).toBe(false);
  });
});
