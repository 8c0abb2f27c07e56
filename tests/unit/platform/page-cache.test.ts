import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_NAV_END,
  ACCOUNT_NAV_START,
  accountNavHtml,
  withAccountNav,
} from '../../../src/lib/accounts/account-nav';
import { entitlementsFor, NO_ENTITLEMENTS } from '../../../src/lib/billing/entitlements';
import { cachedPage, pageCacheKey, storePage } from '../../../src/lib/server/platform/page-cache';

const url = new URL('http://127.0.0.1/lessons/the-trust-account?utm=x');
const get = new Request(url);
const member = entitlementsFor(
  { grants: [{ product: 'membership', source: 'admin', startsAt: new Date(0), endsAt: null }] },
  new Date(),
);

describe('page cache keys', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  it('separates visitors, signed-in learners and members, and ignores the query string', () => {
    expect(pageCacheKey(get, url, false, NO_ENTITLEMENTS)).toBe('visitor /lessons/the-trust-account');
    expect(pageCacheKey(get, url, true, NO_ENTITLEMENTS)).toBe('learner /lessons/the-trust-account');
    expect(pageCacheKey(get, url, true, member)).toBe('member /lessons/the-trust-account');
  });

  it('never answers a write, and is off in development', () => {
    expect(
      pageCacheKey(new Request(url, { method: 'POST', body: 'x' }), url, false, NO_ENTITLEMENTS),
    ).toBeNull();
    vi.stubEnv('DEV', true);
    expect(pageCacheKey(get, url, false, NO_ENTITLEMENTS)).toBeNull();
  });
});

describe('cached pages', () => {
  const page = (nav: string) =>
    `<header><ul>${ACCOUNT_NAV_START}${nav}${ACCOUNT_NAV_END}</ul></header><p>body</p>`;

  it('stores the page without the account nav and renders it for each person', async () => {
    const rendered = page(accountNavHtml({ displayName: 'Ana' }, '/lessons/x'));
    const first = await storePage(
      'learner /lessons/x',
      new Response(rendered, { headers: { 'Cache-Control': 'private, no-store' } }),
    );
    expect(await first.text()).toBe(rendered);

    const forBen = cachedPage('learner /lessons/x', { displayName: 'Ben <3' }, '/lessons/x');
    const html = (await forBen?.text()) ?? '';
    expect(html).toContain('Ben &lt;3');
    expect(html).not.toContain('Ana');
    expect(forBen?.headers.get('cache-control')).toBe('private, no-store');
    expect(Number(forBen?.headers.get('content-length'))).toBe(new TextEncoder().encode(html).byteLength);
  });

  it('does not store a page without a marked account nav', async () => {
    await storePage('visitor /plain', new Response('<p>no header</p>'));
    expect(cachedPage('visitor /plain', null, '/plain')).toBeNull();
  });

  it('offers log in (coming back here) to visitors', () => {
    expect(withAccountNav(page(''), null, '/lessons/x')).toContain('href="/login?next=%2Flessons%2Fx"');
    expect(accountNavHtml(null, '/signup')).toContain('href="/login"');
  });
});
