/**
 * What search engines and link previews read: absolute URLs from the configured public origin (never the
 * request's Host), the sitemap, and the course's schema.org description. Pure: the origin is passed in.
 */
import type { Course } from '../content/course';

/** `path` on the public origin, without a query or fragment; `//host/x` stays a path on the origin. */
export function absoluteUrl(site: URL, path: string): string {
  const url = new URL(`${site.origin}/${path.replace(/^\/+/, '')}`);
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * The public pages a search engine should know: each open to anyone, members' lessons by their preview,
 * conversations by their overview. Pages that need an account (the dashboard, /review) are not listed.
 */
export function sitemapPaths(course: Course, conversationSlugs: readonly string[]): string[] {
  return [
    '/',
    '/lessons',
    ...course.lessons.map((lesson) => `/lessons/${lesson.slug}`),
    '/practice',
    ...conversationSlugs.map((slug) => `/practice/${slug}`),
    '/pricing',
    '/sources',
    '/assessment',
    '/assessment/how-scoring-works',
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sitemapXml(site: URL, paths: readonly string[]): string {
  const entries = paths.map((path) => `  <url><loc>${escapeXml(absoluteUrl(site, path))}</loc></url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n');
}

/** schema.org `Course` (Google's course info): the course, its provider and its lessons as parts. */
export function courseStructuredData(site: URL, course: Course, description: string): object {
  const provider = { '@type': 'Organization', name: 'Trust Academy', sameAs: absoluteUrl(site, '/') };
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: 'Trust Academy: building customer trust in sales',
    description,
    url: absoluteUrl(site, '/lessons'),
    inLanguage: 'en',
    provider,
    isAccessibleForFree: false,
    offers: { '@type': 'Offer', category: 'Subscription', url: absoluteUrl(site, '/pricing') },
    hasCourseInstance: {
      '@type': 'CourseInstance',
      courseMode: 'Online',
      courseWorkload: `PT${course.lessons.reduce((sum, l) => sum + l.minutes, 0)}M`,
    },
    hasPart: course.lessons.map((lesson) => ({
      '@type': 'Course',
      name: lesson.title,
      description: lesson.summary,
      url: absoluteUrl(site, `/lessons/${lesson.slug}`),
      isAccessibleForFree: lesson.free,
      provider,
    })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<` is escaped so no text in it (a title
 * containing `</script>`) can end the block early.
 */
export function jsonLd(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
