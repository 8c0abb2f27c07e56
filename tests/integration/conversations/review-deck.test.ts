/**
 * Conversation practice meets the review deck, over HTTP against the built server: the turns a learner
 * missed enter their deck when the run finishes, are due as FSRS schedules a missed item, and /review
 * asks them like single-answer questions whose answers move their schedule.
 */
import { write } from '@db/client';
import { boosterCards, conversationRuns } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { firstMemory } from '../../../src/lib/boosters/schedule';
import { bestReply } from '../../../src/lib/conversations/engine';
import { escapeHtml } from '../../../src/lib/platform/html';
import type { Visitor } from '../../support/browser-less';
import { conversationOf, playToEnd, startRun } from '../../support/conversations-http';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const SLUG = 'the-inherited-promise';
const conversation = conversationOf(SLUG);
const FIRST = conversation.start;
const firstTurn = conversation.turns[FIRST];
if (!firstTurn) throw new Error('no first turn');
const BEST = bestReply(firstTurn).id;
const MISSED_REPLY = firstTurn.replies.find((r) => r.id !== BEST)?.id ?? '';
const KEY = `conversation-turn:${SLUG}:${FIRST}`;

const deckOf = (userId: string) => ctx.db.select().from(boosterCards).where(eq(boosterCards.userId, userId));

/** The best reply everywhere but the first turn, where another reply is chosen. */
const missFirst = (turnId: string): string => {
  if (turnId === FIRST) return MISSED_REPLY;
  const turn = conversation.turns[turnId];
  if (!turn) throw new Error(`no turn ${turnId}`);
  return bestReply(turn).id;
};

async function playMissingFirst(v: Visitor): Promise<string[]> {
  const { turns } = await playToEnd(v, await startRun(v, SLUG), SLUG, missFirst);
  return turns;
}

describe('missed conversation turns in the review deck', () => {
  it('puts the turns missed in the deck when the run finishes, due as FSRS schedules a missed item', async () => {
    const { v, userId } = await ctx.person();
    const path = await startRun(v, SLUG);
    const html = await (await v.get(path)).text();
    expect(html).toContain(`name="turn" value="${FIRST}"`);
    const { turns } = await playToEnd(v, path, SLUG, missFirst);
    expect(turns.length).toBeGreaterThan(1);

    const deck = await deckOf(userId);
    expect(deck.map((c) => c.itemKey)).toEqual([KEY]);
    const [card] = deck;
    const [run] = await ctx.db.select().from(conversationRuns).where(eq(conversationRuns.userId, userId));
    // Added in the transaction that stored the last turn, at the same instant.
    expect(card?.addedAt.getTime()).toBe(run?.finishedAt?.getTime());
    const expected = firstMemory(false, card?.addedAt ?? new Date(0));
    expect(card).toMatchObject({
      kind: 'conversation-turn',
      source: SLUG,
      ref: FIRST,
      due: expected.due,
      reps: expected.reps,
      lapses: expected.lapses,
      state: expected.state,
    });
  });

  it('adds nothing for a run with every best reply, and keeps a turn’s schedule when a replay misses it again', async () => {
    const { v, userId } = await ctx.person();
    await playToEnd(v, await startRun(v, SLUG), SLUG);
    expect(await deckOf(userId)).toHaveLength(0);

    await playMissingFirst(v);
    const [first] = await deckOf(userId);
    await playMissingFirst(v);
    const after = await deckOf(userId);
    expect(after).toHaveLength(1);
    expect(after[0]?.due.getTime()).toBe(first?.due.getTime());
    expect(after[0]?.addedAt.getTime()).toBe(first?.addedAt.getTime());
  });

  it('is asked on /review like a single-answer question, and grading it moves its schedule', async () => {
    const { v, userId } = await ctx.person();
    await playMissingFirst(v);
    // As if it had been missed three days ago: due now.
    const now = Date.now();
    await write(ctx.db, (tx) =>
      tx
        .update(boosterCards)
        .set({ due: new Date(now - 3_600_000), lastReview: new Date(now - 3 * 86_400_000) })
        .where(eq(boosterCards.userId, userId)),
    );

    const html = await (await v.get('/review')).text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
    expect(field('item')).toBe(KEY);
    const text = visibleText(html);
    expect(text).toContain(`From “${conversation.title}”`);
    expect(text).toContain(firstTurn.customer.replace(/\s+/g, ' '));
    for (const r of firstTurn.replies) expect(text).toContain(r.text.replace(/\s+/g, ' '));
    for (const r of firstTurn.replies) expect(html).not.toContain(escapeHtml(r.feedback).slice(0, 40));
    expect(html.match(/type="radio" name="answer"/g)).toHaveLength(firstTurn.replies.length);

    const res = await postForm(v, '/review?_action=boosters.answer', [
      ['item', KEY],
      ['reps', field('reps')],
      ['submission', field('submission')],
      ['answer', BEST],
    ]);
    expect(res.status).toBe(303);
    const answerPage = await (await v.get(res.headers.get('location') ?? '')).text();
    const answerText = visibleText(answerPage);
    expect(answerText).toContain('Right');
    for (const r of firstTurn.replies) expect(answerText).toContain(r.feedback.replace(/\s+/g, ' '));
    expect(answerPage).toContain(`href="/lessons/${firstTurn.lesson}#${firstTurn.section}"`);

    const [card] = await ctx.db
      .select()
      .from(boosterCards)
      .where(and(eq(boosterCards.userId, userId), eq(boosterCards.itemKey, KEY)));
    expect(card?.reps).toBe(2);
    expect(card?.due.getTime()).toBeGreaterThan(now + 86_400_000);
  });
});
