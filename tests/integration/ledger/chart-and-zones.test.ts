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
    const tickTimes = [...chart.matchAll(/<tspan[^>]*>(\d\d:\d\d)<\/tspan>/g)].map((m) => m[1]);
    expect(tickTimes.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('class="chart-legend"');
  });
});
