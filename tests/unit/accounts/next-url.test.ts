import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../src/lib/accounts/next-url';

describe('safeNextPath', () => {
  it.each([
    ['/lessons/the-trust-account', '/lessons/the-trust-account'],
    ['/search?q=trust#top', '/search?q=trust#top'],
    ['/a/../lessons', '/lessons'],
  ])('keeps the same-site path %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/\tevil',
    ' /lessons',
    'lessons',
    `/${'a'.repeat(3000)}`,
  ])('falls back for %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
    expect(safeNextPath(raw, '/dashboard')).toBe('/dashboard');
  });
});
