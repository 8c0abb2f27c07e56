import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_NAV_SLOT, accountNavHtml } from '../../../src/lib/accounts/account-nav';
import { entitlementsFor, NO_ENTITLEMENTS } from '../../../src/lib/billing/entitlements';
import { slotHtml } from '../../../src/lib/platform/slots';
import { weekIndex } from '../../../src/lib/progress/progress';
import { cachedPage, pageCacheKey, splitSlots, storePage } from '../../../src/lib/server/platform/page-cache';

const url = new URL('http://127.0.0.1/lessons/the-trust-account?utm=x');
const get = new Request(url);
const now = new Date('2026-11-25T12:00:00Z');
const member = entitlementsFor(
  { grants: [{ product: 'membership', source: 'admin', startsAt: new Date(0), endsAt: null }] },
  now,
);
const ana = { id: 'ana', learningVersion: 3, displayName: 'Ana', role: 'learner' };

describe('page cache keys', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  it('separates visitors, signed-in learners and members, and ignores the query string', () => {
    expect(pageCacheKey(get, url, null, NO_ENTITLEMENTS, now)).toBe('visitor /lessons/the-trust-account');
    expect(pageCacheKey(get, url, ana, NO_ENTITLEMENTS, now)).toBe('learner /lessons/the-trust-account');
    expect(pageCacheKey(get, url, ana, member, now)).toBe('member /lessons/the-trust-account');
  });

  it('keys personal pages by the person, the version of their records and the week', () => {
    const dashboard = new URL('http://127.0.0.1/dashboard');
    const key = pageCacheKey(new Request(dashboard), dashboard, ana, member, now);
    expect(key).toBe(`person member /dashboard ana v3 w${weekIndex(now)} learner Ana`);
    const keyFor = (visitor: typeof ana) =>
      pageCacheKey(new Request(dashboard), dashboard, visitor, member, now);
    const bob = keyFor({ ...ana, id: 'bob' });
    const renamed = keyFor({ ...ana, displayName: 'Ana B' });
    // The account nav links admins to the admin pages.
    const promoted = keyFor({ ...ana, role: 'admin' });
    const later = pageCacheKey(
      new Request(dashboard),
      dashboard,
      { ...ana, learningVersion: 4 },
      member,
      now,
    );
    const nextWeek = pageCacheKey(
      new Request(dashboard),
      dashboard,
      ana,
      member,
      new Date('2026-12-02T12:00:00Z'),
    );
    expect(new Set([key, bob, renamed, promoted, later, nextWeek]).size).toBe(6);
    expect(pageCacheKey(new Request(dashboard), dashboard, null, NO_ENTITLEMENTS, now)).toBeNull();
    const result = new URL('http://127.0.0.1/assessment/results/abcdefghijklmnopqrstuvwxyz');
    expect(pageCacheKey(new Request(result), result, ana, member, now)).toContain(' ana v3 ');
    const withQuery = new URL('http://127.0.0.1/dashboard?earned=foundations');
    expect(pageCacheKey(new Request(withQuery), withQuery, ana, member, now)).toBeNull();
  });

  it('never answers a write, and is off in development', () => {
    expect(
      pageCacheKey(new Request(url, { method: 'POST', body: 'x' }), url, null, NO_ENTITLEMENTS, now),
    ).toBeNull();
    vi.stubEnv('DEV', true);
    expect(pageCacheKey(get, url, null, NO_ENTITLEMENTS, now)).toBeNull();
  });
});

describe('cached pages', () => {
  const page = (nav: string, progress = '') =>
    `<header><ul>${slotHtml(ACCOUNT_NAV_SLOT, nav)}</ul></header><p>body é</p>${slotHtml('lesson-progress', progress)}<footer></footer>`;
  const fillFor =
    (name: string | null, progress: string) =>
    (slot: string): string =>
      slot === ACCOUNT_NAV_SLOT
        ? accountNavHtml(name ? { displayName: name } : null, '/lessons/x')
        : progress;

  it('stores the page without its slots and fills them for each person', async () => {
    const rendered = page(accountNavHtml({ displayName: 'Ana' }, '/lessons/x'), 'Ana read this');
    const first = await storePage(
      'learner /lessons/x',
      new Response(rendered, { headers: { 'Cache-Control': 'private, no-store' } }),
    );
    expect(await first.text()).toBe(rendered);

    const forBen = await cachedPage('learner /lessons/x', fillFor('Ben <3', 'Ben started'), true);
    const html = (await forBen?.text()) ?? '';
    expect(html).toBe(page(accountNavHtml({ displayName: 'Ben <3' }, '/lessons/x'), 'Ben started'));
    expect(html).toContain('Ben &lt;3');
    expect(html).not.toContain('Ana');
    expect(forBen?.headers.get('cache-control')).toBe('private, no-store');
    expect(Number(forBen?.headers.get('content-length'))).toBe(new TextEncoder().encode(html).byteLength);
  });

  it('assembles a visitor page once', async () => {
    await storePage('visitor /lessons/x', new Response(page(accountNavHtml(null, '/lessons/x'))));
    let calls = 0;
    const fill = (slot: string): string => {
      calls += 1;
      return fillFor(null, '')(slot);
    };
    const a = await (await cachedPage('visitor /lessons/x', fill, false))?.text();
    const b = await (await cachedPage('visitor /lessons/x', fill, false))?.text();
    expect(a).toBe(page(accountNavHtml(null, '/lessons/x')));
    expect(b).toBe(a);
    expect(calls).toBe(2);
  });

  it('does not store a page without a marked account nav', async () => {
    await storePage('visitor /plain', new Response('<p>no header</p>'));
    expect(await cachedPage('visitor /plain', fillFor(null, ''), false)).toBeNull();
    expect(splitSlots('<p>no header</p>')).toBeNull();
  });

  it('offers log in (coming back here) to visitors, and my learning to people signed in', () => {
    expect(accountNavHtml(null, '/lessons/x')).toContain('href="/login?next=%2Flessons%2Fx"');
    expect(accountNavHtml(null, '/signup')).toContain('href="/login"');
    expect(accountNavHtml({ displayName: 'Ana' }, '/x')).toContain('href="/dashboard"');
  });
});
