import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedPage, pageCacheKey, storePage } from '../../../src/lib/server/platform/page-cache';

const url = new URL('http://127.0.0.1/lessons/the-trust-account?utm=x');
const get = new Request(url);

describe('page cache', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  it('keys anonymous GET and HEAD requests by path only', () => {
    expect(pageCacheKey(get, url, false)).toBe('/lessons/the-trust-account');
    expect(pageCacheKey(new Request(url, { method: 'HEAD' }), url, false)).toBe('/lessons/the-trust-account');
  });

  it('never answers a signed-in visitor or a write', () => {
    expect(pageCacheKey(get, url, true)).toBeNull();
    expect(pageCacheKey(new Request(url, { method: 'POST', body: 'x' }), url, false)).toBeNull();
  });

  it('is off in development, so edits show at once', () => {
    vi.stubEnv('DEV', true);
    expect(pageCacheKey(get, url, false)).toBeNull();
  });

  it('serves a stored page with its body and headers, as a fresh response each time', async () => {
    expect(cachedPage('/lessons/x')).toBeNull();
    const original = new Response('<p>hello</p>', { headers: { 'Cache-Control': 'private, no-store' } });
    const returned = await storePage('/lessons/x', original);
    expect(await returned.text()).toBe('<p>hello</p>');
    for (let i = 0; i < 2; i++) {
      const hit = cachedPage('/lessons/x');
      expect(hit?.status).toBe(200);
      expect(hit?.headers.get('cache-control')).toBe('private, no-store');
      expect(hit?.headers.get('content-length')).toBe('12');
      expect(await hit?.text()).toBe('<p>hello</p>');
    }
  });
});
