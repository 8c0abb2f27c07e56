/**
 * Rendered lesson bodies, kept per process. A lesson's HTML depends only on its source, so rendering the
 * MDX on every request (≈ 0.6 × the framework's floor, QUALITY.md) is work thrown away. Keyed by the
 * lesson's digest: a build has one version of each lesson, so the entries are as many as the lessons,
 * and the byte budget holds every lesson of the course several times over.
 */
import { BoundedCache, ENTRY_OVERHEAD_BYTES, stringBytes } from '../../platform/bounded-cache';

const cache = new BoundedCache<string, string>({
  name: 'lesson-html',
  maxBytes: 16 * 1024 * 1024,
  maxEntryBytes: 2 * 1024 * 1024,
  sizeOf: (html, key) => ENTRY_OVERHEAD_BYTES + stringBytes(key) + stringBytes(html),
});

/** The cached HTML for a lesson version, if it was rendered before (never in dev, so edits show). */
export function cachedHtml(key: string): string | undefined {
  return cache.get(key);
}

export function storeHtml(key: string, html: string): void {
  if (!import.meta.env.DEV) cache.set(key, html);
}
