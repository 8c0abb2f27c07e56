import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../support/server';

describe('a running server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(['/', '/lessons', '/search?q=trust', '/lessons/no-such-lesson'])(
    'sends the security headers on %s',
    async (path) => {
      const res = await fetch(`${server.origin}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it('keeps an idle connection open longer than clients and proxies keep theirs, so they close it first', async () => {
    // Node's fetch keeps an idle connection 4 s and load balancers about 60 s; a server closing sooner
    // can close one at the moment a client reuses it, and that request fails.
    const res = await fetch(`${server.origin}/healthz`);
    await res.arrayBuffer();
    expect(res.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('ships no inline script or style that the CSP would have to allow', async () => {
    const html = await (await fetch(`${server.origin}/`)).text();
    // A JSON-LD block is data the browser never runs; any other script without src would need the CSP.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready\n');
  });

  it('refuses to change state on GET-only pages', async () => {
    const res = await fetch(`${server.origin}/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'q=trust',
    });
    expect([403, 404, 405]).toContain(res.status);
  });
});

describe('readiness', () => {
  it('fails /readyz when the database file becomes unreadable, while /healthz stays up', async () => {
    const server = await startServer();
    try {
      expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
      for (const suffix of ['', '-wal', '-shm'])
        writeFileSync(`${server.databasePath}${suffix}`, 'not a database'.repeat(512));
      const res = await fetch(`${server.origin}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.text()).toMatch(/^not ready: /);
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    } finally {
      await server.stop('SIGKILL');
    }
  });

  it('refuses to start on a database it cannot open, saying why', async () => {
    // A directory where the database file should be: SQLite cannot open it.
    const dir = mkdtempSync(join(tmpdir(), 'academy-not-a-file-'));
    const server = await startServer({ env: { DATABASE_URL: `file:${dir}` }, expectReady: false });
    rmSync(dir, { recursive: true, force: true });
    const code = await server.stop();
    expect(code).toBe(1);
    expect(server.output()).toMatch(/Start-up failed: not ready: database unavailable/);
  });

  it('refuses to start with a bad setting, naming the variable', async () => {
    const server = await startServer({ env: { DATABASE_BUSY_TIMEOUT_MS: 'soon' }, expectReady: false });
    const code = await server.stop();
    expect(code).toBe(1);
    expect(server.output()).toContain('DATABASE_BUSY_TIMEOUT_MS');
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent on every response when the site URL is https, and never over a plain-http site', async () => {
    const https = await startServer({ env: { SITE_URL: 'https://academy.example.test' } });
    const plain = await startServer();
    try {
      for (const path of ['/', '/lessons', '/no-such-page', '/healthz', '/login']) {
        const res = await fetch(`${https.origin}${path}`, { redirect: 'manual' });
        expect(res.headers.get('strict-transport-security'), path).toBe(
          'max-age=31536000; includeSubDomains',
        );
        const local = await fetch(`${plain.origin}${path}`, { redirect: 'manual' });
        expect(local.headers.get('strict-transport-security'), path).toBeNull();
      }
    } finally {
      await https.stop();
      await plain.stop();
    }
  });
});
