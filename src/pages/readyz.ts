/** Readiness: the database answers, migrations are applied, and the process is not shutting down. */
import type { APIRoute } from 'astro';
import { readiness } from '../lib/server/health/service';

export const GET: APIRoute = async () => {
  const result = await readiness();
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  if (result.ready) return new Response('ready\n', { headers });
  return new Response(`not ready: ${result.reason}\n`, {
    status: 503,
    headers: { ...headers, 'Retry-After': '5' },
  });
};
