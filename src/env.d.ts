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
    /** The signed-in person's grants, read with the session (empty for a visitor): what the entitlements came from. */
    grants: readonly import('./lib/billing/entitlements').Grant[];
    /**
     * Set by a page whose HTML, apart from its slots, depends only on what its cache key names: the
     * entitlements and path for shared pages, plus the person and their records' version for personal
     * ones; the middleware then keeps it (src/lib/server/platform/page-cache.ts).
     */
    cacheForVisitors: boolean;
  }
}
