/** The client's IP for rate limiting: the socket address, or a proxy header only when configured to trust it. */
import type { APIContext } from 'astro';
import { config } from './config';

/**
 * The address `hops` proxies of ours name as the client in an X-Forwarded-For list. Each proxy appends
 * the address it was connected from, so only the right-most `hops` entries are theirs; everything to
 * their left came from the client and may be forged. Null when the list is empty.
 */
export function forwardedClient(value: string | null, hops: number): string | null {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  // Fewer entries than proxies: the request came through fewer of them, so every entry is a proxy's.
  const chosen = entries.length >= hops ? entries[entries.length - hops] : entries[0];
  return chosen ? chosen.slice(0, 64) : null;
}

export function clientIp(context: Pick<APIContext, 'request' | 'clientAddress'>): string {
  if (config.trustedProxyHeader === 'x-forwarded-for') {
    const client = forwardedClient(context.request.headers.get('x-forwarded-for'), config.trustedProxyHops);
    if (client) return client;
  } else if (config.trustedProxyHeader === 'x-real-ip') {
    const value = context.request.headers.get('x-real-ip')?.trim();
    if (value) return value.slice(0, 64);
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
