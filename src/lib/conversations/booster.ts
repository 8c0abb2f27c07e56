/**
 * A conversation turn put as a booster (decision 023): what the customer said is the question, the
 * replies are the options (the review page deals them in an order of its own each time), the best reply
 * is the right one, and each reply's feedback explains it. Pure; the server's resolver reads the content.
 */
import type { BoosterQuestion } from '../boosters/items';
import { bestReply } from './engine';
import type { ConversationFile } from './schema';

export interface TurnBoosterInput {
  conversation: ConversationFile;
  turnId: string;
  /** The heading of the lesson section the turn practises, or null when the lesson no longer has it. */
  sectionLabel: string | null;
}

/** The booster for a turn, or null when the conversation no longer has that turn. */
export function turnAsBooster({
  conversation,
  turnId,
  sectionLabel,
}: TurnBoosterInput): BoosterQuestion | null {
  const turn = Object.hasOwn(conversation.turns, turnId) ? conversation.turns[turnId] : undefined;
  if (!turn) return null;
  const best = bestReply(turn);
  return {
    kind: 'conversation-turn',
    id: turnId,
    type: 'single',
    scenario: `The customer: ${conversation.setting.customer}. Which reply builds the most trust?`,
    prompt: `“${turn.customer}”`,
    options: turn.replies.map((r) => ({
      id: r.id,
      text: r.text,
      correct: r.id === best.id,
      explanation: r.feedback,
    })),
    sourceTitle: conversation.title,
    reviewHref: `/lessons/${turn.lesson}${sectionLabel ? `#${turn.section}` : ''}`,
    reviewLabel: sectionLabel,
    lessonSlug: turn.lesson,
  };
}
