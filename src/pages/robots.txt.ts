/** Crawl rules, naming the sitemap by its absolute URL on the configured public origin. */
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/platform/seo';
import { config } from '../lib/server/platform/config';

export const GET: APIRoute = () =>
  new Response(
    `User-agent: *\nDisallow: /search\n\nSitemap: ${absoluteUrl(config.siteUrl, '/sitemap.xml')}\n`,
    { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } },
  );
