/**
 * Teaches the review deck (the boosters) to ask conversation turns: the turns a learner missed enter the
 * deck as `conversation-turn:<conversation>:<turn>` and are resolved here from the content when asked.
 * Registered on import; the boosters service imports this module, because pages load lazily per route
 * and /review may be the first page a process serves.
 */

import type { BoosterQuestion, DeckItem } from '../../boosters/items';
import { turnAsBooster } from '../../conversations/booster';
import type { MissedTurn } from '../../conversations/engine';
import { registerItemKind } from '../boosters/items';
import { lessonSections } from '../content/service';
import { getConversation } from './content';

/** The deck items of a run's missed turns: each was answered wrong when the learner met it. */
export function missedTurnItems(slug: string, turns: readonly MissedTurn[]): DeckItem[] {
  return turns.map((t) => ({ kind: 'conversation-turn', source: slug, ref: t.turnId, correct: false }));
}

export async function conversationTurn(slug: string, turnId: string): Promise<BoosterQuestion | null> {
  const entry = await getConversation(slug);
  const turn =
    entry && Object.hasOwn(entry.conversation.turns, turnId) ? entry.conversation.turns[turnId] : null;
  if (!entry || !turn) return null;
  const sectionLabel = (await lessonSections(turn.lesson)).get(turn.section) ?? null;
  return turnAsBooster({ conversation: entry.conversation, turnId, sectionLabel });
}

registerItemKind('conversation-turn', conversationTurn);
