/**
 * The ledger's gate lives in the middleware, by path prefix and action name: every `/ledger/…` route of
 * the build (but the calendar feed's secret URL) and every `ledger.*` action sends visitors to log in and
 * people without membership to `/ledger`, for GET and POST alike, and changes nothing.
 */
import { ledgerCustomers } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { sub } from '../../support/ledger';
import { builtRoutePatterns, samplePath } from '../../support/routes';

const ctx = useLearningServer();
const GATED = builtRoutePatterns().filter((r) => r.startsWith('/ledger/') && !r.startsWith('/ledger/feed/'));
const ACTIONS = [
  '/_actions/ledger.addCustomer',
  '/ledger/customers?_action=ledger.addCustomer',
  '/?_action=ledger.addCustomer',
  '/lessons?_action=ledger.addCustomer',
];

describe('the ledger gate', () => {
  it('finds the ledger routes in the build', () => {
    expect(GATED).toEqual(
      expect.arrayContaining(['/ledger/customers', '/ledger/promises/[id]/outcome', '/ledger/export.csv']),
    );
    expect(GATED.length).toBeGreaterThanOrEqual(10);
  });

  it('sends anonymous visitors to log in (and back) from every ledger route and action, GET and POST', async () => {
    const v = new Visitor(ctx.server.origin, '192.0.2.40');
    const post = (path: string) => v.post(path, { name: 'Gatecrasher', submission: sub()[1] });
    const requests = [
      ...GATED.map(samplePath).flatMap((path) => [
        [path, () => v.get(path)] as const,
        [path, () => post(path)] as const,
      ]),
      ...ACTIONS.map((path) => [path, () => post(path)] as const),
    ];
    for (const [path, send] of requests) {
      const res = await send();
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
      await res.arrayBuffer();
    }
  });

  it('sends a signed-in person without membership to /ledger, which explains it; nothing is stored', async () => {
    const { v } = await ctx.person({ member: false });
    const post = (path: string) => v.post(path, { name: 'Gatecrasher', submission: sub()[1] });
    const requests = [
      ...GATED.map(samplePath).flatMap((path) => [
        [path, () => v.get(path)] as const,
        [path, () => post(path)] as const,
      ]),
      ...ACTIONS.map((path) => [path, () => post(path)] as const),
    ];
    for (const [path, send] of requests) {
      const res = await send();
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe('/ledger');
      await res.arrayBuffer();
    }
    expect(await ctx.db.select().from(ledgerCustomers)).toEqual([]);
    // The ledger's own page and the feed's secret URL stay open (the feed answers 404 for an unknown secret).
    expect((await v.get('/ledger')).status).toBe(200);
    expect((await v.get(`/ledger/feed/${'a'.repeat(32)}.ics`)).status).toBe(404);
  });

  it('lets a member through to the same routes', async () => {
    const { v } = await ctx.person();
    const res = await v.post('/ledger/customers?_action=ledger.addCustomer', {
      name: 'Welcome',
      submission: sub()[1],
    });
    expect(res.status).toBe(303);
    expect((await v.get('/ledger/customers')).status).toBe(200);
  });
});
