/** Prometheus metrics, for a scraper holding METRICS_TOKEN; without the setting this route does not exist. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';
import { config } from '../lib/server/platform/config';
import { METRICS_CONTENT_TYPE, metricsText } from '../lib/server/platform/metrics';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares digests, so neither the token's length nor a matching prefix shows in the timing. */
function authorised(header: string | null, token: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(presented), digest(token));
}

export const GET: APIRoute = async (context) => {
  const token = config.metricsToken;
  if (!token) return context.rewrite('/404');
  if (!authorised(context.request.headers.get('authorization'), token)) {
    return new Response('A valid bearer token is required.\n', {
      status: 401,
      headers: {
        'Content-Type': 'text/plain; charset=utf-8',
        'WWW-Authenticate': 'Bearer realm="metrics"',
        'Cache-Control': 'no-store',
      },
    });
  }
  return new Response(await metricsText(), {
    headers: { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });
};
