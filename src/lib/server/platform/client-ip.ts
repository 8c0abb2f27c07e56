/** The client's IP for rate limiting: the socket address, or a proxy header only when configured to trust it. */
import type { APIContext } from 'astro';
import { config } from './config';

export function clientIp(context: Pick<APIContext, 'request' | 'clientAddress'>): string {
  if (config.trustedProxyHeader !== 'none') {
    const value = context.request.headers.get(config.trustedProxyHeader);
    // The left-most address is the original client, as appended by the trusted proxy.
    const first = value?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
