/**
 * Stripe's webhook: the signature is checked on the raw body, then the event is applied once. Stripe
 * posts JSON, which the origin check (form content types only) leaves alone; nothing else is exempt.
 */
import type { APIRoute } from 'astro';
import { handleWebhook } from '../../../lib/server/billing/service';
import { readBounded } from '../../../lib/server/platform/form-body';

/** Stripe's events are far smaller; anything bigger is not from Stripe. */
const MAX_BYTES = 512 * 1024;

export const POST: APIRoute = async ({ request }) => {
  const body = await readBounded(request, MAX_BYTES);
  if (body === null) return text(413, 'Too large.');
  const result = await handleWebhook(
    body.toString('utf8'),
    request.headers.get('stripe-signature'),
    new Date(),
  );
  return text(result.status, result.message);
};

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(status === 503 ? { 'Retry-After': '60' } : {}),
    },
  });
}
