/** What a deck holds: items of two kinds, a quiz question or a conversation turn, each named by a stable key. Pure. */

export const ITEM_KINDS = ['quiz-question', 'conversation-turn'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One item to put in a learner's deck. */
export interface DeckItem {
  kind: ItemKind;
  /** The lesson slug (a quiz question) or the conversation id (a conversation turn). */
  source: string;
  /** The question id or the turn id inside its source. */
  ref: string;
  /** Whether the learner answered it right when they met it (their first review). */
  correct: boolean;
}

/** `<kind>:<source>:<ref>`: kebab-case parts, so the key splits back unambiguously. */
export function itemKey(item: Pick<DeckItem, 'kind' | 'source' | 'ref'>): string {
  return `${item.kind}:${item.source}:${item.ref}`;
}

const KEY = /^(quiz-question|conversation-turn):([a-z0-9][a-z0-9-]{0,99}):([a-z0-9][a-z0-9-]{0,39})$/;

export function parseItemKey(key: string): Pick<DeckItem, 'kind' | 'source' | 'ref'> | null {
  const match = KEY.exec(key);
  if (!match) return null;
  return { kind: match[1] as ItemKind, source: match[2] ?? '', ref: match[3] ?? '' };
}

/**
 * A booster as the review page asks it: a quiz question, or a conversation turn put as one (what the
 * customer said is the scenario, the replies are the options, the best reply is the right one). The
 * answer key and explanations stay on the server.
 */
export interface BoosterQuestion {
  kind: ItemKind;
  /** Its id inside the source (`q3`, a turn id): the seed of its option order uses it. */
  id: string;
  type: 'single' | 'multiple' | 'true-false' | 'scenario';
  scenario: string | null;
  prompt: string;
  options: { id: string; text: string; correct: boolean; explanation: string }[];
  /** Where it comes from, for "from the lesson …" and the link to review it. */
  sourceTitle: string;
  reviewHref: string;
  reviewLabel: string | null;
  /** The lesson it belongs to, when it belongs to one (access to it is checked at request time). */
  lessonSlug: string | null;
}
