import { ledgerPromises } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useLearningServer } from '../../support/learning';
import { postLedger, sub } from '../../support/ledger';

const ctx = useLearningServer();
const HOUR = 3_600_000;
/** A `datetime-local` value in UTC (members start in UTC until they choose a zone). */
const local = (date: Date) => date.toISOString().slice(0, 16);
const customerIdIn = (res: Response) =>
  /\/ledger\/customers\/([a-z2-7]{26})/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

/** The wide drawing of the balance chart on a customer's page. */
const wideChart = (html: string) => {
  const start = html.indexOf('balance-chart-wide');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</svg>', start));
};

describe('balance chart on a new customer’s first day (review 3)', () => {
  it('shows no chart before the first outcome, only where the balance starts and what will move it', async () => {
    const { v } = await ctx.person();
    const created = await postLedger(v, '/ledger/customers', [
      sub(),
      ['name', 'Brand New'],
      ['startingBalance', '-20'],
    ]);
    const html = await (await v.get(`/ledger/customers/${customerIdIn(created)}`)).text();
    expect(html).not.toContain('balance-chart');
    expect(html).toMatch(/No history yet\.<\/strong> Brand New starts at \u221220\./);
  });

  it('spreads changes recorded moments apart, colours a deposit as one, and keeps the axis to the hour', async () => {
    const { v } = await ctx.person();
    const created = await postLedger(v, '/ledger/customers', [
      sub(),
      ['name', 'Day One'],
      ['startingBalance', '-20'],
    ]);
    const customer = customerIdIn(created);
    expect(customer).not.toBe('');
    const made = await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Send the deck'],
      ['made', local(new Date(Date.now() - HOUR))],
      ['due', local(new Date(Date.now() + 2 * HOUR))],
    ]);
    expect(made.status).toBe(303);
    const [row] = await ctx.db.select().from(ledgerPromises).where(eq(ledgerPromises.text, 'Send the deck'));
    const kept = await postLedger(v, `/ledger/promises/${row?.id}/outcome`, [
      ['outcome', 'kept'],
      ['back', `/ledger/customers/${customer}`],
    ]);
    expect(kept.status).toBe(303);

    const html = await (await v.get(`/ledger/customers/${customer}`)).text();
    const chart = wideChart(html);
    const dots = [...chart.matchAll(/<circle class="balance-dot (\w+)" cx="([\d.]+)"/g)].map((m) => ({
      kind: m[1],
      x: Number(m[2]),
    }));
    // The starting balance (−20) and a +10 kept promise: a deposit, though the balance is still below zero.
    expect(dots.map((d) => d.kind)).toEqual(['start', 'deposit']);
    expect((dots[1]?.x ?? 0) - (dots[0]?.x ?? 0)).toBeGreaterThanOrEqual(14);
    // An hour-long axis ticks in minutes, not a day back with only the last hours' ticks.
    expect(chart).toContain('1 deposit and 0 withdrawals');
    const tickTimes = [...chart.matchAll(/<tspan[^>]*>(\d{1,2}(?::\d\d)? [ap]m)<\/tspan>/g)].map((m) => m[1]);
    expect(tickTimes.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('class="chart-legend"');
  });
});

describe('ledger times before a zone is saved (review 3)', () => {
  it('marks each time with its instant for the browser to show in its zone, and the cached today view is one page for all', async () => {
    const { v } = await ctx.person();
    const customer = customerIdIn(await postLedger(v, '/ledger/customers', [sub(), ['name', 'Zoe Zone']]));
    const due = new Date(Math.ceil((Date.now() + 2 * HOUR) / 60_000) * 60_000);
    const made = await postLedger(v, '/ledger/promises/new', [
      sub(),
      ['customerId', customer],
      ['text', 'Call Zoe back'],
      ['due', local(due)],
    ]);
    expect(made.status).toBe(303);
    for (const path of ['/ledger', '/ledger/promises', `/ledger/customers/${customer}`]) {
      const html = await (await v.get(path)).text();
      expect(html, path).toContain(`<time datetime="${due.toISOString()}" data-ledger-time>`);
      expect(html, path).toContain('data-zone-unset');
      expect(html, path).toContain('Times are shown in UTC because you haven’t chosen your time zone yet.');
    }
    // Asked from Germany, the cached today view still names no zone: any rewriting is the browser's.
    const german = await (await v.request('/ledger', { headers: { 'accept-language': 'de-DE' } })).text();
    expect(german).not.toContain('Europe/Berlin');
    expect(german).toContain(`<time datetime="${due.toISOString()}" data-ledger-time>`);
  });
});

describe('the time zone list without JavaScript (review 3)', () => {
  it('suggests the zones of the browser language’s region first, then the rest by continent, with readable labels', async () => {
    const { v } = await ctx.person();
    const html = await (
      await v.request('/ledger/settings', { headers: { 'accept-language': 'en-US,en;q=0.9' } })
    ).text();
    const select = html.slice(html.indexOf('<select id="timeZone"'), html.indexOf('</select>'));
    const groups = [...select.matchAll(/<optgroup label="([^"]+)"/g)].map((m) => m[1]);
    expect(groups[0]).toBe('Suggested: United States');
    expect(groups).toEqual(expect.arrayContaining(['Europe', 'Americas', 'Asia']));
    // The US zones sit in the suggestions, once; the value is the canonical name, the label says more.
    const suggestions = select.slice(0, select.indexOf('</optgroup>'));
    expect(suggestions).toMatch(
      /<option value="America\/Chicago">America\/Chicago — Central Time \(UTC−[56]\)<\/option>/,
    );
    expect(select.match(/value="America\/Chicago"/g)).toHaveLength(1);
    // The clocks most people mean first (New York before Detroit), the country's other zones next.
    expect(groups[1]).toBe('More in United States');
    expect(suggestions.indexOf('America/New_York')).toBeGreaterThan(-1);
    expect(suggestions).not.toContain('America/Detroit');
    const more = select.slice(select.indexOf('More in United States'));
    expect(more.slice(0, more.indexOf('</optgroup>'))).toContain('value="America/Detroit"');
    expect(html).toContain('Zones for your browser language’s region (United States) come first.');
    // Nothing saved yet and no single-clock guess for en-US: UTC stays selected.
    expect(/<option value="([^"]+)" selected>/.exec(select)?.[1]).toBe('UTC');
  });
});
