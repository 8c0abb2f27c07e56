/** Response headers every HTML page carries (QUALITY.md, "Headers"). */
import { stripeSettings } from './config';

/**
 * Where our forms may lead: this site, and — with payments configured — Stripe's hosted Checkout and
 * billing portal, which our checkout and "manage billing" forms redirect to (a CSP `form-action`
 * applies to a form's redirects too). A Stripe stand-in (tests) serves both from its own origin.
 */
function formTargets(): string {
  if (!stripeSettings || 'missing' in stripeSettings) return "'self'";
  if (stripeSettings.apiUrl) return `'self' ${stripeSettings.apiUrl.origin}`;
  return "'self' https://checkout.stripe.com https://billing.stripe.com";
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  `form-action ${formTargets()}`,
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function applySecurityHeaders(headers: Headers): void {
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  // Pages carrying a secret in their URL (reset and verification links) set `no-referrer` themselves.
  if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  headers.delete('X-Powered-By');
  // Pages are personal unless a route says otherwise: never cached by shared caches.
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-cache');
}
