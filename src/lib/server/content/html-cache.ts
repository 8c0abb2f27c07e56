/**
 * Rendered lesson bodies, kept per process. A lesson's HTML depends only on its source, so rendering the
 * MDX on every request (≈ 0.6 × the framework's floor, QUALITY.md) is work thrown away.
 */
const cache = new Map<string, string>();

/** The cached HTML for a lesson version, if it was rendered before (never in dev, so edits show). */
export function cachedHtml(key: string): string | undefined {
  return cache.get(key);
}

export function storeHtml(key: string, html: string): void {
  if (!import.meta.env.DEV) cache.set(key, html);
}
