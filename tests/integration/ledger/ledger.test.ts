import { grants, ledgerCustomers, ledgerPromises, ledgerSettings } from '@db/schema';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { grantMembership } from '../../factories/grants';
import type { Visitor } from '../../support/browser-less';
import { LEARNER_PASSWORD, useLearningServer } from '../../support/learning';
import { postLedger, sub } from '../../support/ledger';

const ctx = useLearningServer();
const HOUR = 3_600_000;

/** A `datetime-local` value in UTC (members start in UTC until they choose a zone). */
const local = (date: Date) => date.toISOString().slice(0, 16);

async function addCustomer(v: Visitor, name: string, fields: [string, string][] = []): Promise<string> {
  const res = await postLedger(v, '/ledger/customers', [sub(), ['name', name], ...fields]);
  expect(res.status).toBe(303);
  const id = /\/ledger\/customers\/([a-z2-7]{26})/.exec(res.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`no customer id in ${res.headers.get('location')}`);
  return id;
}

async function addPromise(
  v: Visitor,
  customerId: string,
  text: string,
  madeAt: Date,
  dueAt: Date,
): Promise<string> {
  const res = await postLedger(v, '/ledger/promises/new', [
    sub(),
    ['customerId', customerId],
    ['text', text],
    ['made', local(madeAt)],
    ['due', local(dueAt)],
    ['back', `/ledger/customers/${customerId}`],
  ]);
  expect(res.status).toBe(303);
  const [row] = await ctx.db
    .select({ id: ledgerPromises.id })
    .from(ledgerPromises)
    .where(eq(ledgerPromises.text, text));
  if (!row) throw new Error('promise not stored');
  return row.id;
}

const balanceIn = (html: string) => /data-testid="balance">([^<]+)</.exec(html)?.[1];

describe('the promise ledger', () => {
  it('shows non-members what the ledger is and how to start a trial; sends visitors to log in for its pages', async () => {
    const { v } = await ctx.person({ member: false });
    const page = await v.get('/ledger');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The promise ledger is for members');
    expect(html).toContain('Start my free 7-day trial');
    expect(html).not.toContain('<li><a href="/ledger" aria-current="page">Ledger</a></li>');
    expect((await v.get('/ledger/customers')).headers.get('location')).toBe('/ledger');
    const anonymous = await fetch(`${ctx.server.origin}/ledger/customers`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fledger%2Fcustomers');
  });

  it('records promises and outcomes: kept raises the balance, broken lowers it more; today lists what is due', async () => {
    const { v } = await ctx.person({ name: 'Mia Member' });
    expect(await (await v.get('/dashboard')).text()).toContain('<a href="/ledger">Ledger</a>');
    const customer = await addCustomer(v, 'Ana <b>Alvarez</b>', [
      ['company', 'Acme'],
      ['startingBalance', '-20'],
    ]);
    const now = Date.now();
    const first = await addPromise(
      v,
      customer,
      'Call with the status',
      new Date(now - 48 * HOUR),
      new Date(now - HOUR),
    );
    const second = await addPromise(
      v,
      customer,
      'Send the quote',
      new Date(now - 48 * HOUR),
      new Date(now - 2 * HOUR),
    );

    const today = await (await v.get('/ledger')).text();
    expect(today).toContain('Call with the status');
    expect(today).toContain('Ana &lt;b&gt;Alvarez&lt;/b&gt;');
    expect(today).not.toContain('<b>Alvarez</b>');

    const kept = await postLedger(v, `/ledger/promises/${first}/outcome`, [
      ['outcome', 'kept'],
      ['back', '/ledger'],
    ]);
    expect(kept.status).toBe(303);
    expect(kept.headers.get('location')).toBe(`/ledger?recorded=kept&customer=${customer}&promise=${first}`);
    const prompt = await (await v.get(kept.headers.get('location') ?? '')).text();
    expect(prompt).toContain('the next small promise');
    // One promise form on the page: the next promise, in place of quick entry.
    expect(prompt.match(/<form[^>]*class="promise-form"/g)).toHaveLength(1);
    expect(prompt).not.toContain('id="quick-title"');
    expect((await (await v.get('/ledger')).text()).match(/<form[^>]*class="promise-form"/g)).toHaveLength(1);
    expect(balanceIn(await (await v.get(`/ledger/customers/${customer}`)).text())).toBe('−10');

    // Recorded once: a second click changes nothing.
    const again = await postLedger(v, `/ledger/promises/${first}/outcome`, [['outcome', 'broken']]);
    expect(again.status).toBe(400);
    // A renegotiation after the due time is refused.
    const late = await postLedger(v, `/ledger/promises/${second}/renegotiate`, [
      ['due', local(new Date(now + 48 * HOUR))],
    ]);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('only before the due time');

    await postLedger(v, `/ledger/promises/${second}/outcome`, [['outcome', 'broken']]);
    const page = await (await v.get(`/ledger/customers/${customer}`)).text();
    expect(balanceIn(page)).toBe('−30');
    expect(page).toContain('Trust balance of Ana &lt;b&gt;Alvarez&lt;/b&gt; over time');
    expect(page).toContain('50%'); // kept on time: 1 of 2
  });

  it('the cached today view changes on the very next request after a write, and is never another member’s', async () => {
    const a = await ctx.person({ name: 'Nia' });
    const b = await ctx.person({ name: 'Oto' });
    const empty = await (await a.v.get('/ledger')).text();
    expect(empty).toContain('Nothing is due today');
    expect(await (await a.v.get('/ledger')).text()).toBe(empty);
    const customer = await addCustomer(a.v, 'Pia');
    const now = Date.now();
    await addPromise(a.v, customer, 'Ring Pia back', new Date(now - 3 * HOUR), new Date(now - HOUR));
    const after = await (await a.v.get('/ledger')).text();
    expect(after).toContain('Ring Pia back');
    expect(after).toContain('Overdue since');
    const other = await (await b.v.get('/ledger')).text();
    expect(other).not.toContain('Ring Pia back');
    expect(other).toContain('Account of </span>Oto');
  });

  it('records one promise and one outcome however often the same form is sent', async () => {
    const { v, userId } = await ctx.person();
    const customer = await addCustomer(v, 'Quinn');
    const fields: [string, string][] = [
      sub(),
      ['customerId', customer],
      ['text', 'Email the agenda'],
      ['due', local(new Date(Date.now() + 5 * HOUR))],
    ];
    const sent = await Promise.all(
      Array.from({ length: 20 }, () => postLedger(v, '/ledger/promises/new', fields)),
    );
    expect(sent.map((r) => r.status)).toEqual(Array(20).fill(303));
    const rows = await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.userId, userId));
    expect(rows).toHaveLength(1);
    const id = rows[0]?.id ?? '';
    const clicks = await Promise.all(
      Array.from({ length: 5 }, () => postLedger(v, `/ledger/promises/${id}/outcome`, [['outcome', 'kept']])),
    );
    expect(clicks.map((r) => r.status)).toEqual(Array(5).fill(303));
    expect(balanceIn(await (await v.get(`/ledger/customers/${customer}`)).text())).toBe('+10');
  });

  it('refuses bad input clearly and stores nothing', async () => {
    const { v, userId } = await ctx.person();
    const customer = await addCustomer(v, 'Ben');
    const now = Date.now();
    const cases: [string, [string, string][], string][] = [
      [
        'due before made',
        [
          ['customerId', customer],
          ['text', 'x'],
          ['made', local(new Date(now - HOUR))],
          ['due', local(new Date(now - 2 * HOUR))],
        ],
        'must be after',
      ],
      [
        'unknown customer',
        [
          ['customerId', 'a'.repeat(26)],
          ['text', 'x'],
          ['due', local(new Date(now + HOUR))],
        ],
        'Choose a customer',
      ],
      [
        'no text',
        [
          ['customerId', customer],
          ['text', ' '],
          ['due', local(new Date(now + HOUR))],
        ],
        'Say what you promised',
      ],
      [
        'a date that does not exist',
        [
          ['customerId', customer],
          ['text', 'x'],
          ['due', '2026-02-30T10:00'],
        ],
        'due date and time',
      ],
      [
        'an unknown channel',
        [
          ['customerId', customer],
          ['text', 'x'],
          ['due', local(new Date(now + HOUR))],
          ['channel', 'pigeon'],
        ],
        'call, email or meeting',
      ],
    ];
    for (const [name, fields, message] of cases) {
      const res = await postLedger(v, '/ledger/promises/new', [sub(), ...fields]);
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).toContain(message);
    }
    const badUtf8 = await v.request('/ledger/promises/new?_action=ledger.addPromise', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
      body: `submission=${sub()[1]}&customerId=${customer}&text=Call%FF%FE&due=${encodeURIComponent(local(new Date(now + HOUR)))}`,
    });
    expect(badUtf8.status).toBe(400);
    expect(await badUtf8.text()).toContain('could not be read');
    const huge = await postLedger(v, '/ledger/promises/new', [sub(), ['text', 'x'.repeat(20_000)]]);
    expect(huge.status).toBe(413);
    const json = await v.request('/ledger/promises/new?_action=ledger.addPromise', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: v.origin },
      body: '{}',
    });
    expect([403, 415]).toContain(json.status);
    const badCustomer = await postLedger(v, '/ledger/customers', [
      sub(),
      ['name', ''],
      ['startingBalance', '-1000'],
    ]);
    expect(badCustomer.status).toBe(400);
    expect(await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.userId, userId))).toEqual([]);
    expect(
      await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.userId, userId)),
    ).toHaveLength(1);
  });

  it('edits a customer’s details, keeping their promises, and refuses bad input keeping what was typed', async () => {
    const { v } = await ctx.person();
    const customer = await addCustomer(v, 'Bea Bauer', [['company', 'Old Co']]);
    const now = Date.now();
    const promise = await addPromise(
      v,
      customer,
      'Send the plan',
      new Date(now - 3 * HOUR),
      new Date(now - HOUR),
    );
    await postLedger(v, `/ledger/promises/${promise}/outcome`, [['outcome', 'kept']]);
    expect(balanceIn(await (await v.get(`/ledger/customers/${customer}`)).text())).toBe('+10');

    const form = await (await v.get(`/ledger/customers/${customer}/edit`)).text();
    expect(form).toContain('value="Bea Bauer"');
    expect(form).toContain('value="Old Co"');

    const bad = await postLedger(v, `/ledger/customers/${customer}/edit`, [
      ['intent', 'save'],
      ['name', '   '],
      ['company', 'New Co'],
      ['notes', 'Prefers email'],
    ]);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Give the customer a name.');
    expect(badHtml).toContain('value="New Co"');
    expect(badHtml).toContain('Prefers email</textarea>');
    const [unchanged] = await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.id, customer));
    expect(unchanged?.name).toBe('Bea Bauer');

    const saved = await postLedger(v, `/ledger/customers/${customer}/edit`, [
      ['intent', 'save'],
      ['name', 'Bea Becker'],
      ['company', 'New Co'],
      ['notes', 'Prefers email'],
      ['startingBalance', '-20'],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/ledger/customers/${customer}?updated=1`);
    const page = await (await v.get(saved.headers.get('location') ?? '')).text();
    expect(page).toContain('Changes saved.');
    expect(page).toContain('<h1>Bea Becker</h1>');
    expect(page).toContain('Prefers email');
    // The kept promise still counts; it now starts from the new balance.
    expect(balanceIn(page)).toBe('−10');
    const [row] = await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.id, promise));
    expect(row?.outcome).toBe('kept');
  });

  it('deletes a customer with their promises only once confirmed, and counts dependability without them', async () => {
    const { v } = await ctx.person();
    const kept = await addCustomer(v, 'Kim Kept');
    const gone = await addCustomer(v, 'Gus Gone');
    const now = Date.now();
    const keptPromise = await addPromise(v, kept, 'Call Kim', new Date(now - 3 * HOUR), new Date(now - HOUR));
    await postLedger(v, `/ledger/promises/${keptPromise}/outcome`, [['outcome', 'kept']]);
    for (const text of ['Mail Gus', 'Visit Gus']) {
      const id = await addPromise(v, gone, text, new Date(now - 3 * HOUR), new Date(now - HOUR));
      await postLedger(v, `/ledger/promises/${id}/outcome`, [['outcome', 'broken']]);
    }
    expect(await (await v.get('/ledger/customers')).text()).toContain('<strong>33%</strong>');

    const form = await (await v.get(`/ledger/customers/${gone}/edit`)).text();
    expect(form).toContain('Yes, delete Gus Gone and all 2 promises');
    const unconfirmed = await postLedger(v, `/ledger/customers/${gone}/edit`, [['intent', 'delete']]);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Tick the box to confirm');
    expect(
      await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.customerId, gone)),
    ).toHaveLength(2);

    const deleted = await postLedger(v, `/ledger/customers/${gone}/edit`, [
      ['intent', 'delete'],
      ['confirm', 'yes'],
    ]);
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/ledger/customers?deleted=2');
    const list = await (await v.get(deleted.headers.get('location') ?? '')).text();
    expect(list).toContain('Customer deleted, with the 2 promises made to them.');
    expect(list).not.toContain('Gus Gone');
    expect(list).toContain('<strong>100%</strong>');
    expect(await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.id, gone))).toHaveLength(0);
    expect(
      await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.customerId, gone)),
    ).toHaveLength(0);
    expect((await v.get(`/ledger/customers/${gone}`)).status).toBe(404);
    expect(await (await v.get('/ledger/export.csv')).text()).not.toContain('Gus');
    // Sent again (a double click, a reload), it is a customer that no longer exists.
    const again = await postLedger(v, `/ledger/customers/${gone}/edit`, [
      ['intent', 'delete'],
      ['confirm', 'yes'],
    ]);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('That customer is not in your ledger, so nothing was changed.');
  });

  it('keeps each member’s ledger their own: 404 for anyone else’s customer or promise', async () => {
    const a = await ctx.person();
    const b = await ctx.person();
    const customer = await addCustomer(a.v, 'Cara');
    const now = Date.now();
    const promise = await addPromise(
      a.v,
      customer,
      'Visit on Monday',
      new Date(now - HOUR),
      new Date(now + HOUR),
    );
    expect((await b.v.get(`/ledger/customers/${customer}`)).status).toBe(404);
    expect((await b.v.get(`/ledger/customers/${customer}/edit`)).status).toBe(404);
    const renamed = await postLedger(b.v, `/ledger/customers/${customer}/edit`, [['name', 'Taken']]);
    expect(renamed.status).toBe(404);
    const removed = await postLedger(b.v, `/ledger/customers/${customer}/edit`, [
      ['intent', 'delete'],
      ['confirm', 'yes'],
    ]);
    expect(removed.status).toBe(404);
    const [still] = await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.id, customer));
    expect(still?.name).toBe('Cara');
    expect(
      (await postLedger(b.v, `/ledger/promises/${promise}/outcome`, [['outcome', 'broken']])).status,
    ).toBe(404);
    const foreign = await postLedger(b.v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'sneaky'],
      ['due', local(new Date(now + HOUR))],
    ]);
    expect(foreign.status).toBe(400);
    const [row] = await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.id, promise));
    expect(row?.outcome).toBeNull();
    expect(await (await b.v.get('/ledger/export.csv')).text()).not.toContain('Cara');
    // Extra fields are ignored: the owner comes from the session.
    await postLedger(b.v, '/ledger/customers', [sub(), ['name', 'Dan'], ['userId', a.userId]]);
    expect(await (await a.v.get('/ledger/customers')).text()).not.toContain('Dan');
  });

  it('exports customers and imports them back (preview, per-row errors, all or nothing); CSV cells cannot run formulas', async () => {
    const a = await ctx.person();
    await addCustomer(a.v, '=HYPERLINK("http://evil.example","click")', [
      ['company', '+Acme'],
      ['startingBalance', '-50'],
    ]);
    await addCustomer(a.v, 'Eve, "the buyer"', [['notes', 'line one\nline two']]);
    const customersCsv = await (await a.v.get('/ledger/customers.csv')).text();
    expect(customersCsv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",'+Acme,,-50`);

    const b = await ctx.person();
    const upload = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, value] of Object.entries(fields)) form.set(k, value);
      return b.v.request('/ledger/import?_action=ledger.importCustomers', {
        method: 'POST',
        headers: { Origin: b.v.origin },
        body: form,
      });
    };
    const preview = await upload({ step: 'preview', csv: customersCsv });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('Import 2 customers');
    const done = await upload({ step: 'import', csv: customersCsv });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/ledger/customers?imported=2');
    expect(await (await b.v.get('/ledger/customers.csv')).text()).toBe(customersCsv);

    // The same file again: every row is a duplicate now, and nothing is imported.
    const twice = await upload({ step: 'import', csv: customersCsv });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('already in your ledger');
    const mixed = await upload({ step: 'import', csv: 'name,starting_balance\nFay,0\nGus,-999\n' });
    expect(mixed.status).toBe(400);
    const tooMany = await upload({
      step: 'preview',
      csv: `name\n${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join('\n')}`,
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('more than 1,000 customers');
    const malformed = await upload({ step: 'preview', csv: 'name\n"unclosed\n' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('could not be read as CSV');
    const names = await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.userId, b.userId));
    expect(names).toHaveLength(2);
    const big = await upload({ step: 'preview', csv: 'x'.repeat(600 * 1024) });
    expect(big.status).toBe(413);

    const ledgerCsv = await (await a.v.get('/ledger/export.csv')).text();
    expect(ledgerCsv.split('\r\n')[0]).toBe(
      'customer,company,promise,channel,made_at (UTC),due_at (UTC),outcome,recorded_at (UTC)',
    );
  });

  it('serves a calendar feed at a secret URL until it is revoked or replaced', async () => {
    const { v } = await ctx.person();
    const customer = await addCustomer(v, 'Hana');
    const now = Date.now();
    await addPromise(
      v,
      customer,
      'Send the contract, signed',
      new Date(now - HOUR),
      new Date(now + 5 * HOUR),
    );
    const created = await (await postLedger(v, '/ledger/settings', [['intent', 'feed-create']])).text();
    const url = /id="feed-url" type="text" readonly value="([^"]+)"/.exec(created)?.[1] ?? '';
    expect(url).toMatch(/\/ledger\/feed\/[a-z2-7]{32}\.ics$/);
    const path = new URL(url).pathname;
    const feed = await fetch(`${ctx.server.origin}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).summary)).toEqual([
      'Promise to Hana: Send the contract, signed',
    ]);

    const replaced = await (await postLedger(v, '/ledger/settings', [['intent', 'feed-create']])).text();
    const next = new URL(/id="feed-url" type="text" readonly value="([^"]+)"/.exec(replaced)?.[1] ?? '')
      .pathname;
    expect((await fetch(`${ctx.server.origin}${path}`)).status).toBe(404);
    expect((await fetch(`${ctx.server.origin}${next}`)).status).toBe(200);
    await postLedger(v, '/ledger/settings', [['intent', 'feed-revoke']]);
    expect((await fetch(`${ctx.server.origin}${next}`)).status).toBe(404);
    expect((await fetch(`${ctx.server.origin}/ledger/feed/${'a'.repeat(32)}.ics`)).status).toBe(404);
  });

  it('stops listing promises in the calendar feed when membership ends, like the rest of the ledger', async () => {
    const { v, userId } = await ctx.person();
    const customer = await addCustomer(v, 'Iris');
    const now = Date.now();
    await addPromise(v, customer, 'Call about the renewal', new Date(now - HOUR), new Date(now + 5 * HOUR));
    const created = await (await postLedger(v, '/ledger/settings', [['intent', 'feed-create']])).text();
    const path = new URL(/id="feed-url" type="text" readonly value="([^"]+)"/.exec(created)?.[1] ?? '')
      .pathname;
    const events = async () => {
      const feed = await fetch(`${ctx.server.origin}${path}`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
      return {
        summaries: calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).summary),
        note: String(calendar.getFirstPropertyValue('x-wr-caldesc') ?? ''),
      };
    };
    expect((await events()).summaries).toEqual(['Promise to Iris: Call about the renewal']);
    // Membership ends (the grant's end passes).
    await ctx.db
      .update(grants)
      .set({ endsAt: new Date(Date.now() - 1000) })
      .where(eq(grants.userId, userId));
    expect((await v.get('/ledger/customers')).status).toBe(303);
    const ended = await events();
    expect(ended.summaries).toEqual([]);
    expect(ended.note).toContain('membership has ended');
    // Back as a member, the same address lists the promises again.
    await grantMembership(ctx.db, userId, { from: new Date() });
    expect((await events()).summaries).toEqual(['Promise to Iris: Call about the renewal']);
  });

  it('reads and shows times in the member’s time zone, stored in UTC', async () => {
    const { v, userId } = await ctx.person();
    const bad = await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'Mars/Base'],
    ]);
    expect(bad.status).toBe(400);
    await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'Asia/Tokyo'],
      ['digest', 'on'],
    ]);
    const [settings] = await ctx.db.select().from(ledgerSettings).where(eq(ledgerSettings.userId, userId));
    expect(settings).toMatchObject({ timeZone: 'Asia/Tokyo', digest: true });
    const customer = await addCustomer(v, 'Ivo');
    await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Tokyo time'],
      ['made', '2026-01-01T09:00'],
      ['due', '2030-01-02T17:00'],
    ]);
    const [row] = await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.text, 'Tokyo time'));
    expect(row?.dueAt.toISOString()).toBe('2030-01-02T08:00:00.000Z');
    expect(row?.madeAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('puts the ledger in the data download and deletes it with the account', async () => {
    const { v, userId } = await ctx.person();
    const customer = await addCustomer(v, 'Jo');
    await addPromise(v, customer, 'Ring Jo', new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));
    const data = (await (await v.get('/account/data.json')).json()) as {
      promiseLedger: { customers: { name: string }[]; promises: { text: string }[] };
    };
    expect(data.promiseLedger.customers.map((c) => c.name)).toEqual(['Jo']);
    expect(data.promiseLedger.promises.map((p) => p.text)).toEqual(['Ring Jo']);
    const res = await v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(res.headers.get('location')).toBe('/account/deleted');
    expect(await ctx.db.select().from(ledgerCustomers).where(eq(ledgerCustomers.userId, userId))).toEqual([]);
    expect(await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.userId, userId))).toEqual([]);
  });
});
