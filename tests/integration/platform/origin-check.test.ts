/**
 * Cross-site writes are refused on every route whatever the content type; the run-time SITE_URL is
 * what the origin check trusts (not the build's); and behind a proxy the client IP is the right-most
 * address our own proxies wrote, not what the client put on the left.
 */
import { request as httpRequest } from 'node:http';
import { grants } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useLearningServer } from '../../support/learning';
import { builtRoutes } from '../../support/routes';
import { startServer } from '../../support/server';

const EVIL = 'https://evil.example';
const BODIES: [string, string][] = [
  ['text/plain', 'intent=settings&timeZone=UTC'],
  ['application/json', '{"intent":"settings"}'],
  [
    'multipart/form-data; boundary=b',
    '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--\r\n',
  ],
];

describe('the origin check', () => {
  const ctx = useLearningServer();

  it('covers every route of the build (at least 50 found)', () => {
    const routes = builtRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(50);
    expect(routes).toContain('/trial');
    expect(routes).toContain('/lessons/punctuality-and-follow-up/read');
    expect(routes).toContain('/account/billing/portal');
  });

  it('refuses a cross-site POST to every route with text/plain, JSON and multipart bodies (403)', async () => {
    const { v } = await ctx.person();
    const targets = [
      ...builtRoutes().filter((r) => r !== '/api/stripe/webhook'),
      '/_actions/accounts.logIn',
      '/login?_action=accounts.logIn',
      '/ledger/settings?_action=accounts.logOut',
    ];
    const wrong: string[] = [];
    for (const path of targets) {
      for (const [type, body] of BODIES) {
        for (const origin of [EVIL, 'null', undefined]) {
          const headers: Record<string, string> = { 'Content-Type': type };
          if (origin) headers['Origin'] = origin;
          const res = await v.request(path, { method: 'POST', headers, body });
          if (res.status !== 403) wrong.push(`${path} ${type} from ${origin ?? 'no origin'}: ${res.status}`);
          await res.body?.cancel();
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a cross-site JSON post to /trial starts no trial', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const res = await v.request('/trial?_action=billing.startTrial', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: EVIL },
      body: '{"next":"/lessons"}',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Cross-site requests are refused');
    expect(await ctx.db.select().from(grants).where(eq(grants.userId, userId))).toHaveLength(0);
  });

  it('lets same-origin posts through to the action, which takes web forms only', async () => {
    const { v } = await ctx.person();
    const json = await v.request('/ledger/settings?_action=ledger.saveSettings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: v.origin },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const form = await v.post('/ledger/settings?_action=ledger.saveSettings', { timeZone: 'UTC' });
    expect(form.status).toBe(303);
  });
});

/** A raw request with a chosen Host (fetch can't set one), as a TLS proxy forwards it. */
function viaProxy(
  origin: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a build made without an https SITE_URL, run with one', () => {
  it('accepts the site’s own form posts through the TLS proxy (the run-time SITE_URL is authoritative)', async () => {
    const server = await startServer({ env: { SITE_URL: 'https://academy.example.test' } });
    try {
      const body = new URLSearchParams({
        email: 'nobody@example.com',
        password: 'wrong password',
      }).toString();
      const res = await viaProxy(
        server.origin,
        '/login?_action=accounts.logIn',
        {
          Host: 'academy.example.test',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-Host': 'academy.example.test',
          Origin: 'https://academy.example.test',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body,
      );
      expect(res.status).toBe(400);
      expect(res.text).toContain('don’t match an account');
      const evil = await viaProxy(
        server.origin,
        '/login?_action=accounts.logIn',
        { Host: 'academy.example.test', Origin: EVIL, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      );
      expect(evil.status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});

describe('the client IP behind proxies that append to X-Forwarded-For', () => {
  async function loginsUntilLimited(env: Record<string, string>, forwardedFor: (i: number) => string) {
    const server = await startServer({ env: { TRUSTED_PROXY_HEADER: 'x-forwarded-for', ...env } });
    try {
      const statuses: number[] = [];
      // The per-IP log-in bucket holds 20; each try uses another address, so only the IP bucket fills.
      for (let i = 0; i < 22; i++) {
        const res = await fetch(`${server.origin}/login?_action=accounts.logIn`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Origin: server.origin,
            'X-Forwarded-For': forwardedFor(i),
          },
          body: new URLSearchParams({
            email: `nobody${i}@example.com`,
            password: 'wrong password',
          }).toString(),
        });
        statuses.push(res.status);
        await res.body?.cancel();
      }
      return statuses;
    } finally {
      await server.stop();
    }
  }

  it('one proxy (the default): the right-most address counts, whatever the client writes on the left', async () => {
    const statuses = await loginsUntilLimited({}, (i) => `10.1.${i}.1, 198.51.100.7`);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it('TRUSTED_PROXY_HOPS=2: the address the outer proxy wrote counts', async () => {
    const statuses = await loginsUntilLimited(
      { TRUSTED_PROXY_HOPS: '2' },
      (i) => `spoofed-${i}, 198.51.100.8, 10.0.0.${i % 3}`,
    );
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
