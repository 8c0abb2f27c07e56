/** The deck itself: adding items, reading what is due. Free of the content and the process's database, so other domains and tests call it inside their own transaction. */
import type { Database, Transaction } from '@db/client';
import { type BoosterQuestion, type DeckItem, itemKey } from '../../boosters/items';
import { firstMemory, type MemoryState } from '../../boosters/schedule';
import * as q from './queries';

/**
 * Puts items in a learner's deck, inside the transaction that earned them (the quiz pass, a conversation
 * run), so both commit or neither. An item already in the deck keeps its schedule. Returns how many were new.
 */
export async function addToDeck(
  tx: Transaction,
  userId: string,
  items: readonly DeckItem[],
  now: Date,
): Promise<number> {
  // Most passes are of a quiz passed before, whose questions are all in the deck: a read of their keys
  // is cheaper than building and running an insert of every question that would change nothing.
  const held = await q.heldItems(tx, userId, items.map(itemKey));
  return q.insertCards(
    tx,
    items
      .filter((item) => !held.has(itemKey(item)))
      .map((item) => ({
        userId,
        itemKey: itemKey(item),
        kind: item.kind,
        source: item.source,
        ref: item.ref,
        ...firstMemory(item.correct, now),
        addedAt: now,
      })),
  );
}

export const memoryOf = (row: q.CardRow): MemoryState => ({
  due: row.due,
  stability: row.stability,
  difficulty: row.difficulty,
  elapsedDays: row.elapsedDays,
  scheduledDays: row.scheduledDays,
  learningSteps: row.learningSteps,
  reps: row.reps,
  lapses: row.lapses,
  state: row.state,
  lastReview: row.lastReview,
});

export interface Asked {
  row: q.CardRow;
  question: BoosterQuestion;
}

/** Cards due by `before` that `askable` can ask (content still there, lesson readable), soonest first. */
export async function dueAskable(
  database: Database,
  userId: string,
  before: Date,
  askable: (row: q.CardRow) => Promise<BoosterQuestion | null>,
): Promise<Asked[]> {
  return askableOf(await q.dueCards(database, userId, before, DUE_LIMIT), askable);
}

/** At most this many due cards are looked at (a session asks a few; the rest wait). */
export const DUE_LIMIT = 200;

/** Of these cards, the ones `askable` can ask, in the same order. */
export async function askableOf(
  cards: readonly q.CardRow[],
  askable: (row: q.CardRow) => Promise<BoosterQuestion | null>,
): Promise<Asked[]> {
  const asked = await Promise.all(cards.map(async (row) => ({ row, question: await askable(row) })));
  return asked.filter((a): a is Asked => a.question !== null);
}
