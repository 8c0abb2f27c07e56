/**
 * A ledger with thousands of customers (issue 16, H1): what one page lists stays bounded, the member can
 * still reach every customer without JavaScript, and the ledger holds at most MAX_CUSTOMERS.
 */
import { ledgerCustomers, ledgerPromises } from '@db/schema';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOMERS, PICKER_LIMIT } from '../../../src/lib/ledger/forms';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { useLearningServer } from '../../support/learning';
import { postLedger } from '../../support/ledger';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
type Person = Awaited<ReturnType<typeof ctx.person>>;

const name = (i: number) => `Customer ${String(i).padStart(4, '0')}`;
const pickerOptions = (html: string, select: string) =>
  (new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').match(
    /<option value="[a-z2-7]{26}"/g,
  )?.length ?? 0;

/** Inserts customers straight into the database, as thousands of form posts would. */
async function seedCustomers(
  userId: string,
  from: number,
  to: number,
  at = new Date('2026-01-01T00:00:00Z'),
) {
  const rows = Array.from({ length: to - from }, (_, k) => ({
    id: newId(),
    userId,
    name: name(from + k),
    company: from + k === 42 ? 'Fifty% Off_Ltd' : 'Acme',
    notes: '',
    startingBalance: 0,
    createdAt: new Date(at.getTime() + (from + k) * 1000),
  }));
  for (let i = 0; i < rows.length; i += 100)
    await ctx.db.insert(ledgerCustomers).values(rows.slice(i, i + 100));
}

const customerCount = async (userId: string) =>
  (await ctx.db.select({ n: count() }).from(ledgerCustomers).where(eq(ledgerCustomers.userId, userId)))[0]?.n;

function upload(p: Person, fields: Record<string, string>): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return p.v.request('/ledger/import?_action=ledger.importCustomers', {
    method: 'POST',
    headers: { Origin: p.v.origin },
    body: form,
  });
}

describe('a ledger with thousands of customers', () => {
  let p: Person;
  const BIG = MAX_CUSTOMERS - 10;
  beforeAll(async () => {
    p = await ctx.person();
    await seedCustomers(p.userId, 0, BIG);
  });

  it('the today view offers the customers used last, not all of them, and says how to find the rest', async () => {
    const [old] = await ctx.db
      .select()
      .from(ledgerCustomers)
      .where(eq(ledgerCustomers.name, name(7)));
    // A promise to an old customer makes them one of the most recently used.
    await ctx.db.insert(ledgerPromises).values({
      id: newId(),
      userId: p.userId,
      customerId: old?.id ?? '',
      text: 'Call back',
      channel: 'call',
      madeAt: new Date(),
      dueAt: new Date(Date.now() + 86_400_000),
      outcome: null,
      resolvedAt: null,
      createdAt: new Date(),
    });
    const res = await p.v.get('/ledger');
    const html = await res.text();
    expect(pickerOptions(html, 'quick-customerId')).toBe(PICKER_LIMIT);
    expect(html).toContain(name(7));
    expect(html).toContain(name(BIG - 1));
    expect(html).not.toContain(`>${name(100)}`);
    expect(visibleText(html)).toContain(
      `the ${PICKER_LIMIT} customers you used last, of ${BIG.toLocaleString('en-GB')}`,
    );
    expect(html).toContain('href="/ledger/customers#find-customer"');
    // Small enough to be kept by the page cache (a personal page over 192 KB is rendered every time).
    expect(Number(res.headers.get('content-length'))).toBeLessThan(60_000);
  });

  it('a customer chosen elsewhere is offered even when not used lately', async () => {
    const [old] = await ctx.db
      .select()
      .from(ledgerCustomers)
      .where(eq(ledgerCustomers.name, name(3)));
    const html = await (await p.v.get(`/ledger/promises/new?customer=${old?.id}`)).text();
    expect(html).toMatch(new RegExp(`<option value="${old?.id}" selected>`));
    expect(pickerOptions(html, 'promise-customerId')).toBe(PICKER_LIMIT + 1);
    // After recording an outcome for them, the today view prompts the next promise to the same customer.
    const next = await (await p.v.get(`/ledger?recorded=kept&customer=${old?.id}`)).text();
    expect(visibleText(next)).toContain(`While ${name(3)} is still on the line: the next small promise`);
    expect(next).toMatch(new RegExp(`<option value="${old?.id}" selected>`));
  });

  it('the customers page lists a page at a time, with pages and a search that work without JavaScript', async () => {
    const first = await (await p.v.get('/ledger/customers')).text();
    expect(first.match(/<th scope="row">/g)?.length).toBe(100);
    const text = visibleText(first);
    expect(text).toContain(`Customers 1–100 of ${BIG.toLocaleString('en-GB')}, by name.`);
    expect(text).toContain(`Page 1 of ${Math.ceil(BIG / 100)}`);
    expect(first).toContain('href="/ledger/customers?page=2" rel="next"');
    expect(first).toContain(name(99));
    expect(first).not.toContain(name(100));

    const last = await (await p.v.get(`/ledger/customers?page=${Math.ceil(BIG / 100)}`)).text();
    expect(last).toContain(name(BIG - 1));
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');

    const found = visibleText(await (await p.v.get('/ledger/customers?q=customer+0042')).text());
    expect(found).toContain('1 customer match “customer 0042”');
    expect(found).toContain(name(42));
    // What the member types is matched as typed: % and _ are not wildcards.
    const literal = visibleText(await (await p.v.get('/ledger/customers?q=y%25+off_l')).text());
    expect(literal).toContain(name(42));
    expect(literal).toContain('1 customer match');
    // As a wildcard, _ would match the % in the company's name.
    const underscore = visibleText(await (await p.v.get('/ledger/customers?q=y_+off')).text());
    expect(underscore).toContain('No customer’s name or company contains “y_ off”.');
    const none = visibleText(await (await p.v.get('/ledger/customers?q=%25%25nobody')).text());
    expect(none).toContain('No customer’s name or company contains “%%nobody”.');
  });

  it(`holds at most ${MAX_CUSTOMERS.toLocaleString('en-GB')} customers: a clear message on add and on import, nothing lost`, async () => {
    const ninePlusOne = ['Nina', 'Omar'];
    const tooMany = await upload(p, {
      step: 'preview',
      csv: `name\n${Array.from({ length: 11 }, (_, i) => `Extra ${i}`).join('\n')}\n`,
    });
    expect(tooMany.status).toBe(400);
    const refused = visibleText(await tooMany.text());
    expect(refused).toContain(
      `A ledger holds at most ${MAX_CUSTOMERS.toLocaleString('en-GB')} customers, and yours has ${BIG.toLocaleString('en-GB')}. There is room for 10 more`,
    );
    const importTooMany = await upload(p, {
      step: 'import',
      csv: `name\n${Array.from({ length: 11 }, (_, i) => `Extra ${i}`).join('\n')}\n`,
    });
    expect(importTooMany.status).toBe(400);
    expect(await customerCount(p.userId)).toBe(BIG);

    const fits = await upload(p, { step: 'import', csv: `name\n${ninePlusOne.join('\n')}\n` });
    expect(fits.status).toBe(303);
    for (let i = 0; i < 8; i++) {
      const added = await postLedger(p.v, '/ledger/customers', [
        ['submission', newId()],
        ['name', `Last ${i}`],
      ]);
      expect(added.status).toBe(303);
    }
    expect(await customerCount(p.userId)).toBe(MAX_CUSTOMERS);

    const full = await postLedger(p.v, '/ledger/customers', [
      ['submission', newId()],
      ['name', 'One Too Many'],
    ]);
    expect(full.status).toBe(409);
    const page = visibleText(await full.text());
    expect(page).toContain(
      `The customer was not added. A ledger holds at most ${MAX_CUSTOMERS.toLocaleString('en-GB')} customers, and yours has ${MAX_CUSTOMERS.toLocaleString('en-GB')}. Delete customers you no longer work with to make room.`,
    );
    // What was typed is kept in the form.
    expect(
      await (
        await postLedger(p.v, '/ledger/customers', [
          ['submission', newId()],
          ['name', 'One Too Many'],
        ])
      ).text(),
    ).toContain('value="One Too Many"');
    const fullImport = visibleText(await (await upload(p, { step: 'import', csv: 'name\nZed\n' })).text());
    expect(fullImport).toContain(
      'Delete customers you no longer work with to make room. Nothing was imported.',
    );
    expect(await customerCount(p.userId)).toBe(MAX_CUSTOMERS);
  });
});
