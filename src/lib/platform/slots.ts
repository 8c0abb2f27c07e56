/**
 * Slots: the per-person regions of a page that is otherwise the same for everyone with the same
 * entitlements. A page renders each slot's HTML between its markers; the page cache stores the page
 * without the slots' contents and fills them per request (src/lib/server/platform/page-cache.ts).
 */

export const slotStart = (name: string): string => `<!--slot:${name}-->`;
export const slotEnd = (name: string): string => `<!--/slot:${name}-->`;

/** A whole slot, markers included; the name is kebab-case, the contents never contain a marker. */
export const SLOT_PATTERN = /<!--slot:([a-z][a-z-]*)-->[\s\S]*?<!--\/slot:\1-->/g;

export function slotHtml(name: string, inner: string): string {
  return slotStart(name) + inner + slotEnd(name);
}
