/**
 * Rendered lesson bodies, kept per process. A lesson's HTML depends only on its source, so rendering the
 * MDX on every request (≈ 0.6 × the framework's floor, QUALITY.md) is work thrown away.
 */
const cache = new Map<string, string>();

export async function cachedHtml(key: string, render: () => Promise<string>): Promise<string> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = await render();
  if (!import.meta.env.DEV) cache.set(key, html);
  return html;
}
