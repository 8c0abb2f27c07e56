/** "Remember where I was going": only same-site relative paths are ever followed after login. */

/** The path to send someone to after signing in, or `fallback` when `raw` is missing or unsafe. */
export function safeNextPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > 2048) return fallback;
  // One leading slash, and not a protocol-relative (`//evil`) or backslash (`/\evil`) form.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // No control characters or whitespace that browsers strip before resolving.
  if (/[\s\\]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(raw, 'http://same.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://same.invalid') return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
