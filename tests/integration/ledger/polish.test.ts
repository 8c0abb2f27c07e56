import { ledgerCustomers, ledgerPromises } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { postForm, useLearningServer } from '../../support/learning';
import { sub } from '../../support/ledger';

const ctx = useLearningServer();
const HOUR = 3_600_000;
/** A `datetime-local` value in UTC (members start in UTC until they choose a zone). */
const local = (date: Date) => date.toISOString().slice(0, 16);
const customerIdIn = (res: Response) =>
  /\/ledger\/customers\/([a-z2-7]{26})/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

/** The CSS a page links to, fetched from the built server. */
async function stylesOf(html: string): Promise<string> {
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(hrefs.length).toBeGreaterThan(0);
  const sheets = await Promise.all(
    hrefs.map(async (h) => (await fetch(new URL(h, ctx.server.origin))).text()),
  );
  return sheets.join('\n');
}

describe('ledger polish (issue 18)', () => {
  it('stretches only text-like inputs in form fields: radios and checkboxes keep their size', async () => {
    const { v } = await ctx.person();
    const html = await (await v.get('/ledger/customers')).text();
    expect(html).toContain('type="radio" name="startingBalance"');
    const css = await stylesOf(html);
    const stretched = [...css.matchAll(/([^{}]*)\{[^}]*width:100%[^}]*\}/g)].map((m) => m[1] ?? '');
    const inputRules = stretched.filter((selector) => /\.field input/.test(selector));
    expect(inputRules.length).toBeGreaterThan(0);
    for (const selector of inputRules) {
      for (const part of selector.split(',').filter((p) => p.includes('.field input'))) {
        expect(part, 'a width:100% rule reaching radios and checkboxes').toMatch(/:not\(\[type=checkbox\]/);
      }
    }
  });

  it('guards every ledger create form with a submission id: the same form twice saves once, a new form with the same words saves again', async () => {
    const { v, userId } = await ctx.person();
    const customerForm = [sub(), ['name', 'Gus Gray']] as [string, string][];
    const added = await Promise.all(
      Array.from({ length: 5 }, () => postForm(v, '/ledger/customers', customerForm)),
    );
    expect(new Set(added.map(customerIdIn)).size).toBe(1);
    const customer = customerIdIn(added[0] as Response);
    expect(
      await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.userId, userId)),
    ).toHaveLength(1);

    const due = local(new Date(Date.now() + 5 * HOUR));
    const promise = (submission: [string, string]): [string, string][] => [
      submission,
      ['customerId', customer],
      ['text', 'Send the signed order'],
      ['due', due],
    ];
    const first = sub();
    const twice = await Promise.all([1, 2, 3].map(() => postForm(v, '/ledger/promises/new', promise(first))));
    expect(twice.map((r) => r.status)).toEqual([303, 303, 303]);
    const rows = () =>
      ctx.db
        .select()
        .from(ledgerPromises)
        .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, customer)));
    const [stored] = await rows();
    expect(await rows()).toHaveLength(1);
    await postForm(v, `/ledger/promises/${stored?.id}/outcome`, [['outcome', 'kept']]);

    // Minutes later the same words to the same customer, from a new form: a new promise, shown.
    const again = await postForm(v, '/ledger/promises/new', [
      ...promise(sub()),
      ['back', `/ledger/customers/${customer}`],
    ]);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/ledger/customers/${customer}?saved=promise`);
    expect((await rows()).filter((r) => r.outcome === null)).toHaveLength(1);
    const page = await (await v.get(`/ledger/customers/${customer}`)).text();
    expect(page).toContain('Next open promise');
    expect(page.split('Send the signed order').length).toBeGreaterThan(2);

    // The same id with other words (a second tab of one cached form) is a second promise, not a duplicate.
    const copy = await postForm(v, '/ledger/promises/new', [
      first,
      ['customerId', customer],
      ['text', 'Book the kickoff'],
      ['due', due],
    ]);
    expect(copy.status).toBe(303);
    expect((await rows()).map((r) => r.text).sort()).toEqual([
      'Book the kickoff',
      'Send the signed order',
      'Send the signed order',
    ]);

    // Without an id nothing is saved, and the form says why.
    for (const path of ['/ledger/promises/new', '/ledger/customers']) {
      const missing = await postForm(v, path, [
        ['customerId', customer],
        ['name', 'Hal'],
        ['text', 'x'],
        ['due', due],
      ]);
      expect(missing.status, path).toBe(400);
      expect(await missing.text(), path).toContain('missing its submission id');
    }
    expect(await rows()).toHaveLength(3);
    expect(
      await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.userId, userId)),
    ).toHaveLength(1);

    // Each form shown carries its own id; one sent back after an error keeps it.
    const forms = await Promise.all([
      v.get('/ledger'),
      v.get(`/ledger/customers/${customer}`),
      v.get('/ledger/customers'),
    ]);
    for (const res of forms) expect(await res.text()).toMatch(/name="submission" value="[a-z2-7]{26}"/);
    const kept = sub();
    const invalid = await postForm(v, '/ledger/promises/new', [
      kept,
      ['customerId', customer],
      ['text', ''],
      ['due', due],
    ]);
    expect(await invalid.text()).toContain(`name="submission" value="${kept[1]}"`);
  });
});
