import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_NAV_SLOT, accountNavHtml } from '../../../src/lib/accounts/account-nav';
import { entitlementsFor, NO_ENTITLEMENTS } from '../../../src/lib/billing/entitlements';
import { allCaches } from '../../../src/lib/platform/bounded-cache';
import { CACHED_PAGES, canonicalPath, VERSIONED_TABLES } from '../../../src/lib/platform/cached-pages';
import { slotHtml } from '../../../src/lib/platform/slots';
import {
  assertDeclared,
  type CacheRequest,
  type CacheVisitor,
  cachedPage,
  canonicalRedirect,
  entitlementsKey,
  PERSONAL_PAGE_MAX_BYTES,
  pageCacheKey,
  renderOnce,
  splitSlots,
  storePage,
} from '../../../src/lib/server/platform/page-cache';
import { type TestDatabase, testDatabase } from '../../support/database';

const now = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const trialUntil = new Date(now.getTime() + 3 * DAY);
const member = entitlementsFor(
  { grants: [{ product: 'membership', source: 'trial', startsAt: new Date(0), endsAt: trialUntil }] },
  now,
);
const assessmentOnly = entitlementsFor(
  { grants: [{ product: 'assessment', source: 'code', startsAt: new Date(0), endsAt: null }] },
  now,
);
const ana: CacheVisitor & { role: string } = {
  id: 'ana',
  displayName: 'Ana',
  role: 'learner',
  versions: { lesson_progress: 3, quiz_attempts: 1, ledger_promises: 9 },
  emailVerified: true,
};

function req(route: string, path: string, params: Record<string, string> = {}, method = 'GET'): CacheRequest {
  return { method, route, params, url: new URL(`http://127.0.0.1${path}`) };
}
const lesson = req('/lessons/[slug]', '/lessons/the-trust-account?utm=x', { slug: 'the-trust-account' });
const dashboard = req('/dashboard', '/dashboard');

describe('page cache keys', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  it('keys a shared page by route, visitor or not, and every entitlement; never the query string', () => {
    const visitor = pageCacheKey(lesson, null, NO_ENTITLEMENTS, now);
    const learner = pageCacheKey(lesson, ana, NO_ENTITLEMENTS, now);
    const withAssessment = pageCacheKey(lesson, ana, assessmentOnly, now);
    const asMember = pageCacheKey(lesson, ana, member, now);
    expect(new Set([visitor, learner, withAssessment, asMember]).size).toBe(4);
    expect(visitor).toBe('visitor /lessons/the-trust-account -membership-assessment');
    expect(asMember).toBe('signed-in /lessons/the-trust-account +membership+assessment');
    // Shared pages are the same for every member, whenever their membership ends.
    expect(pageCacheKey(lesson, { ...ana, id: 'bob' }, member, now)).toBe(asMember);
  });

  it('keys every entitlement the type has, so a new product cannot be left out', () => {
    for (const name of Object.keys(NO_ENTITLEMENTS)) {
      const value = (NO_ENTITLEMENTS as unknown as Record<string, unknown>)[name];
      const changed = { ...NO_ENTITLEMENTS, [name]: typeof value === 'boolean' ? !value : new Date(1) };
      expect(entitlementsKey(changed, true), name).not.toBe(entitlementsKey(NO_ENTITLEMENTS, true));
    }
  });

  it('keys a personal page by the person, nav, every entitlement, the declared tables and the clock', () => {
    const key = pageCacheKey(dashboard, ana, member, now);
    expect(key).toBe(
      `person /dashboard ana +membership+assessment until=${trialUntil.getTime()} lesson_progress=3 quiz_attempts=1 certificates=0 assessment_results=0 conversation_runs=0 booster_cards=0 booster_reviews=0 booster_settings=0 ledger_settings=0 survey_rounds=0 survey_responses=0 m${Math.floor(now.getTime() / 60_000)} learner Ana`,
    );
    const keyFor = (visitor: typeof ana, entitlements = member, at = now) =>
      pageCacheKey(dashboard, visitor, entitlements, at);
    const variants = [
      key,
      keyFor({ ...ana, id: 'bob' }),
      keyFor({ ...ana, displayName: 'Ana B' }),
      keyFor({ ...ana, role: 'admin' }),
      keyFor({ ...ana, emailVerified: false }),
      keyFor({ ...ana, versions: { ...ana.versions, lesson_progress: 4 } }),
      keyFor({ ...ana, versions: { ...ana.versions, assessment_results: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, conversation_runs: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, booster_cards: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, booster_reviews: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, booster_settings: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, ledger_settings: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, survey_rounds: 1 } }),
      keyFor({ ...ana, versions: { ...ana.versions, survey_responses: 1 } }),
      keyFor(ana, member, new Date(now.getTime() + 60_000)),
      keyFor(ana, assessmentOnly),
      keyFor(ana, NO_ENTITLEMENTS),
      keyFor(ana, member, new Date(now.getTime() + 7 * DAY)),
    ];
    expect(new Set(variants).size).toBe(variants.length);
    // A table the page does not declare does not split its entries.
    expect(keyFor({ ...ana, versions: { ...ana.versions, ledger_promises: 10 } })).toBe(key);
    // The trial's end passing changes the key with no write: entitlements are computed at request time.
    expect(keyFor(ana, entitlementsFor({ grants: [] }, now))).not.toBe(key);
  });

  it('the ledger keys the minute; a query string or a visitor on a personal page is never cached', () => {
    const ledger = req('/ledger', '/ledger');
    const a = pageCacheKey(ledger, ana, member, now);
    expect(a).toContain('ledger_promises=9');
    expect(pageCacheKey(ledger, ana, member, new Date(now.getTime() + 60_000))).not.toBe(a);
    expect(pageCacheKey(ledger, ana, member, new Date(now.getTime() + 59_000))).toBe(a);
    expect(pageCacheKey(req('/dashboard', '/dashboard?earned=foundations'), ana, member, now)).toBeNull();
    expect(pageCacheKey(dashboard, null, NO_ENTITLEMENTS, now)).toBeNull();
  });

  it("keys a team's page by the team's version and the minute, per viewer; without the version it renders", () => {
    const reports = (teamVersion?: number): CacheRequest => ({
      ...req('/teams/[id]/reports', '/teams/t1/reports', { id: 't1' }),
      ...(teamVersion === undefined ? {} : { teamVersion }),
    });
    const ben = { ...ana, id: 'ben', displayName: 'Ben' };
    const key = pageCacheKey(reports(4), ana, member, now);
    expect(key).not.toBeNull();
    expect(pageCacheKey(reports(4), ana, member, now)).toBe(key);
    expect(pageCacheKey(reports(5), ana, member, now)).not.toBe(key);
    expect(pageCacheKey(reports(4), ben, member, now)).not.toBe(key);
    expect(pageCacheKey(reports(4), ana, member, new Date(now.getTime() + 60_000))).not.toBe(key);
    expect(pageCacheKey(reports(), ana, member, now)).toBeNull();
    expect(pageCacheKey(reports(4), null, NO_ENTITLEMENTS, now)).toBeNull();
  });

  it('renders one key once at a time: a second miss waits for the first render, then looks again', async () => {
    const order: string[] = [];
    const first = await renderOnce('person /dashboard ana m1');
    expect(first).not.toBeNull();
    const second = renderOnce('person /dashboard ana m1').then((done) => {
      order.push(done === null ? 'second waited' : 'second rendered');
    });
    // Another key is not held up by this one.
    const other = await renderOnce('person /dashboard ben m1');
    expect(other).not.toBeNull();
    other?.();
    await Promise.resolve();
    expect(order).toEqual([]);
    order.push('first done');
    first?.();
    await second;
    expect(order).toEqual(['first done', 'second waited']);
    // Once over, the next miss of the key renders it again.
    const third = await renderOnce('person /dashboard ana m1');
    expect(third).not.toBeNull();
    third?.();
  });

  it('never answers a write or an undeclared page, and is off in development', () => {
    expect(pageCacheKey({ ...lesson, method: 'POST' }, null, NO_ENTITLEMENTS, now)).toBeNull();
    expect(pageCacheKey(req('/search', '/search'), null, NO_ENTITLEMENTS, now)).toBeNull();
    vi.stubEnv('DEV', true);
    expect(pageCacheKey(lesson, null, NO_ENTITLEMENTS, now)).toBeNull();
  });
});

describe('one spelling per cached page (issue 16, L10)', () => {
  it.each([
    ['//lessons', '/lessons', {}],
    ['/lessons//the-trust-account', '/lessons/[slug]', { slug: 'the-trust-account' }],
    ['/lessons/the-trust-account.html', '/lessons/[slug]', { slug: 'the-trust-account' }],
    ['/lessons/%74he-trust-account', '/lessons/[slug]', { slug: 'the-trust-account' }],
    ['/lessons/the%2Dtrust-account', '/lessons/[slug]', { slug: 'the-trust-account' }],
    ['/index.html', '/', {}],
  ])('%s is sent to its one spelling', (path, route, params) => {
    const expected = canonicalPath(route, params);
    expect(canonicalRedirect(req(route, `${path}?q=1`, params))).toBe(`${expected}?q=1`);
    expect(canonicalRedirect(req(route, expected, params))).toBeNull();
    // Judged on the URL as the client sent it, which the framework may have tidied in `url`.
    const sent = { ...req(route, expected, params), rawUrl: `http://127.0.0.1:4321${path}?q=1` };
    expect(canonicalRedirect(sent)).toBe(`${expected}?q=1`);
    expect(canonicalRedirect({ ...sent, rawUrl: `http://127.0.0.1:4321${expected}` })).toBeNull();
  });

  it('leaves undeclared pages and writes alone', () => {
    expect(canonicalRedirect(req('/search', '//search'))).toBeNull();
    expect(canonicalRedirect(req('/lessons', '//lessons', {}, 'POST'))).toBeNull();
  });
});

describe('cached pages', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  const page = (nav: string, progress = '') =>
    `<header><ul>${slotHtml(ACCOUNT_NAV_SLOT, nav)}</ul></header><p>body é</p>${slotHtml('lesson-progress', progress)}<footer></footer>`;
  const fillFor =
    (name: string | null, progress: string) =>
    (slot: string): string =>
      slot === ACCOUNT_NAV_SLOT
        ? accountNavHtml(name ? { displayName: name } : null, '/lessons/x')
        : progress;
  const route = '/lessons/[slug]';
  const lessonX = req(route, '/lessons/x', { slug: 'x' });

  it('stores a shared page without its slots and fills them for each person', async () => {
    const key = pageCacheKey(lessonX, ana, NO_ENTITLEMENTS, now) ?? '';
    const rendered = page(accountNavHtml({ displayName: 'Ana' }, '/lessons/x'), 'Ana read this');
    const first = await storePage(
      route,
      key,
      new Response(rendered, { headers: { 'Cache-Control': 'private, no-store' } }),
    );
    expect(await first.text()).toBe(rendered);

    const forBen = await cachedPage(key, fillFor('Ben <3', 'Ben started'));
    const html = (await forBen?.text()) ?? '';
    expect(html).toBe(page(accountNavHtml({ displayName: 'Ben <3' }, '/lessons/x'), 'Ben started'));
    expect(html).toContain('Ben &lt;3');
    expect(html).not.toContain('Ana');
    expect(forBen?.headers.get('cache-control')).toBe('private, no-store');
    expect(Number(forBen?.headers.get('content-length'))).toBe(new TextEncoder().encode(html).byteLength);
  });

  it('keeps a visitor page as the bytes visitors get: a hit fills nothing', async () => {
    const key = pageCacheKey(lessonX, null, NO_ENTITLEMENTS, now) ?? '';
    const rendered = page(accountNavHtml(null, '/lessons/x'));
    await storePage(route, key, new Response(rendered));
    let calls = 0;
    const fill = (): string => {
      calls += 1;
      return '';
    };
    expect(await (await cachedPage(key, fill))?.text()).toBe(rendered);
    expect(await (await cachedPage(key, fill))?.text()).toBe(rendered);
    expect(calls).toBe(0);
  });

  it('does not store a page without a marked account nav', async () => {
    await storePage(route, 'visitor /plain', new Response('<p>no header</p>'));
    expect(await cachedPage('visitor /plain', fillFor(null, ''))).toBeNull();
    expect(splitSlots('<p>no header</p>')).toBeNull();
  });

  it('does not keep a personal page above its size, and counts it as refused', async () => {
    const pages = allCaches().find((c) => c.name === 'pages');
    const refusedBefore = pages?.counts().refused ?? 0;
    const key = pageCacheKey(dashboard, ana, member, now) ?? '';
    const big = page(
      accountNavHtml({ displayName: 'Ana' }, '/dashboard'),
      'x'.repeat(PERSONAL_PAGE_MAX_BYTES),
    );
    const answered = await storePage('/dashboard', key, new Response(big));
    expect(await answered.text()).toBe(big);
    expect(await cachedPage(key, fillFor('Ana', ''))).toBeNull();
    expect(pages?.counts().refused).toBe(refusedBefore + 1);
    const small = page(accountNavHtml({ displayName: 'Ana' }, '/dashboard'), 'fine');
    await storePage('/dashboard', key, new Response(small));
    expect(await (await cachedPage(key, fillFor('Ana', '')))?.text()).toBe(small);
  });

  it('holds pages within its byte budget however many are stored', async () => {
    const pages = allCaches().find((c) => c.name === 'pages');
    const body = page(accountNavHtml({ displayName: 'Ana' }, '/dashboard'), 'y'.repeat(100_000));
    for (let i = 0; i < 400; i++) {
      const key = pageCacheKey(dashboard, { ...ana, id: `person-${i}` }, member, now) ?? '';
      await storePage('/dashboard', key, new Response(body));
    }
    const counts = pages?.counts();
    expect(counts?.bytes).toBeLessThanOrEqual(counts?.maxBytes ?? 0);
    expect(counts?.entries).toBeLessThan(400);
  });

  it('refuses a page that opts in without being declared', async () => {
    expect(() => assertDeclared('/search')).toThrow(/not declared in CACHED_PAGES/);
    await expect(storePage('/account', 'k', new Response('x'))).rejects.toThrow(/not declared/);
  });

  it('offers log in (coming back here) to visitors, and my learning to people signed in', () => {
    expect(accountNavHtml(null, '/lessons/x')).toContain('href="/login?next=%2Flessons%2Fx"');
    expect(accountNavHtml(null, '/signup')).toContain('href="/login"');
    expect(accountNavHtml({ displayName: 'Ana' }, '/x')).toContain('href="/dashboard"');
  });
});

describe('the registry of cached pages', () => {
  const pagesDir = fileURLToPath(new URL('../../../src/pages', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  const routeOf = (file: string) =>
    `/${relative(pagesDir, file)
      .replace(/\.astro$/, '')
      .replace(/(^|\/)index$/, '')}`.replace(/(.)\/$/, '$1');
  const optingIn = files(pagesDir)
    .filter((f) => f.endsWith('.astro'))
    .filter((f) => /locals\.cacheForVisitors\s*=\s*true/.test(readFileSync(f, 'utf8')))
    .map(routeOf)
    .sort();

  it('declares exactly the pages that opt into the cache', () => {
    expect(optingIn.length).toBeGreaterThan(0);
    expect(optingIn).toEqual(Object.keys(CACHED_PAGES).sort());
  });

  it('declares for each personal page only tables the database versions (or a team it versions)', () => {
    for (const [route, inputs] of Object.entries(CACHED_PAGES)) {
      if (inputs.audience !== 'personal') continue;
      // A page that depends on nothing written would never change: it must name its data.
      expect(inputs.tables.length + (inputs.team === undefined ? 0 : 1), route).toBeGreaterThan(0);
      if (inputs.team !== undefined) expect(route, route).toContain(`[${inputs.team}]`);
      for (const table of inputs.tables) expect(VERSIONED_TABLES, route).toContain(table);
    }
  });
});

describe('versions kept by the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(() => database.dispose());

  it('has a trigger for every insert, update and delete of every versioned table', async () => {
    const rows = await database.client.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'");
    const names = new Set(rows.rows.map((r) => String(r['name'])));
    for (const table of VERSIONED_TABLES)
      for (const event of ['insert', 'update', 'delete'])
        expect(names, `${table} ${event}`).toContain(`data_versions_${table}_${event}`);
  });

  it('bumps a person’s version of a table on each write to their rows, and only theirs', async () => {
    const c = database.client;
    const t = Date.now();
    for (const id of ['u1', 'u2'])
      await c.execute({
        sql: "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, 'X', 'h', ?, ?)",
        args: [id, `${id}@example.com`, t, t],
      });
    const version = async (user: string) =>
      (
        await c.execute({
          sql: "SELECT version FROM data_versions WHERE user_id = ? AND source = 'ledger_customers'",
          args: [user],
        })
      ).rows[0]?.['version'] ?? null;
    const insert = (id: string, user: string) =>
      c.execute({
        sql: "INSERT INTO ledger_customers (id, user_id, name, company, notes, starting_balance, created_at) VALUES (?, ?, ?, '', '', 0, ?)",
        args: [id, user, `Customer ${id}`, t],
      });
    await insert('c1', 'u1');
    expect(await version('u1')).toBe(1);
    await c.execute("UPDATE ledger_customers SET name = 'Renamed' WHERE id = 'c1'");
    expect(await version('u1')).toBe(2);
    await insert('c2', 'u2');
    await c.execute("DELETE FROM ledger_customers WHERE id = 'c1'");
    expect(await version('u1')).toBe(3);
    expect(await version('u2')).toBe(1);
    // Deleting a person takes their versions with them (and their rows' triggers make no new ones).
    await c.execute("DELETE FROM users WHERE id = 'u2'");
    expect(await version('u2')).toBeNull();
  });
});
