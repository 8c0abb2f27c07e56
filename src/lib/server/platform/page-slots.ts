/** Fills the per-person slots of a cached page for one request (see src/lib/platform/slots.ts). */
import { ACCOUNT_NAV_SLOT, accountNavHtml } from '../../accounts/account-nav';
import { TRIAL_STATUS_SLOT } from '../../billing/trial-html';
import { TEAM_ASSIGNMENTS_SLOT } from '../../teams/assignments-html';
import { trialStatusSlot } from '../billing/trial-view';
import { progressSlots } from '../learning/slots';
import { teamAssignmentsSlot } from '../teams/slots';
import type { SlotFiller } from './page-cache';

export function slotFiller(locals: App.Locals, url: URL, now: Date): SlotFiller {
  const progress = progressSlots(locals, url.pathname, now);
  return async (slot) => {
    if (slot === ACCOUNT_NAV_SLOT)
      return accountNavHtml(locals.user, url.pathname, locals.entitlements.membership);
    if (slot === TRIAL_STATUS_SLOT) return trialStatusSlot(locals, now);
    if (slot === TEAM_ASSIGNMENTS_SLOT) return teamAssignmentsSlot(locals.user?.id ?? null, now);
    const html = await progress.fill(slot);
    if (html === null) throw new Error(`No filler for the page slot "${slot}"`);
    return html;
  };
}
