import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import Sqlite from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keepPreparedStatements,
  keptStatements,
  STATEMENTS_PER_CONNECTION,
} from '../../../db/statement-cache';

keepPreparedStatements();

let dir: string;
let path: string;
let a: Sqlite.Database;
let b: Sqlite.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'statements-'));
  path = join(dir, 'test.db');
  a = new Sqlite(path);
  a.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');
  b = new Sqlite(path);
});

afterEach(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('prepared statements kept per connection', () => {
  it('gives the same statement for the same text, and each run sees what other connections committed', () => {
    const count = a.prepare('SELECT count(*) AS n FROM t');
    expect(a.prepare('SELECT count(*) AS n FROM t')).toBe(count);
    expect(b.prepare('SELECT count(*) AS n FROM t')).not.toBe(count);
    expect(count.get()).toMatchObject({ n: 0 });
    b.prepare('INSERT INTO t (v) VALUES (?)').run(['from b']);
    expect(a.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 1 });
    // The reused read holds no read transaction open: the other connection can still write.
    b.prepare('INSERT INTO t (v) VALUES (?)').run(['again']);
    expect(count.get()).toMatchObject({ n: 2 });
  });

  it('runs a statement again after it failed, in a transaction and out of one', () => {
    const insert = () => a.prepare('INSERT INTO t (v) VALUES (?)');
    const kept = insert();
    insert().run(['x']);
    expect(() => insert().run(['x'])).toThrow(/UNIQUE/);
    expect(insert().run(['y']).changes).toBe(1);
    a.exec('BEGIN IMMEDIATE');
    expect(() => insert().run(['y'])).toThrow(/UNIQUE/);
    expect(insert().run(['z']).changes).toBe(1);
    a.exec('COMMIT');
    // All of it through the one statement kept.
    expect(insert()).toBe(kept);
    expect(a.prepare('SELECT v FROM t ORDER BY id').raw(true).all()).toEqual([['x'], ['y'], ['z']]);
  });

  it('follows a schema change made by another connection', () => {
    const all = () => a.prepare('SELECT * FROM t ORDER BY id');
    const kept = all();
    a.prepare('INSERT INTO t (v) VALUES (?)').run(['x']);
    expect(all().raw(false).all()).toEqual([{ id: 1, v: 'x' }]);
    b.exec("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'new'");
    expect(all()).toBe(kept);
    expect(all().raw(false).all()).toEqual([{ id: 1, v: 'x', w: 'new' }]);
  });

  it('keeps at most a bounded number per connection, dropping the least recently used', () => {
    for (let i = 0; i < STATEMENTS_PER_CONNECTION + 50; i += 1) a.prepare(`SELECT ${i} AS n`);
    expect(keptStatements(a)).toBe(STATEMENTS_PER_CONNECTION);
    // The newest are kept, the oldest prepared afresh.
    const newest = `SELECT ${STATEMENTS_PER_CONNECTION + 49} AS n`;
    expect(a.prepare(newest)).toBe(a.prepare(newest));
    expect(a.prepare('SELECT 0 AS n').get()).toMatchObject({ n: 0 });
  });

  it('does not keep a statement that fails to prepare', () => {
    a.prepare('SELECT 1');
    const before = keptStatements(a);
    expect(before).toBeGreaterThan(0);
    expect(() => a.prepare('SELECT FROM nowhere')).toThrow();
    expect(keptStatements(a)).toBe(before);
  });

  it('serves @libsql/client, which runs each statement through prepare', async () => {
    const client = createClient({ url: `file:${path}` });
    try {
      await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['one'] });
      await expect(client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['one'] })).rejects.toThrow(
        /UNIQUE/,
      );
      await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['two'] });
      const tx = await client.transaction('write');
      await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['three'] });
      await tx.rollback();
      const rows = (await client.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r['v']);
      expect(rows).toEqual(['one', 'two']);
    } finally {
      client.close();
    }
  });
});
