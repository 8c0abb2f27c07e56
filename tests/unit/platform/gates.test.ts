/** The middleware's gates: `/admin` and `/ledger` by route pattern, their actions by name, and who each admits. */
import { describe, expect, it } from 'vitest';
import { entitlementsFor } from '../../../src/lib/billing/entitlements';
import type { SessionUser } from '../../../src/lib/server/accounts/sessions';
import { gatedUser, gateOfAction, gateOfRoute, refusal } from '../../../src/lib/server/platform/gates';

const NOW = new Date('2026-06-01T12:00:00Z');
const person = (role: SessionUser['role']): SessionUser => ({
  id: 'u1',
  email: 'a@example.com',
  displayName: 'A',
  role,
  emailVerified: true,
  versions: {},
});
const member = entitlementsFor(
  {
    grants: [
      {
        product: 'membership',
        source: 'admin',
        startsAt: new Date('2026-01-01'),
        endsAt: new Date('2027-01-01'),
      },
    ],
  },
  NOW,
);
const nobody = entitlementsFor(null, NOW);

function context(user: SessionUser | null, entitlements = nobody, path = '/ledger/customers?q=a') {
  return {
    locals: { user, entitlements } as App.Locals,
    url: new URL(`http://127.0.0.1${path}`),
    redirect: (to: string, status?: number) =>
      new Response(null, { status: status ?? 302, headers: { Location: to } }),
  };
}

describe('gates', () => {
  it.each([
    ['/admin', 'admin'],
    ['/admin/learners/[id]', 'admin'],
    ['/admin/learners/[id]/[table].csv', 'admin'],
    ['/ADMIN/codes', 'admin'],
    ['/ledger/customers', 'member'],
    ['/ledger/promises/[id]/outcome', 'member'],
    ['/ledger/export.csv', 'member'],
    ['/ledger', null],
    ['/ledger/feed/[token].ics', null],
    ['/administrators', null],
    ['/ledgers', null],
    ['/account', null],
  ])('the route %s is behind %s', (route, gate) => {
    expect(gateOfRoute(route)).toBe(gate);
  });

  it.each([
    ['admin.createCode', 'admin'],
    ['ledger.addPromise', 'member'],
    ['Ledger.addPromise', 'member'],
    ['accounts.logIn', null],
    ['administer.x', null],
  ])('the action %s is behind %s', (name, gate) => {
    expect(gateOfAction(name)).toBe(gate);
  });

  it('admits admins to admin pages and answers 404 to everyone else', () => {
    expect(refusal('admin', context(person('admin')))).toBeNull();
    for (const who of [null, person('learner')]) expect(refusal('admin', context(who))?.status).toBe(404);
  });

  it('admits members to the ledger; sends visitors to log in and back, others to /ledger', () => {
    expect(refusal('member', context(person('learner'), member))).toBeNull();
    const anonymous = refusal('member', context(null));
    expect(anonymous?.status).toBe(302);
    expect(anonymous?.headers.get('location')).toBe('/login?next=%2Fledger%2Fcustomers%3Fq%3Da');
    const lapsed = refusal('member', context(person('learner')));
    expect(lapsed?.status).toBe(303);
    expect(lapsed?.headers.get('location')).toBe('/ledger');
    expect(refusal(null, context(null))).toBeNull();
  });

  it('gatedUser refuses to run a page without the signed-in person its gate admits', () => {
    expect(gatedUser(context(person('admin')).locals).role).toBe('admin');
    expect(() => gatedUser(context(null).locals)).toThrow(/gate/);
  });
});
