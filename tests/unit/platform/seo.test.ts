import { describe, expect, it } from 'vitest';
import { absoluteUrl, jsonLd, sitemapXml } from '../../../src/lib/platform/seo';

const SITE = new URL('https://academy.example.com');

describe('links for search engines', () => {
  it('builds absolute URLs on the public origin, without query or fragment', () => {
    expect(absoluteUrl(SITE, '/lessons/x?utm=1#top')).toBe('https://academy.example.com/lessons/x');
    expect(absoluteUrl(SITE, '//evil.example/x')).toBe('https://academy.example.com/evil.example/x');
    expect(absoluteUrl(SITE, '/')).toBe('https://academy.example.com/');
  });

  it('escapes what XML would read as markup in a sitemap', () => {
    const xml = sitemapXml(SITE, ['/a&b']);
    expect(xml).toContain('<loc>https://academy.example.com/a&#38;b</loc>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('keeps a JSON-LD block from being closed early by the text inside it', () => {
    const out = jsonLd({ name: 'Trust </script><script>alert(1)</script>' });
    expect(out).not.toContain('</script');
    expect(JSON.parse(out)).toEqual({ name: 'Trust </script><script>alert(1)</script>' });
  });
});
