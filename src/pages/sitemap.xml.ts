/** The public pages for search engines, on the configured public origin. */
import type { APIRoute } from 'astro';
import { sitemapPaths, sitemapXml } from '../lib/platform/seo';
import { getCourse } from '../lib/server/content/service';
import { allConversations } from '../lib/server/conversations/content';
import { config } from '../lib/server/platform/config';

export const GET: APIRoute = async () => {
  const [course, conversations] = await Promise.all([getCourse(), allConversations()]);
  const paths = sitemapPaths(
    course,
    conversations.map((c) => c.slug),
  );
  return new Response(sitemapXml(config.siteUrl, paths), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
};
