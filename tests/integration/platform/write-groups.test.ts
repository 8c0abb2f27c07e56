/** Group commit (db/writes.ts `write`, decision 011): writes asked for together share one transaction, each atomic on its own. */

import { write } from '@db/client';
import { users } from '@db/schema';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

function person(name: string) {
  const now = new Date('2026-05-04T10:00:00Z');
  return {
    id: newId(),
    email: `${name}-${newId().slice(0, 8)}@example.com`,
    displayName: name,
    passwordHash: 'not used here',
    createdAt: now,
    updatedAt: now,
  };
}

async function stored(ids: string[]): Promise<string[]> {
  const rows = await t.db.select({ name: users.displayName }).from(users).where(inArray(users.id, ids));
  return rows.map((r) => r.name).sort();
}

describe('writes asked for in the same turn', () => {
  it('commit together, in the order asked, and each resolves with its own value', async () => {
    const people = ['ada', 'ben', 'cy'].map(person);
    const results = await Promise.all(
      people.map((p) =>
        write(t.db, async (tx) => {
          await tx.insert(users).values(p);
          const [row] = await tx.select({ n: sql<number>`count(*)` }).from(users);
          return `${p.displayName} saw ${row?.n}`;
        }),
      ),
    );
    // Each write saw the ones asked for before it, and none after it.
    const before = Number(/saw (\d+)/.exec(results[0] ?? '')?.[1]);
    expect(results).toEqual([`ada saw ${before}`, `ben saw ${before + 1}`, `cy saw ${before + 2}`]);
    expect(await stored(people.map((p) => p.id))).toEqual(['ada', 'ben', 'cy']);
  });

  it('undo a write that throws, and only that write', async () => {
    const [a, b, c] = ['dee', 'eli', 'fay'].map(person) as [
      ReturnType<typeof person>,
      ReturnType<typeof person>,
      ReturnType<typeof person>,
    ];
    const settled = await Promise.allSettled([
      write(t.db, (tx) => tx.insert(users).values(a)),
      write(t.db, async (tx) => {
        await tx.insert(users).values(b);
        throw new Error('refused after its insert');
      }),
      write(t.db, (tx) => tx.insert(users).values(c)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('refused after its insert'));
    expect(await stored([a.id, b.id, c.id])).toEqual(['dee', 'fay']);
  });

  it('undo a write whose statement breaks a constraint, and only that write', async () => {
    const [g, h] = ['gus', 'hal'].map(person) as [ReturnType<typeof person>, ReturnType<typeof person>];
    const settled = await Promise.allSettled([
      write(t.db, (tx) => tx.insert(users).values(g)),
      // Two rows, the second with the first's email (unique): the first row goes too.
      write(t.db, async (tx) => {
        await tx.insert(users).values(person('ivy'));
        await tx.insert(users).values({ ...person('ivy again'), email: g.email });
      }),
      write(t.db, (tx) => tx.insert(users).values(h)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored([g.id, h.id])).toEqual(['gus', 'hal']);
    const ivy = await t.db
      .select()
      .from(users)
      .where(inArray(users.displayName, ['ivy', 'ivy again']));
    expect(ivy).toEqual([]);
  });

  it('keep nothing of the group when a write ends its transaction, and later writes work', async () => {
    const [j, k] = ['jo', 'kit'].map(person) as [ReturnType<typeof person>, ReturnType<typeof person>];
    const settled = await Promise.allSettled([
      write(t.db, (tx) => tx.insert(users).values(j)),
      // Misbehaving: ends the shared transaction itself (as an I/O error would).
      write(t.db, (tx) => tx.run(sql`ROLLBACK`)),
      write(t.db, (tx) => tx.insert(users).values(k)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await stored([j.id, k.id])).toEqual([]);
    const after = person('lou');
    await write(t.db, (tx) => tx.insert(users).values(after));
    expect(await stored([after.id])).toEqual(['lou']);
  });

  it('a write asked for alone still commits or rolls back on its own', async () => {
    const m = person('max');
    await expect(
      write(t.db, async (tx) => {
        await tx.insert(users).values(m);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await stored([m.id])).toEqual([]);
    await write(t.db, (tx) => tx.insert(users).values(m));
    expect(await stored([m.id])).toEqual(['max']);
  });
});
