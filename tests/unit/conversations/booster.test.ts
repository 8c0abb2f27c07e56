import { describe, expect, it } from 'vitest';
import { itemKey, parseItemKey } from '../../../src/lib/boosters/items';
import { turnAsBooster } from '../../../src/lib/conversations/booster';
import { type ConversationFile, conversationSchema } from '../../../src/lib/conversations/schema';
import { shuffleOptions } from '../../../src/lib/quiz/shuffle';

const reply = (id: string, trust: number, next: string) => ({
  id,
  text: `Reply ${id}, said the way a seller would say it`,
  trust,
  customer: `The customer answers reply ${id}.`,
  feedback: `Why reply ${id} moved trust by ${trust}, in a sentence.`,
  next,
});

const conversation: ConversationFile = conversationSchema.parse({
  title: 'The missing feature',
  summary: 'A buyer asks for a feature the product does not have yet.',
  module: 'competence',
  order: 1,
  setting: {
    industry: 'Logistics software',
    stage: 'demo',
    you: 'Account executive at a routing start-up',
    customer: 'Dana Ruiz, head of dispatch at a regional carrier',
    situation: 'Dana has seen the demo and liked it, but one feature she relies on is not on the screen.',
  },
  start: 'ask',
  turns: {
    ask: {
      customer: 'Can it plan routes around bridge weight limits? Our current tool does.',
      lesson: 'trap-questions',
      section: 'admitting-a-product-limit',
      replies: [reply('a', -10, 'done'), reply('b', 15, 'done'), reply('c', 0, 'done')],
    },
  },
  endings: {
    done: {
      title: 'A second call',
      deal: 'delayed',
      outcome: 'Dana books a second call with her planners to see the workaround in detail.',
    },
  },
});

describe('a conversation turn as a booster', () => {
  const asked = turnAsBooster({ conversation, turnId: 'ask', sectionLabel: 'Admitting a product limit' });

  it('asks the customer’s line as a single-answer question whose right answer is the best reply', () => {
    expect(asked).toMatchObject({
      kind: 'conversation-turn',
      id: 'ask',
      type: 'single',
      prompt: '“Can it plan routes around bridge weight limits? Our current tool does.”',
      sourceTitle: 'The missing feature',
      lessonSlug: 'trap-questions',
    });
    expect(asked?.scenario).toBe(
      'The customer: Dana Ruiz, head of dispatch at a regional carrier. Which reply builds the most trust?',
    );
    expect(asked?.options.filter((o) => o.correct).map((o) => o.id)).toEqual(['b']);
  });

  it('offers every reply with its text, and explains each with its feedback', () => {
    const turn = conversation.turns.ask;
    expect(asked?.options).toEqual(
      turn?.replies.map((r) => ({ id: r.id, text: r.text, correct: r.id === 'b', explanation: r.feedback })),
    );
  });

  it('links to the lesson section the turn practises, and to the lesson when the section is gone', () => {
    expect(asked).toMatchObject({
      reviewHref: '/lessons/trap-questions#admitting-a-product-limit',
      reviewLabel: 'Admitting a product limit',
    });
    expect(turnAsBooster({ conversation, turnId: 'ask', sectionLabel: null })).toMatchObject({
      reviewHref: '/lessons/trap-questions',
      reviewLabel: null,
    });
  });

  it('is shown in a shuffled order that changes with the seed, and keeps its key', () => {
    if (!asked) throw new Error('no booster');
    const orders = new Set(
      ['u:1', 'u:2', 'u:3', 'u:4', 'u:5', 'u:6'].map((seed) =>
        shuffleOptions(seed, asked, asked.options)
          .map((o) => o.id)
          .join(''),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    const key = itemKey({ kind: 'conversation-turn', source: 'the-missing-feature', ref: 'ask' });
    expect(parseItemKey(key)).toEqual({
      kind: 'conversation-turn',
      source: 'the-missing-feature',
      ref: 'ask',
    });
  });

  it('is null for a turn the conversation no longer has, including inherited property names', () => {
    expect(turnAsBooster({ conversation, turnId: 'gone', sectionLabel: null })).toBeNull();
    expect(turnAsBooster({ conversation, turnId: 'constructor', sectionLabel: null })).toBeNull();
  });
});
