import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../src/lib/accounts/next-url';

describe('safeNextPath', () => {
  it.each([
    ['/lessons/the-trust-account', '/lessons/the-trust-account'],
    ['/search?q=trust#top', '/search?q=trust#top'],
    ['/a/../lessons', '/lessons'],
    ['/./lessons', '/lessons'],
    ['/ledger/customers/abc?x=1&y=%2F', '/ledger/customers/abc?x=1&y=%2F'],
    ['/redeem?code=BLOG', '/redeem?code=BLOG'],
    ['/checkout/monthly?code=A%20B', '/checkout/monthly?code=A%20B'],
    ['/lessons/%2F%2Fevil.example', '/lessons/%2F%2Fevil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/', '/'],
  ])('keeps the same-site path %s as %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  // Every spelling that normalises (dot segments, encoded dots, backslashes, whitespace the URL parser
  // strips) to a protocol-relative or other-origin URL.
  it.each([
    null,
    undefined,
    '',
    'https://evil.example/',
    'http:evil.example',
    '//evil.example/path',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/../..//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/%2e%2e//evil.example',
    '/.%2e//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/a/%2e%2e//evil.example',
    '/./%2e/.//evil.example',
    '/.\\/evil.example',
    '/a/..\\\\evil.example',
    '/.//evil.example?x#y',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/.\t//evil.example',
    '/\u0000/evil.example',
    'javascript:alert(1)',
    'data:text/html,x',
    '/\tevil',
    ' /lessons',
    'lessons',
    './/evil.example',
    `/${'a'.repeat(3000)}`,
  ])('falls back for %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
    expect(safeNextPath(raw, '/dashboard')).toBe('/dashboard');
  });

  it('never returns a path a browser would resolve to another origin', () => {
    const spellings = ['/', '.', '..', '%2e', '%2E', '%2e%2e', 'a', '\\', '%5c', '%2f'];
    // Every three-part combination of the pieces above, after a leading slash.
    for (const a of spellings)
      for (const b of spellings)
        for (const c of spellings) {
          const out = safeNextPath(`/${a}/${b}/${c}/evil.example`, '/fallback');
          expect(new URL(out, 'https://academy.example').origin).toBe('https://academy.example');
          expect(out.startsWith('//')).toBe(false);
        }
  });
});
