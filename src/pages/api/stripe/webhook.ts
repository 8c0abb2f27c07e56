/**
 * Stripe's webhook: the signature is checked on the raw body, then the event is applied once. Stripe
 * posts JSON, which the origin check (form content types only) leaves alone; nothing else is exempt.
 */
import type { APIRoute } from 'astro';
import { handleWebhook } from '../../../lib/server/billing/service';

/** Stripe's events are far smaller; anything bigger is not from Stripe. */
const MAX_BYTES = 512 * 1024;

export const POST: APIRoute = async ({ request }) => {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) return text(413, 'Too large.');
  const raw = await request.text();
  if (raw.length > MAX_BYTES) return text(413, 'Too large.');
  const result = await handleWebhook(raw, request.headers.get('stripe-signature'), new Date());
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
