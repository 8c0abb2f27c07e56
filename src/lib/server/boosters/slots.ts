/** The dashboard's boosters card for one request: the same HTML on a cache miss (the component) and a hit (the slot filler). */
import { boostersCardHtml } from '../../boosters/card-html';
import { boosterSummary } from './service';

export async function boostersCardSlot(locals: App.Locals, now: Date): Promise<string> {
  if (!locals.user) return '';
  return boostersCardHtml(await boosterSummary(locals.user.id, locals.entitlements, now));
}
