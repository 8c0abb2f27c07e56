/** The public pages for search engines, on the configured public origin. */
import type { APIRoute } from 'astro';
import { sitemapPaths, sitemapXml } from '../lib/platform/seo';
import { getCourse } from '../lib/server/content/service';
import { config } from '../lib/server/platform/config';

export const GET: APIRoute = async () =>
  new Response(sitemapXml(config.siteUrl, sitemapPaths(await getCourse())), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
