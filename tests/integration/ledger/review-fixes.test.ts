import { ledgerPromises } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { postLedger, sub } from '../../support/ledger';

const ctx = useLearningServer();
const HOUR = 3_600_000;
/** A `datetime-local` value in UTC (members start in UTC until they choose a zone). */
const local = (date: Date) => date.toISOString().slice(0, 16);
const customerIdIn = (res: Response) =>
  /\/ledger\/customers\/([a-z2-7]{26})/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

async function addCustomer(v: Visitor, name: string): Promise<string> {
  return customerIdIn(await postLedger(v, '/ledger/customers', [sub(), ['name', name]]));
}

/** A promise made an hour ago to `customer`, due `dueInHours` from now (negative: overdue). */
async function promise(v: Visitor, customer: string, text: string, dueInHours: number) {
  const now = Date.now();
  const res = await postLedger(v, '/ledger/promises/new', [
    sub(),
    ['customerId', customer],
    ['text', text],
    ['made', local(new Date(now - (dueInHours < 0 ? -dueInHours + 1 : 1) * HOUR))],
    ['due', local(new Date(now + dueInHours * HOUR))],
  ]);
  expect(res.status).toBe(303);
}

/** The text of the section headed by `id` on a page (up to the next h2). */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('<h2', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
};

describe('open promises beyond today (review 1)', () => {
  it('lists a promise due in two days under Upcoming and on the all-promises page; settled ones on neither', async () => {
    const { v, userId } = await ctx.person();
    const ada = await addCustomer(v, 'Ada Upcoming');
    const bo = await addCustomer(v, 'Bo Other');
    await promise(v, ada, 'Send the revised quote', 48);
    await promise(v, bo, 'Call back about the invoice', -3);
    await promise(v, ada, 'Share the onboarding plan', 30);

    // One of them settled: it leaves both lists.
    const [settled] = await ctx.db
      .select()
      .from(ledgerPromises)
      .where(eq(ledgerPromises.text, 'Share the onboarding plan'));
    const kept = await postLedger(v, `/ledger/promises/${settled?.id}/outcome`, [
      ['outcome', 'kept'],
      ['back', '/ledger'],
    ]);
    expect(kept.status).toBe(303);

    const today = await (await v.get('/ledger')).text();
    const upcoming = section(today, 'upcoming-title');
    expect(upcoming).toContain('Send the revised quote');
    expect(upcoming).not.toContain('Share the onboarding plan');
    expect(upcoming).not.toContain('Call back about the invoice');
    expect(upcoming).toContain('href="/ledger/promises"');
    expect(section(today, 'due-title')).toContain('Call back about the invoice');

    const all = await (await v.get('/ledger/promises')).text();
    expect(all).toContain('Send the revised quote');
    expect(all).toContain('Call back about the invoice');
    expect(all).not.toContain('Share the onboarding plan');
    // Soonest due first: the overdue one on top.
    expect(all.indexOf('Call back about the invoice')).toBeLessThan(all.indexOf('Send the revised quote'));
    expect(all).toContain('soonest due first');

    const overdue = await (await v.get('/ledger/promises?show=overdue')).text();
    expect(overdue).toContain('Call back about the invoice');
    expect(overdue).not.toContain('Send the revised quote');
    const notYet = await (await v.get('/ledger/promises?show=upcoming')).text();
    expect(notYet).toContain('Send the revised quote');
    expect(notYet).not.toContain('Call back about the invoice');
    const toBo = await (await v.get(`/ledger/promises?to=${bo}`)).text();
    expect(toBo).toContain('Call back about the invoice');
    expect(toBo).not.toContain('Send the revised quote');
    const none = await (await v.get(`/ledger/promises?to=${bo}&show=upcoming`)).text();
    expect(none).toContain('No not-yet-due open promises to Bo Other');

    // Another member sees none of them, and gets the empty state.
    const other = await ctx.person();
    const theirs = await (await other.v.get('/ledger/promises')).text();
    expect(theirs).not.toContain('Send the revised quote');
    expect(theirs).toContain('No open promises');
    const foreign = await (await other.v.get(`/ledger/promises?to=${bo}`)).text();
    expect(foreign).not.toContain('Call back about the invoice');
    expect(userId).not.toBe(other.userId);
  });

  it('pages the list like the customers list', async () => {
    const { v } = await ctx.person();
    const c = await addCustomer(v, 'Many Promises');
    for (let i = 1; i <= 51; i++) await promise(v, c, `Promise number ${i}.`, i);
    const first = await (await v.get('/ledger/promises')).text();
    expect(first).toContain('Page 1 of 2');
    // Soonest due first: the first page starts with the promise due in an hour.
    expect(first).toContain('Promise number 1.');
    expect(first).not.toContain('Promise number 51.');
    const second = await (await v.get('/ledger/promises?page=2')).text();
    expect(second).toContain('Promise number 51.');
    expect(second).not.toContain('Promise number 1.');
  });
});

describe('new promise: a due time already past (review 7)', () => {
  it('says so, marks when it was made, and opens the disclosure that holds it', async () => {
    const { v } = await ctx.person();
    const c = await addCustomer(v, 'Past Due');
    const res = await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', c],
      ['text', 'Too late already'],
      ['due', local(new Date(Date.now() - 2 * HOUR))],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      'That time has passed — if you made this promise earlier, set when you made it below.',
    );
    expect(html).toMatch(/<details class="more"[^>]*open/);
    expect(html).toMatch(
      /id="promise-made"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="promise-made"/,
    );
  });
});

describe('import (review 8)', () => {
  it('keeps the pasted text after a preview with a bad row, and offers a template that imports', async () => {
    const { v } = await ctx.person();
    const upload = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, value] of Object.entries(fields)) form.set(k, value);
      return v.request('/ledger/import?_action=ledger.importCustomers', {
        method: 'POST',
        headers: { Origin: v.origin },
        body: form,
      });
    };
    const bad = 'name,starting_balance\nFay Good,0\nGus Bad,-999\n';
    const preview = await upload({ step: 'preview', csv: bad });
    const html = await preview.text();
    expect(html).toContain('1 row has problems');
    // A form sends its text with CRLF line ends (the HTML form encoding); the box shows what was sent.
    expect(
      /<textarea id="import-csv"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1]?.replaceAll('\r\n', '\n'),
    ).toBe('name,starting_balance\nFay Good,0\nGus Bad,-999\n');
    // A clean preview leaves the box empty (the text travels in the import form).
    const good = await (await upload({ step: 'preview', csv: 'name\nFay Good\n' })).text();
    expect(/<textarea id="import-csv"[^>]*>([^<]*)<\/textarea>/.exec(good)?.[1]).toBe('');

    const page = await (await v.get('/ledger/import')).text();
    expect(page).toContain('href="/ledger/import-template.csv"');
    const template = await v.get('/ledger/import-template.csv');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('text/csv');
    const text = await template.text();
    expect(text.split(/\r?\n/)[0]).toBe('name,company,notes,starting_balance');
    const checked = await (await upload({ step: 'preview', csv: text })).text();
    expect(checked).toContain('Every row can be imported.');
  });
});
