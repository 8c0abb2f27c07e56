import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../support/server';

/** Everything search engines and link previews read must name the public origin, not the Host asked. */
const SITE_URL = 'https://academy.example.com';

function attribute(html: string, pattern: RegExp): string | undefined {
  return pattern.exec(html)?.[1];
}

describe('the site as search engines and link previews see it', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SITE_URL } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lists the public pages in sitemap.xml on SITE_URL, members’ lessons by their preview', async () => {
    const res = await fetch(`${server.origin}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    for (const path of ['/', '/lessons', '/pricing', '/sources', '/assessment'])
      expect(locs).toContain(`${SITE_URL}${path}`);
    const lessons = locs.filter((l) => l.startsWith(`${SITE_URL}/lessons/`));
    expect(lessons.length).toBeGreaterThanOrEqual(20);
    expect(locs.every((l) => l.startsWith(`${SITE_URL}/`))).toBe(true);
    expect(locs.some((l) => /\/(account|admin|dashboard|ledger|search|login)/.test(l))).toBe(false);
    // A member lesson's URL shows its preview to a visitor: a real page, not a paywall redirect.
    for (const loc of lessons) {
      const page = await fetch(`${server.origin}${new URL(loc).pathname}`, { redirect: 'manual' });
      expect(page.status, loc).toBe(200);
    }
    // Conversation practice: the index and each conversation's overview are open to anyone; /review is not listed.
    expect(locs).toContain(`${SITE_URL}/practice`);
    const conversations = locs.filter((l) => l.startsWith(`${SITE_URL}/practice/`));
    expect(conversations.length).toBeGreaterThanOrEqual(6);
    for (const loc of [`${SITE_URL}/practice`, ...conversations]) {
      const page = await fetch(`${server.origin}${new URL(loc).pathname}`, { redirect: 'manual' });
      expect(page.status, loc).toBe(200);
      expect(await page.text(), loc).not.toContain('name="robots" content="noindex"');
    }
    expect(locs.some((l) => /\/(review|survey)/.test(l))).toBe(false);
    const robots = await (await fetch(`${server.origin}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    expect(robots).toContain('Disallow: /search');
  });

  it('gives a lesson a canonical link and link-preview cards built from SITE_URL only', async () => {
    const sitemap = await (await fetch(`${server.origin}/sitemap.xml`)).text();
    const lesson = /<loc>([^<]+\/lessons\/[^<]+)<\/loc>/.exec(sitemap)?.[1] ?? '';
    const path = new URL(lesson).pathname;
    const html = await (
      await fetch(`${server.origin}${path}?utm_source=x`, { headers: { 'X-Forwarded-Host': 'evil.example' } })
    ).text();
    expect(attribute(html, /<link rel="canonical" href="([^"]+)"/)).toBe(`${SITE_URL}${path}`);
    expect(attribute(html, /<meta property="og:url" content="([^"]+)"/)).toBe(`${SITE_URL}${path}`);
    expect(attribute(html, /<meta property="og:type" content="([^"]+)"/)).toBe('article');
    expect(attribute(html, /<meta property="og:image" content="([^"]+)"/)).toBe(`${SITE_URL}/og-image.png`);
    expect(attribute(html, /<meta name="twitter:card" content="([^"]+)"/)).toBe('summary_large_image');
    const title = attribute(html, /<h1>([^<]+)<\/h1>/);
    expect(attribute(html, /<meta property="og:title" content="([^"]+)"/)).toBe(title);
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain(server.origin);
  });

  it('describes the course as schema.org JSON-LD on the home page, allowed by the CSP as data', async () => {
    const res = await fetch(`${server.origin}/`);
    const html = await res.text();
    expect(attribute(html, /<meta property="og:type" content="([^"]+)"/)).toBe('website');
    expect(attribute(html, /<link rel="canonical" href="([^"]+)"/)).toBe(`${SITE_URL}/`);
    const block = attribute(html, /<script type="application\/ld\+json">([^<]+)<\/script>/);
    const data = JSON.parse(block ?? '{}');
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('Course');
    expect(data.provider.name).toBe('Trust Academy');
    expect(data.url).toBe(`${SITE_URL}/lessons`);
    expect(data.hasPart.length).toBeGreaterThanOrEqual(20);
    expect(data.hasPart.some((p: { isAccessibleForFree: boolean }) => p.isAccessibleForFree)).toBe(true);
    // Data blocks are never executed, so script-src stays 'self' with no hash or 'unsafe-inline'.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('leaves canonical links off pages kept out of search, and serves both favicons', async () => {
    const search = await (await fetch(`${server.origin}/search?q=trust`)).text();
    expect(search).toContain('<meta name="robots" content="noindex"');
    expect(search).not.toContain('rel="canonical"');
    const home = await (await fetch(`${server.origin}/`)).text();
    expect(home).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
    expect(home).toContain('<link rel="icon" href="/favicon.png" type="image/png"');
    for (const [path, type] of [
      ['/favicon.svg', 'image/svg+xml'],
      ['/favicon.png', 'image/png'],
      ['/apple-touch-icon.png', 'image/png'],
      ['/og-image.png', 'image/png'],
    ]) {
      const icon = await fetch(`${server.origin}${path}`);
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('content-type'), path).toContain(type);
    }
  });
});
