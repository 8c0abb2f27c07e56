/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Correlates log lines and error pages with one request. */
    requestId: string;
    /** The signed-in person, or null for a visitor. */
    user: import('./lib/server/accounts/sessions').SessionUser | null;
    /** The current session, when signed in. */
    session: import('./lib/server/accounts/sessions').Session | null;
    /** What the visitor may use right now; computed once per request by `entitlementsFor`. */
    entitlements: import('./lib/billing/entitlements').Entitlements;
    /**
     * Set by a page whose HTML, apart from the header's account nav, is the same for everyone with the
     * same entitlements and ignores the query string; the middleware then keeps it
     * (src/lib/server/platform/page-cache.ts).
     */
    cacheForVisitors: boolean;
  }
}
