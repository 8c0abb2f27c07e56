import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/lib/conversations/course-check';
import {
  advance,
  bestPath,
  bestReply,
  clampTrust,
  debrief,
  extremes,
  initialState,
  missedTurns,
  PASS_SCORE,
  replay,
  score,
  shownReplies,
} from '../../../src/lib/conversations/engine';
import { type ConversationFile, conversationSchema } from '../../../src/lib/conversations/schema';

const reply = (id: string, trust: number, next: unknown) => ({
  id,
  text: `Reply ${id} with enough words`,
  trust,
  customer: `Customer answers ${id}`,
  feedback: `Why reply ${id} moved trust by ${trust}.`,
  next,
});
const turn = (replies: unknown[]) => ({
  customer: 'The customer says something.',
  lesson: 'trap-questions',
  section: 'admitting-a-product-limit',
  replies,
});
const ending = (deal: string) => ({
  title: `Ending ${deal}`,
  deal,
  outcome: 'What happened next to the deal, told in a sentence or two.',
});

/** t1 → t2 forks on the meter (≥ 60 opens up, else guarded) → t3 → an ending chosen by the meter. */
const conversation: ConversationFile = conversationSchema.parse({
  title: 'A test conversation',
  summary: 'A small conversation for the engine tests, with a fork.',
  module: 'competence',
  order: 1,
  setting: {
    industry: 'Testing',
    stage: 'demo',
    you: 'A seller',
    customer: 'A buyer',
    situation: 'A situation long enough for the schema to accept it, in a sentence.',
  },
  start: 't1',
  turns: {
    t1: turn([reply('a', 10, 't2'), reply('b', -10, 't2'), reply('c', 0, 't2')]),
    t2: turn([
      reply('a', 5, { atLeast: 60, to: 'open', otherwise: 'guarded' }),
      reply('b', -5, { atLeast: 60, to: 'open', otherwise: 'guarded' }),
      reply('c', 0, { atLeast: 60, to: 'open', otherwise: 'guarded' }),
    ]),
    open: turn([reply('a', -8, 'closing'), reply('b', 12, 'closing'), reply('c', 1, 'closing')]),
    guarded: turn([reply('a', 6, 'closing'), reply('b', -12, 'closing'), reply('c', -2, 'closing')]),
    closing: turn([
      reply('a', 9, { atLeast: 75, to: 'signed', otherwise: 'stalled' }),
      reply('b', -9, 'lost'),
      reply('c', 2, 'stalled'),
    ]),
  },
  endings: { signed: ending('won'), stalled: ending('delayed'), lost: ending('lost') },
});

const play = (choices: [string, string][]) =>
  replay(
    conversation,
    choices.map(([t, r]) => ({ turn: t, reply: r })),
  );

describe('the conversation engine', () => {
  it('starts at the first turn with the starting trust', () => {
    const state = initialState(conversation);
    expect(state.at).toMatchObject({ kind: 'turn', id: 't1' });
    expect(state.trust).toBe(50);
    expect(state.steps).toEqual([]);
  });

  it('moves the meter by each reply and branches on it: a good early answer changes the next turn', () => {
    const good = play([
      ['t1', 'a'],
      ['t2', 'a'],
    ]);
    expect(good?.trust).toBe(65);
    expect(good?.at.id).toBe('open');
    const poor = play([
      ['t1', 'b'],
      ['t2', 'a'],
    ]);
    expect(poor?.trust).toBe(45);
    expect(poor?.at.id).toBe('guarded');
    // Exactly at the threshold goes the `then` way.
    const edge = play([
      ['t1', 'a'],
      ['t2', 'c'],
    ]);
    expect(edge?.trust).toBe(60);
    expect(edge?.at.id).toBe('open');
  });

  it('chooses the ending by the meter after the last reply', () => {
    const best = play([
      ['t1', 'a'],
      ['t2', 'a'],
      ['open', 'b'],
      ['closing', 'a'],
    ]);
    expect(best?.at).toMatchObject({ kind: 'ending', id: 'signed' });
    expect(best?.trust).toBe(86);
    const meh = play([
      ['t1', 'c'],
      ['t2', 'c'],
      ['guarded', 'a'],
      ['closing', 'a'],
    ]);
    expect(meh?.trust).toBe(65);
    expect(meh?.at.id).toBe('stalled');
  });

  it('keeps the meter within 0–100 whatever the replies', () => {
    expect(clampTrust(-20)).toBe(0);
    expect(clampTrust(140)).toBe(100);
    const low = replay({ ...conversation, startTrust: 5 }, [
      { turn: 't1', reply: 'b' },
      { turn: 't2', reply: 'b' },
    ]);
    expect(low?.trust).toBe(0);
    expect(low?.steps.map((s) => [s.trustBefore, s.trustAfter])).toEqual([
      [5, 0],
      [0, 0],
    ]);
  });

  it('refuses a reply to another turn, an unknown reply, and any reply after the end', () => {
    const state = initialState(conversation);
    expect(advance(conversation, state, 't2', 'a')).toEqual({ ok: false, reason: 'wrong-turn' });
    expect(advance(conversation, state, 't1', 'z')).toEqual({ ok: false, reason: 'no-such-reply' });
    const done = play([
      ['t1', 'b'],
      ['t2', 'b'],
      ['guarded', 'b'],
      ['closing', 'b'],
    ]);
    if (!done) throw new Error('the run should replay');
    expect(done.at.kind).toBe('ending');
    expect(advance(conversation, done, 'closing', 'a')).toEqual({ ok: false, reason: 'finished' });
  });

  it('replays stored choices, and says when they no longer fit the content', () => {
    expect(play([['t1', 'a']])?.at.id).toBe('t2');
    expect(play([['t1', 'q']])).toBeNull();
    expect(
      play([
        ['t1', 'a'],
        ['t1', 'a'],
      ]),
    ).toBeNull();
  });

  it('finds the best reply, the best path and the range of endings', () => {
    const open = conversation.turns['open'];
    if (!open) throw new Error('no open turn');
    expect(bestReply(open).id).toBe('b');
    const path = bestPath(conversation);
    expect(path.steps.map((s) => `${s.turnId}:${s.reply.id}`)).toEqual([
      't1:a',
      't2:a',
      'open:b',
      'closing:a',
    ]);
    expect(path.at.id).toBe('signed');
    // Worst: 50 −10 −5 (guarded) −12 −9 = 14.
    expect(extremes(conversation)).toEqual({ best: 86, worst: 14 });
  });

  it('scores a run between the worst ending (0) and the best (100)', () => {
    expect(score(conversation, 86)).toBe(100);
    expect(score(conversation, 14)).toBe(0);
    expect(score(conversation, 50)).toBe(50);
    expect(score(conversation, 65)).toBe(71);
  });

  it('debriefs a finished run turn by turn, with the best reply where it was missed', () => {
    const state = play([
      ['t1', 'a'],
      ['t2', 'b'],
      ['guarded', 'a'],
      ['closing', 'c'],
    ]);
    if (!state) throw new Error('the run should replay');
    const d = debrief(conversation, state);
    expect(d?.turns.map((t) => [t.step.turnId, t.step.reply.id, t.best.id, t.picked])).toEqual([
      ['t1', 'a', 'a', true],
      ['t2', 'b', 'a', false],
      ['guarded', 'a', 'a', true],
      ['closing', 'c', 'a', false],
    ]);
    // 50 +10 −5 (guarded) +6 +2 = 63: (63 − 14) / (86 − 14) of the way from the worst ending to the best.
    expect(d).toMatchObject({
      finalTrust: 63,
      score: 68,
      passed: true,
      bestPicks: 2,
      bestTrust: 86,
      worstTrust: 14,
    });
    expect(d?.ending.id).toBe('stalled');
    const weak = play([
      ['t1', 'b'],
      ['t2', 'c'],
      ['guarded', 'a'],
      ['closing', 'c'],
    ]);
    if (!weak) throw new Error('the run should replay');
    expect(debrief(conversation, weak)?.score).toBeLessThan(PASS_SCORE);
    expect(debrief(conversation, initialState(conversation))).toBeNull();
  });

  it('returns the turns a finished run missed, for the review deck; nothing for an unfinished run', () => {
    const choices = [
      { turn: 't1', reply: 'a' },
      { turn: 't2', reply: 'b' },
      { turn: 'guarded', reply: 'a' },
      { turn: 'closing', reply: 'c' },
    ];
    expect(missedTurns(conversation, choices)).toEqual([
      {
        turnId: 't2',
        chosen: 'b',
        best: 'a',
        lesson: 'trap-questions',
        section: 'admitting-a-product-limit',
      },
      {
        turnId: 'closing',
        chosen: 'c',
        best: 'a',
        lesson: 'trap-questions',
        section: 'admitting-a-product-limit',
      },
    ]);
    expect(missedTurns(conversation, choices.slice(0, 2))).toEqual([]);
  });

  it('shows the replies in an order stable per run and different across runs', () => {
    const t1 = conversation.turns['t1'];
    if (!t1) throw new Error('no t1');
    const ids = (seed: string) => shownReplies(seed, 't1', t1).map((r) => r.id);
    expect(ids('run-1')).toEqual(ids('run-1'));
    expect([...ids('run-1')].sort()).toEqual(['a', 'b', 'c']);
    const orders = new Set(Array.from({ length: 30 }, (_, i) => ids(`run-${i}`).join('')));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('the conversation check’s analysis', () => {
  it('explores every path of a conversation', () => {
    const a = analyse({ slug: 'test', conversation });
    expect(a.unreachableTurns).toEqual([]);
    expect(a.unreachableEndings).toEqual([]);
    expect(a.loops).toEqual([]);
    expect([a.shortest, a.longest]).toEqual([4, 4]);
    expect([a.worst, a.best]).toEqual([14, 86]);
    expect(a.bestDeal).toBe('won');
  });

  it('finds loops, unreachable endings, tied and misleading best replies', () => {
    const broken = conversationSchema.parse({
      ...conversation,
      turns: {
        ...conversation.turns,
        // Two replies share the top move, and one of them leads back to the first turn.
        t2: turn([reply('a', 5, 't1'), reply('b', 5, 'guarded'), reply('c', 0, 'guarded')]),
        guarded: turn([reply('a', 6, 'stalled'), reply('b', -12, 'stalled'), reply('c', 1, 'open')]),
      },
    });
    const a = analyse({ slug: 'broken', conversation: broken });
    expect(a.loops).toEqual(['t1']);
    expect(a.tiedBest).toContain('t2');
  });

  it('flags a best reply that leads to a worse ending than another', () => {
    const misleading = conversationSchema.parse({
      ...conversation,
      turns: {
        ...conversation.turns,
        // +1 now, but it opens the branch with a +12 reply; the "best" +6 goes to the guarded one.
        t2: turn([reply('a', 6, 'guarded'), reply('b', 1, 'open'), reply('c', -3, 'guarded')]),
        guarded: turn([reply('a', 2, 'closing'), reply('b', -12, 'closing'), reply('c', -2, 'closing')]),
      },
    });
    expect(analyse({ slug: 'misleading', conversation: misleading }).misleadingBest).toContain('t2');
  });
});

describe('the conversation schema', () => {
  it('refuses a reply leading nowhere and a start that is not a turn', () => {
    const result = conversationSchema.safeParse({
      ...conversation,
      start: 'nowhere',
      turns: {
        ...conversation.turns,
        t1: turn([reply('a', 1, 'missing'), reply('b', 0, 't2'), reply('c', -1, 't2')]),
      },
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('start "nowhere" is not a turn');
    expect(messages).toContain('next "missing" is neither a turn nor an ending');
  });

  it('refuses a turn with fewer than three replies or a reply without feedback', () => {
    const few = conversationSchema.safeParse({
      ...conversation,
      turns: { ...conversation.turns, t1: turn([reply('a', 1, 't2'), reply('b', 0, 't2')]) },
    });
    expect(few.success).toBe(false);
    const { feedback: _dropped, ...noFeedback } = reply('c', 0, 't2');
    const silent = conversationSchema.safeParse({
      ...conversation,
      turns: { ...conversation.turns, t1: turn([reply('a', 1, 't2'), reply('b', 0, 't2'), noFeedback]) },
    });
    expect(silent.success).toBe(false);
  });
});
