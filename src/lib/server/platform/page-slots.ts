/** Fills the per-person slots of a cached page for one request (see src/lib/platform/slots.ts). */
import { ACCOUNT_NAV_SLOT, accountNavHtml } from '../../accounts/account-nav';
import type { SlotFiller } from './page-cache';

export function slotFiller(locals: App.Locals, url: URL): SlotFiller {
  return (slot) => {
    if (slot === ACCOUNT_NAV_SLOT) return accountNavHtml(locals.user, url.pathname);
    throw new Error(`No filler for the page slot "${slot}"`);
  };
}
