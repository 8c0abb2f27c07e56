import { ledgerCustomers, ledgerPromiseEvents, ledgerPromises } from '@db/schema';
import { and, eq } from 'drizzle-orm';
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

/** The CSS a page links to, fetched from the built server. */
async function stylesOf(html: string): Promise<string> {
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(hrefs.length).toBeGreaterThan(0);
  const sheets = await Promise.all(
    hrefs.map(async (h) => (await fetch(new URL(h, ctx.server.origin))).text()),
  );
  return sheets.join('\n');
}

const balanceIn = (html: string) => /data-testid="balance">([^<]+)</.exec(html)?.[1];

/** A customer (starting at −20) with one promise made two days ago, due `dueInHours` from now. */
async function customerWithPromise(v: Visitor, userId: string, name: string, dueInHours: number) {
  const added = await postLedger(v, '/ledger/customers', [sub(), ['name', name], ['startingBalance', '-20']]);
  const customer = customerIdIn(added);
  const now = Date.now();
  await postLedger(v, '/ledger/promises/new', [
    sub(),
    ['customerId', customer],
    ['text', `Promise to ${name}`],
    ['made', local(new Date(now - 48 * HOUR))],
    ['due', local(new Date(now + dueInHours * HOUR))],
  ]);
  const [row] = await ctx.db
    .select()
    .from(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, customer)));
  if (!row) throw new Error('promise not stored');
  return { customer, promise: row.id, page: `/ledger/customers/${customer}` };
}

const eventsOf = (promiseId: string) =>
  ctx.db.select().from(ledgerPromiseEvents).where(eq(ledgerPromiseEvents.promiseId, promiseId));
const promiseRow = async (promiseId: string) =>
  (await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.id, promiseId)))[0];

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
      Array.from({ length: 5 }, () => postLedger(v, '/ledger/customers', customerForm)),
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
    const twice = await Promise.all(
      [1, 2, 3].map(() => postLedger(v, '/ledger/promises/new', promise(first))),
    );
    expect(twice.map((r) => r.status)).toEqual([303, 303, 303]);
    const rows = () =>
      ctx.db
        .select()
        .from(ledgerPromises)
        .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, customer)));
    const [stored] = await rows();
    expect(await rows()).toHaveLength(1);
    await postLedger(v, `/ledger/promises/${stored?.id}/outcome`, [['outcome', 'kept']]);

    // Minutes later the same words to the same customer, from a new form: a new promise, shown.
    const again = await postLedger(v, '/ledger/promises/new', [
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
    const copy = await postLedger(v, '/ledger/promises/new', [
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
      const missing = await postLedger(v, path, [
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
    const invalid = await postLedger(v, '/ledger/promises/new', [
      kept,
      ['customerId', customer],
      ['text', ''],
      ['due', due],
    ]);
    expect(await invalid.text()).toContain(`name="submission" value="${kept[1]}"`);
  });

  it('renegotiating asks for the new due time, keeps the promise open with it and costs 2 once; a past time is refused', async () => {
    const { v, userId } = await ctx.person();
    const other = await ctx.person();
    const { customer, promise, page } = await customerWithPromise(v, userId, 'Rita', 5);
    const before = await (await v.get(page)).text();
    expect(before).toContain(
      `href="/ledger/promises/${promise}/renegotiate?back=%2Fledger%2Fcustomers%2F${customer}"`,
    );
    expect(before).not.toContain('value="renegotiated"');
    const form = await v.get(`/ledger/promises/${promise}/renegotiate?back=${encodeURIComponent(page)}`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('New due time you agreed');
    expect(formHtml).toContain('type="datetime-local"');

    // Not a new due time in the past, and not the same one.
    const past = await postLedger(v, `/ledger/promises/${promise}/renegotiate`, [
      ['due', local(new Date(Date.now() - HOUR))],
      ['back', page],
    ]);
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('The new due time is in the past');
    const { dueAt: firstDue } = (await promiseRow(promise)) ?? { dueAt: null };
    expect(await eventsOf(promise)).toEqual([]);
    // The old way (an outcome) is refused and says what renegotiating is.
    const asOutcome = await postLedger(v, `/ledger/promises/${promise}/outcome`, [
      ['outcome', 'renegotiated'],
    ]);
    expect(asOutcome.status).toBe(400);
    expect(await asOutcome.text()).toContain('agreeing a new due time');

    const newDue = new Date(Date.now() + 72 * HOUR);
    newDue.setUTCSeconds(0, 0);
    const fields: [string, string][] = [
      ['due', local(newDue)],
      ['back', page],
    ];
    const sent = await Promise.all(
      [1, 2].map(() => postLedger(v, `/ledger/promises/${promise}/renegotiate`, fields)),
    );
    expect(sent.map((r) => r.status)).toEqual([303, 303]);
    expect(sent[0]?.headers.get('location')).toBe(`${page}?renegotiated=${promise}&customer=${customer}`);
    const row = await promiseRow(promise);
    expect(row?.outcome).toBeNull();
    expect(row?.dueAt.toISOString()).toBe(newDue.toISOString());
    const events = await eventsOf(promise);
    expect(events.map((e) => [e.kind, e.fromDueAt?.getTime(), e.toDueAt?.toISOString()])).toEqual([
      ['renegotiated', firstDue?.getTime(), newDue.toISOString()],
    ]);
    const after = await (await v.get(sent[0]?.headers.get('location') ?? '')).text();
    expect(balanceIn(after)).toBe('−22');
    expect(after).toContain('is now due');
    expect(after).not.toContain('Repair starts');
    expect(after).toContain('Renegotiated before it was due');
    expect(after).toContain('Due moved from');
    expect(after).toContain('Next open promise');

    // From the today view it comes back there, with copy that fits.
    const today = await (await v.get(`/ledger?renegotiated=${promise}&customer=${customer}`)).text();
    expect(today).toContain('is now due');
    expect(today).not.toContain('Repair starts');

    // Kept by the new time: +10 after the −2, and kept on time.
    await postLedger(v, `/ledger/promises/${promise}/outcome`, [['outcome', 'kept']]);
    const kept = await (await v.get(page)).text();
    expect(balanceIn(kept)).toBe('−12');
    expect(kept).toContain('100%');

    // Anyone else's promise is a 404, and nothing moves.
    expect((await other.v.get(`/ledger/promises/${promise}/renegotiate`)).status).toBe(404);
    const foreign = await postLedger(other.v, `/ledger/promises/${promise}/renegotiate`, fields);
    expect(foreign.status).toBe(404);
    expect(await eventsOf(promise)).toHaveLength(1);
  });

  it('undoes an outcome right after recording it and corrects one later, on the record; balances and the rate follow', async () => {
    const { v, userId } = await ctx.person();
    const other = await ctx.person();
    const { customer, promise, page } = await customerWithPromise(v, userId, 'Uma', -1);

    const broken = await postLedger(v, `/ledger/promises/${promise}/outcome`, [
      ['outcome', 'broken'],
      ['back', '/ledger'],
    ]);
    const note = broken.headers.get('location') ?? '';
    expect(note).toBe(`/ledger?recorded=broken&customer=${customer}&promise=${promise}`);
    const confirmation = await (await v.get(note)).text();
    expect(confirmation).toContain(`action="/ledger/promises/${promise}/undo?_action=ledger.undoOutcome"`);
    expect(balanceIn(await (await v.get(page)).text())).toBe('−40');

    // Anyone else gets a 404 and changes nothing.
    expect((await postLedger(other.v, `/ledger/promises/${promise}/undo`, [])).status).toBe(404);
    expect(
      (await postLedger(other.v, `/ledger/promises/${promise}/correct`, [['outcome', 'kept']])).status,
    ).toBe(404);
    expect((await promiseRow(promise))?.outcome).toBe('broken');

    const undone = await Promise.all(
      [1, 2].map(() => postLedger(v, `/ledger/promises/${promise}/undo`, [['back', '/ledger']])),
    );
    expect(undone.map((r) => r.status)).toEqual([303, 303]);
    expect(undone[0]?.headers.get('location')).toBe(`/ledger?undone=1&customer=${customer}`);
    expect(await (await v.get(undone[0]?.headers.get('location') ?? '')).text()).toContain(
      'the promise is open again',
    );
    expect(await promiseRow(promise)).toMatchObject({ outcome: null, resolvedAt: null });
    let html = await (await v.get(page)).text();
    expect(balanceIn(html)).toBe('−20');
    expect(html).toContain('Outcomes undone');
    expect(html).toContain('broken recorded');
    expect((await eventsOf(promise)).map((e) => [e.kind, e.fromOutcome])).toEqual([['undone', 'broken']]);

    // Recorded again, then corrected later from the customer's page.
    await postLedger(v, `/ledger/promises/${promise}/outcome`, [['outcome', 'broken']]);
    const recordedAt = (await promiseRow(promise))?.resolvedAt;
    html = await (await v.get(page)).text();
    expect(html).toContain(`action="/ledger/promises/${promise}/correct?_action=ledger.correctOutcome"`);
    expect(html).toContain('0%');
    const toRenegotiated = await postLedger(v, `/ledger/promises/${promise}/correct`, [
      ['outcome', 'renegotiated'],
    ]);
    expect(toRenegotiated.status).toBe(400);
    const corrected = await postLedger(v, `/ledger/promises/${promise}/correct`, [
      ['outcome', 'late'],
      ['back', page],
    ]);
    expect(corrected.status).toBe(303);
    expect(corrected.headers.get('location')).toBe(`${page}?corrected=1#ledger-title`);
    expect(await promiseRow(promise)).toMatchObject({ outcome: 'late', resolvedAt: recordedAt });
    html = await (await v.get(`${page}?corrected=1`)).text();
    expect(balanceIn(html)).toBe('−17');
    expect(html).toContain('Outcome corrected');
    expect(html).toMatch(
      /Corrected on (?:<time[^>]*>)?\w{3}, \d+ \w{3} \d{4}, \d{1,2}(?::\d{2})? [ap]m(?:<\/time>)?: recorded first as broken, changed to kept late\./,
    );
    // Corrected again, to kept on time: the rate follows.
    await postLedger(v, `/ledger/promises/${promise}/correct`, [['outcome', 'kept']]);
    html = await (await v.get(page)).text();
    expect(balanceIn(html)).toBe('−10');
    expect(html).toContain('100%');
    expect((await eventsOf(promise)).map((e) => [e.kind, e.fromOutcome, e.toOutcome])).toEqual([
      ['undone', 'broken', null],
      ['corrected', 'broken', 'late'],
      ['corrected', 'late', 'kept'],
    ]);
    const customers = await (await v.get('/ledger/customers')).text();
    expect(customers).toContain('−10');
  });

  it('exports the ledger with times in the member’s zone, named in the headers; the customers file still imports back', async () => {
    const { v, userId } = await ctx.person();
    await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'America/New_York'],
    ]);
    const added = await postLedger(v, '/ledger/customers', [sub(), ['name', 'Nora'], ['company', 'Acme']]);
    const customer = customerIdIn(added);
    await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Winter call'],
      ['made', '2026-01-10T09:00'],
      ['due', '2030-01-12T17:00'],
    ]);
    await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Summer call'],
      ['made', '2026-07-01T08:30'],
      ['due', '2030-07-02T17:00'],
    ]);
    const [winter] = await ctx.db
      .select()
      .from(ledgerPromises)
      .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.text, 'Winter call')));
    // Stored in UTC (17:00 in New York is 22:00 UTC in winter, 21:00 in summer), exported as the member reads it.
    expect(winter?.dueAt.toISOString()).toBe('2030-01-12T22:00:00.000Z');
    const csv = (await (await v.get('/ledger/export.csv')).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe(
      'customer,company,promise,channel,made_at (America/New_York),due_at (America/New_York),outcome,recorded_at (America/New_York)',
    );
    expect(csv).toContain('Nora,Acme,Winter call,call,2026-01-10 09:00,2030-01-12 17:00,open,');
    expect(csv).toContain('Nora,Acme,Summer call,call,2026-07-01 08:30,2030-07-02 17:00,open,');

    // The customers file (no times) goes out and comes back in unchanged, into another member's ledger.
    const customersCsv = await (await v.get('/ledger/customers.csv')).text();
    const other = await ctx.person();
    const upload = (step: string) => {
      const form = new FormData();
      form.set('step', step);
      form.set('csv', customersCsv);
      return other.v.request('/ledger/import?_action=ledger.importCustomers', {
        method: 'POST',
        headers: { Origin: other.v.origin },
        body: form,
      });
    };
    const checked = await upload('preview');
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain('Import 1 customer');
    expect((await upload('import')).status).toBe(303);
    expect(await (await other.v.get('/ledger/customers.csv')).text()).toBe(customersCsv);
  });

  it('shows the calendar feed and share links in a read-only field with a copy script from the build, and the feed as webcal://; lessons stay script-free', async () => {
    const { v } = await ctx.person();
    const created = await postLedger(v, '/ledger/settings', [['intent', 'feed-create']]);
    const html = await created.text();
    const url = /id="feed-url" type="text" readonly value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/[^/]+\/ledger\/feed\/[a-z2-7]{32}\.ics$/);
    expect(html).toContain(`href="${url.replace(/^http:/, 'webcal:')}"`);
    expect(html).toContain('>Subscribe in your calendar app</a>');
    // The copy button is there for the script to reveal; without JavaScript the field alone is the way.
    expect(html).toMatch(/<button[^>]*data-copy-for="feed-url" hidden[^>]*>Copy<\/button>/);
    // No inline script (the CSP forbids it): module files served from the build, one of them the copy script.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const sources = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThan(0);
    const texts: string[] = [];
    for (const src of sources) {
      expect(src).toMatch(/^\/_astro\/.+\.js$/);
      const script = await fetch(new URL(src, ctx.server.origin));
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toContain('javascript');
      texts.push(await script.text());
    }
    expect(texts.some((t) => t.includes('clipboard'))).toBe(true);

    const lesson = /href="(\/lessons\/[a-z0-9-]+)"/.exec(await (await v.get('/lessons')).text())?.[1];
    expect(lesson).toBeDefined();
    const lessonHtml = await (await v.get(lesson ?? '')).text();
    expect(lessonHtml).toContain('<h1');
    expect(lessonHtml).not.toContain('<script');
  });

  it('suggests a time zone until one is saved: a guess from the browser’s language, said to be one; the browser’s own with JavaScript', async () => {
    const { v } = await ctx.person();
    const settings = async (language: string | null) => {
      const res = await v.request(
        '/ledger/settings',
        language ? { headers: { 'Accept-Language': language } } : {},
      );
      expect(res.status).toBe(200);
      return res.text();
    };
    const selected = (html: string) => /<option value="([^"]+)" selected>/.exec(html)?.[1];
    for (const [language, zone] of [
      ['de-DE,de;q=0.9,en;q=0.8', 'Europe/Berlin'],
      ['en-GB', 'Europe/London'],
    ] as const) {
      const html = await settings(language);
      expect(selected(html), language).toBe(zone);
      expect(html).toContain(
        `${zone.replaceAll('_', ' ')} is a guess from your browser’s language. Check it and save.`,
      );
    }
    // No guess where the language's region keeps several clocks, or with no language: UTC, said plainly,
    // and no "check the suggestion" for a suggestion that is not there.
    for (const language of ['en-US,en;q=0.9', 'pt-BR', null, '*']) {
      const html = await settings(language);
      expect(selected(html), String(language)).toBe('UTC');
      expect(html).toContain(
        'Not saved yet: times are shown in UTC until you choose your time zone here and save.',
      );
      expect(html).not.toContain('suggestion');
      expect(html).not.toContain('is a guess');
    }
    // With JavaScript the page fills in the browser's own zone: a module file from the build, no inline script.
    const html = await settings('en-US');
    expect(html).toContain('data-browser-zone="fill"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const src = /<script type="module" src="([^"]+)"/.exec(html)?.[1] ?? '';
    const script = await (await fetch(new URL(src, ctx.server.origin))).text();
    expect(script).toContain('resolvedOptions().timeZone');

    // Once saved, the saved zone is shown and nothing is guessed or filled.
    await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'Asia/Tokyo'],
    ]);
    const saved = await settings('en-US');
    expect(selected(saved)).toBe('Asia/Tokyo');
    expect(saved).not.toContain('Not saved yet');
    expect(saved).not.toContain('data-browser-zone');
  });
});
