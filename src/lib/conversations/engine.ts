/**
 * The conversation engine: where a run stands after its choices, how the trust meter moves, the best
 * and worst paths, the score and the debrief. Pure: the server stores only a run's choices and replays
 * them here, so a run can never hold a state the content cannot produce.
 */
import { shuffleOptions } from '../quiz/shuffle';
import {
  type ConversationFile,
  type Ending,
  type Next,
  type Reply,
  TRUST_MAX,
  TRUST_MIN,
  type Turn,
} from './schema';

/** One answered turn, as stored with a run. */
export interface Choice {
  turn: string;
  reply: string;
}

export interface Step {
  turnId: string;
  turn: Turn;
  reply: Reply;
  trustBefore: number;
  trustAfter: number;
}

export type Position =
  | { kind: 'turn'; id: string; turn: Turn }
  | { kind: 'ending'; id: string; ending: Ending };

export interface RunState {
  steps: Step[];
  trust: number;
  at: Position;
}

export const clampTrust = (n: number): number => Math.min(TRUST_MAX, Math.max(TRUST_MIN, n));

/** The turn or ending a reply leads to, given the meter after the reply. */
export function resolveNext(next: Next, trust: number): string {
  if (typeof next === 'string') return next;
  return trust >= next.atLeast ? next.to : next.otherwise;
}

function position(conversation: ConversationFile, target: string): Position {
  const turn = conversation.turns[target];
  if (turn) return { kind: 'turn', id: target, turn };
  const ending = conversation.endings[target];
  if (ending) return { kind: 'ending', id: target, ending };
  throw new Error(`"${target}" is neither a turn nor an ending`);
}

export function initialState(conversation: ConversationFile): RunState {
  return { steps: [], trust: conversation.startTrust, at: position(conversation, conversation.start) };
}

export type AdvanceResult =
  | { ok: true; state: RunState }
  | { ok: false; reason: 'finished' | 'wrong-turn' | 'no-such-reply' };

/** The state after answering the current turn with `replyId`; refuses a reply to any other turn. */
export function advance(
  conversation: ConversationFile,
  state: RunState,
  turnId: string,
  replyId: string,
): AdvanceResult {
  if (state.at.kind === 'ending') return { ok: false, reason: 'finished' };
  if (state.at.id !== turnId) return { ok: false, reason: 'wrong-turn' };
  const turn = state.at.turn;
  const reply = turn.replies.find((r) => r.id === replyId);
  if (!reply) return { ok: false, reason: 'no-such-reply' };
  const trustAfter = clampTrust(state.trust + reply.trust);
  return {
    ok: true,
    state: {
      steps: [...state.steps, { turnId, turn, reply, trustBefore: state.trust, trustAfter }],
      trust: trustAfter,
      at: position(conversation, resolveNext(reply.next, trustAfter)),
    },
  };
}

/** Replays stored choices; null when they no longer fit the content (the conversation was revised). */
export function replay(conversation: ConversationFile, choices: readonly Choice[]): RunState | null {
  let state = initialState(conversation);
  for (const choice of choices) {
    const result = advance(conversation, state, choice.turn, choice.reply);
    if (!result.ok) return null;
    state = result.state;
  }
  return state;
}

/** The reply that moves the meter most (the course check requires exactly one, and that it leads to the best ending). */
export function bestReply(turn: Turn): Reply {
  return turn.replies.reduce((best, r) => (r.trust > best.trust ? r : best));
}

/** The replies in the order this run shows them: shuffled per run and turn, stable through the run. */
export function shownReplies(seed: string, turnId: string, turn: Turn): Reply[] {
  return shuffleOptions(seed, { id: turnId, type: 'scenario' }, turn.replies);
}

export interface Extremes {
  /** The highest and lowest trust any run can end with. */
  best: number;
  worst: number;
}

type Memo = Map<string, Extremes>;

/** The best and worst final trust reachable from `target` with the meter at `trust`. */
function extremesFrom(
  conversation: ConversationFile,
  target: string,
  trust: number,
  memo: Memo,
  depth = 0,
): Extremes {
  const turn = conversation.turns[target];
  if (!turn) return { best: trust, worst: trust };
  if (depth > Object.keys(conversation.turns).length)
    throw new Error(`the conversation loops at "${target}"`);
  const key = `${target} ${trust}`;
  const known = memo.get(key);
  if (known) return known;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  for (const reply of turn.replies) {
    const after = clampTrust(trust + reply.trust);
    const e = extremesFrom(conversation, resolveNext(reply.next, after), after, memo, depth + 1);
    best = Math.max(best, e.best);
    worst = Math.min(worst, e.worst);
  }
  const result = { best, worst };
  memo.set(key, result);
  return result;
}

const memos = new WeakMap<ConversationFile, Memo>();

/** Best and worst final trust from a turn or ending at a meter value (from the start when not given). */
export function extremes(conversation: ConversationFile, from?: { target: string; trust: number }): Extremes {
  let memo = memos.get(conversation);
  if (!memo) {
    memo = new Map();
    memos.set(conversation, memo);
  }
  return extremesFrom(
    conversation,
    from?.target ?? conversation.start,
    from?.trust ?? conversation.startTrust,
    memo,
  );
}

/** The path that picks the best reply at every turn, from the start to its ending. */
export function bestPath(conversation: ConversationFile): RunState {
  let state = initialState(conversation);
  while (state.at.kind === 'turn') {
    const result = advance(conversation, state, state.at.id, bestReply(state.at.turn).id);
    if (!result.ok) throw new Error('the best path stopped');
    state = result.state;
  }
  return state;
}

/**
 * A finished run's score, 0–100: where its final trust sits between the worst (0) and the best (100)
 * ending any run can reach.
 */
export function score(conversation: ConversationFile, finalTrust: number): number {
  const { best, worst } = extremes(conversation);
  if (best === worst) return 100;
  return Math.round((100 * (clampTrust(finalTrust) - worst)) / (best - worst));
}

/** A run "passes" its conversation at this score or more; the best run counts for the module. */
export const PASS_SCORE = 60;

export interface DebriefTurn {
  step: Step;
  best: Reply;
  /** Whether the learner picked the best reply. */
  picked: boolean;
}

export interface Debrief {
  turns: DebriefTurn[];
  ending: { id: string; ending: Ending };
  finalTrust: number;
  score: number;
  passed: boolean;
  bestTrust: number;
  worstTrust: number;
  bestPicks: number;
}

/** What the debrief of a finished run shows; null when the run has not reached an ending. */
export function debrief(conversation: ConversationFile, state: RunState): Debrief | null {
  if (state.at.kind !== 'ending') return null;
  const turns = state.steps.map((step) => {
    const best = bestReply(step.turn);
    return { step, best, picked: best.id === step.reply.id };
  });
  const runScore = score(conversation, state.trust);
  const { best, worst } = extremes(conversation);
  return {
    turns,
    ending: { id: state.at.id, ending: state.at.ending },
    finalTrust: state.trust,
    score: runScore,
    passed: runScore >= PASS_SCORE,
    bestTrust: best,
    worstTrust: worst,
    bestPicks: turns.filter((t) => t.picked).length,
  };
}

export interface MissedTurn {
  turnId: string;
  /** The reply the learner picked, and the best one. */
  chosen: string;
  best: string;
  lesson: string;
  section: string;
}

/**
 * The turns of a finished run where the learner did not pick the best reply: what a review deck
 * practises again. Empty for an unfinished run or one the content no longer fits.
 */
export function missedTurns(conversation: ConversationFile, choices: readonly Choice[]): MissedTurn[] {
  const state = replay(conversation, choices);
  if (state?.at.kind !== 'ending') return [];
  return state.steps
    .filter((s) => bestReply(s.turn).id !== s.reply.id)
    .map((s) => ({
      turnId: s.turnId,
      chosen: s.reply.id,
      best: bestReply(s.turn).id,
      lesson: s.turn.lesson,
      section: s.turn.section,
    }));
}
