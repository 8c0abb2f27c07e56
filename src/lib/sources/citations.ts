/**
 * What lessons cite: the links in each lesson's `## Sources` list to `/sources#<id>`. Pure. Used by the
 * `/sources` page ("Cited in") and by the content check that every list item links an existing entry.
 */

export interface SourceItem {
  /** The item's first line, without its list marker. */
  text: string;
  /** The source id the item starts with a link to, or null when it does not start with one. */
  id: string | null;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}[-*+]\s+(.*)$/;
/** An item opens with `[Text](/sources#id)`. */
const LEADING_LINK = /^\[[^\]]+\]\(\/sources#([a-z0-9]+(?:-[a-z0-9]+)*)\)/;

/** The list items of a lesson's `## Sources` section (up to the next heading of the same level or higher). */
export function sourceItems(body: string): SourceItem[] {
  const items: SourceItem[] = [];
  let level = 0;
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const depth = heading[1]?.length ?? 0;
      if (level > 0 && depth <= level) level = 0;
      if (level === 0 && /^sources$/i.test(heading[2] ?? '')) level = depth;
      continue;
    }
    if (level === 0) continue;
    const item = LIST_ITEM.exec(line);
    if (item) {
      const text = (item[1] ?? '').trim();
      items.push({ text, id: LEADING_LINK.exec(text)?.[1] ?? null });
    }
  }
  return items;
}

/** Source ids a lesson's Sources list links, in order, each once. */
export function citedIds(body: string): string[] {
  return [...new Set(sourceItems(body).flatMap((item) => (item.id ? [item.id] : [])))];
}

/** Source id → the lessons (by slug, in the order given) whose Sources list links it. */
export function citationsBySource(lessons: readonly { slug: string; body: string }[]): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  for (const { slug, body } of lessons) {
    for (const id of citedIds(body)) cited.set(id, [...(cited.get(id) ?? []), slug]);
  }
  return cited;
}

/** Every problem with the lessons' Sources lists: a missing list, an item without a leading link, an unknown id. */
export function sourceLinkProblems(
  lessons: readonly { slug: string; body: string }[],
  sourceIds: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const { slug, body } of lessons) {
    const items = sourceItems(body);
    if (items.length === 0) problems.push(`${slug}: the ## Sources section has no list items`);
    for (const item of items) {
      if (item.id === null) {
        problems.push(
          `${slug}: a Sources item does not start with a link to /sources#<id>: “${item.text.slice(0, 70)}”`,
        );
      } else if (!sourceIds.has(item.id)) {
        problems.push(`${slug}: /sources#${item.id} is not an entry in content/sources`);
      }
    }
  }
  return problems;
}
