/** The pages of the self-assessment and what they are called. Pure. */
import { type AssessmentItem, type ItemSet, PAGE_SIZE, SCALES } from './schema';

/**
 * The pages of an item set, in order. Version 1 showed one page per scale; from version 2 the file's order
 * is the order shown, in pages of `PAGE_SIZE` (one statement of every scale, never two of one scale next
 * to each other: the schema checks it).
 */
export function pagesOf(set: ItemSet): AssessmentItem[][] {
  if (set.version === 1) return SCALES.map((scale) => set.items.filter((i) => i.scale === scale));
  const pages: AssessmentItem[][] = [];
  for (let start = 0; start < set.items.length; start += PAGE_SIZE)
    pages.push(set.items.slice(start, start + PAGE_SIZE));
  return pages;
}

const MILESTONES: [number, string][] = [
  [1 / 6, 'About a sixth done'],
  [1 / 4, 'About a quarter done'],
  [1 / 3, 'About a third done'],
  [1 / 2, 'Halfway there'],
  [2 / 3, 'About two-thirds done'],
  [3 / 4, 'About three-quarters done'],
  [5 / 6, 'Nearly done'],
];

/**
 * A page's title by how far the learner has come (the share of pages before it), never "Page 3 of 6":
 * numbered pages invite counting down, and the heading is what a screen reader announces first.
 */
export function progressTitle(step: number, total: number): string {
  if (step <= 1) return 'Getting started';
  if (step >= total) return 'The last page';
  const done = (step - 1) / total;
  let best = MILESTONES[0] as [number, string];
  for (const m of MILESTONES) if (Math.abs(m[0] - done) < Math.abs(best[0] - done)) best = m;
  return best[1];
}

/**
 * A group of statements named by their places in the order answered ("Statements 7–12"), for the review
 * page: the pages mix scales on purpose (decision 020), so the groups keep that order and are not named
 * after a scale or a page.
 */
export function statementsLabel(pages: readonly (readonly unknown[])[], index: number): string {
  const first = pages.slice(0, index).reduce((n, p) => n + p.length, 0) + 1;
  const last = first + (pages[index]?.length ?? 0) - 1;
  return last <= first ? `Statement ${first}` : `Statements ${first}–${last}`;
}
