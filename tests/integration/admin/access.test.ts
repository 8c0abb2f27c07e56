/** Admin pages and actions exist for admins only: everyone else gets 404, however the path is spelt. */
import { describe, expect, it } from 'vitest';
import { postAdmin, signedInAdmin } from '../../support/admin';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { builtRoutePatterns, samplePath } from '../../support/routes';

const ctx = useLearningServer();

/** Every admin route of the build (not a list kept by hand: a new admin page is covered the day it exists). */
const ADMIN_ROUTES = builtRoutePatterns().filter((r) => r === '/admin' || r.startsWith('/admin/'));
/** Real values for the parameters, so an admin gets each page itself (others get 404 whatever the values). */
const PAGES = ADMIN_ROUTES.flatMap((route) =>
  route === '/admin/analytics/[table].csv'
    ? ['lessons', 'questions', 'elements', 'funnel'].map((t) => `/admin/analytics/${t}.csv`)
    : [
        samplePath(route.replace('[table]', 'grants')).replace(
          'abcdefghijklmnopqrstuvwxyz',
          'aaaaaaaaaaaaaaaaaaaaaaaaaa',
        ),
      ],
).concat(['/admin/learners?q=a']);
const SPELLINGS = [
  '/Admin',
  '/ADMIN/codes',
  '/admin/',
  '/admin//codes',
  '/%61dmin',
  '/%61dmin/codes',
  '/admin/%63odes',
  '/./admin',
  '/admin/codes/',
];
const ACTIONS: [string, Record<string, string>][] = [
  ['/admin/codes', { intent: 'create', code: 'HACKED', kind: 'trial' }],
  ['/admin/codes', { intent: 'disable', code: 'BLOG' }],
  ['/admin/learners/aaaaaaaaaaaaaaaaaaaaaaaaaa', { intent: 'grant', days: '30', reason: 'x' }],
  ['/admin/learners/aaaaaaaaaaaaaaaaaaaaaaaaaa', { intent: 'end-sessions' }],
];

async function expectHidden(res: Response, v?: Visitor): Promise<void> {
  if (v && res.status === 301) {
    // A trailing slash is dropped for every path, existing or not (so it tells nothing); the target is hidden too.
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/[^/]/);
    await res.arrayBuffer();
    return expectHidden(await v.get(location));
  }
  expect(res.status).toBe(404);
  const body = await res.text();
  expect(body).not.toContain('Audit log');
  expect(body).not.toContain('Create a code');
}

describe('admin access', () => {
  it('finds the admin routes in the build', () => {
    expect(ADMIN_ROUTES).toEqual(
      expect.arrayContaining(['/admin', '/admin/codes', '/admin/learners/[id]', '/admin/audit.csv']),
    );
    expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(11);
  });

  it('is a 404 for anonymous visitors and learners on every admin route of the build, for GET and POST', async () => {
    const anonymous = new Visitor(ctx.server.origin, '192.0.2.12');
    const { v: learner } = await ctx.person({ member: false });
    for (const v of [anonymous, learner]) {
      for (const path of PAGES) {
        await expectHidden(await v.get(path));
        await expectHidden(await v.post(path, { intent: 'create', code: 'HACKED', kind: 'trial' }));
      }
    }
  });

  it('refuses every admin action to anyone else, whichever page or endpoint it is posted to', async () => {
    const anonymous = new Visitor(ctx.server.origin, '192.0.2.13');
    const { v: learner } = await ctx.person({ member: false });
    for (const v of [anonymous, learner]) {
      for (const path of [
        '/_actions/admin.createCode',
        '/?_action=admin.createCode',
        '/lessons?_action=admin.grantMembership',
        '/account?_action=admin.anything',
      ]) {
        await expectHidden(await v.post(path, { code: 'HACKED', kind: 'trial' }));
      }
    }
  });

  it('is a 404 for anonymous visitors and learners, on every page and every spelling', async () => {
    const anonymous = new Visitor(ctx.server.origin, '192.0.2.10');
    const { v: learner } = await ctx.person();
    for (const v of [anonymous, learner]) {
      for (const path of [...PAGES, ...SPELLINGS]) await expectHidden(await v.get(path), v);
    }
    expect((await anonymous.get('/no-such-page/')).status).toBe(301);
  });

  it('refuses every action to anonymous visitors and learners, and changes nothing', async () => {
    const anonymous = new Visitor(ctx.server.origin, '192.0.2.11');
    const { v: learner, userId } = await ctx.person({ member: false });
    for (const v of [anonymous, learner]) {
      for (const [path, fields] of ACTIONS) await expectHidden(await postAdmin(v, path, fields));
      await expectHidden(
        await postAdmin(v, `/admin/learners/${userId}`, { intent: 'grant', days: '30', reason: 'me' }),
      );
    }
    expect((await (await learner.get('/lessons')).text()).includes('Admin</a>')).toBe(false);
    const { v: admin } = await signedInAdmin(ctx);
    const codes = await (await admin.get('/admin/codes')).text();
    expect(codes).not.toContain('HACKED');
    expect(codes).toMatch(/BLOG<\/code>[\s\S]*?Active/);
    expect(await (await admin.get('/admin/audit.csv')).text()).not.toContain('HACKED');
  });

  it('opens every page to an admin, privately and never cached, with an Admin link in the header', async () => {
    const { v } = await signedInAdmin(ctx);
    for (const path of PAGES.filter((p) => !p.includes('aaaaaaaa'))) {
      const res = await v.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      if (path.endsWith('.csv')) expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      await res.arrayBuffer();
    }
    expect((await v.get('/admin/learners/aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    expect((await v.get('/admin/analytics/secrets.csv')).status).toBe(404);
    const home = await (await v.get('/lessons')).text();
    expect(home).toContain('<a href="/admin">Admin</a>');
  });
});
