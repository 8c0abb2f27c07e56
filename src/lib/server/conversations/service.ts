/**
 * Conversation practice: starting runs, answering turns, and what the pages and progress read. A run
 * stores only its choices; its state is replayed from the content on every read, and a reply is
 * written only if the run still stands where the form was shown (double submits and back-button
 * resubmits change nothing).
 */
import { write } from '@db/client';
import type { Entitlements } from '../../billing/entitlements';
import {
  advance,
  type Choice,
  type Debrief,
  debrief,
  initialState,
  type MissedTurn,
  missedTurns,
  PASS_SCORE,
  type RunState,
  replay,
  score,
} from '../../conversations/engine';
import type { ReplyInput, StartRunInput } from '../../conversations/forms';
import type { ConversationFile } from '../../conversations/schema';
import type { SessionUser } from '../accounts/sessions';
import { newId } from '../accounts/tokens';
import { addToDeck } from '../boosters/deck';
import { issueModuleCertificates } from '../learning/service';
import { db } from '../platform/db';
import { allConversations, type ConversationEntry, getConversation } from './content';
import * as q from './queries';
import { missedTurnItems } from './review-items';

export { allConversations } from './content';
export type { RunRow, RunSummary } from './queries';

/** Free conversations need an account; the others a membership, like member lessons. */
export function mayPlay(conversation: Pick<ConversationFile, 'free'>, entitlements: Entitlements): boolean {
  return conversation.free || entitlements.membership;
}

export type StartResult = { kind: 'ok'; runId: string } | { kind: 'not-found' } | { kind: 'members-only' };

/** Starts a run; the same start form sent again answers with the run it started. */
export async function startRun(
  user: SessionUser,
  entitlements: Entitlements,
  input: StartRunInput,
  now: Date,
): Promise<StartResult> {
  const entry = await getConversation(input.slug);
  if (!entry) return { kind: 'not-found' };
  if (!mayPlay(entry.conversation, entitlements)) return { kind: 'members-only' };
  const state = initialState(entry.conversation);
  return write(await db(), async (tx): Promise<StartResult> => {
    const id = newId();
    const fresh = await q.insertRun(tx, {
      id,
      userId: user.id,
      conversationSlug: entry.slug,
      submissionId: input.submission,
      choices: '[]',
      steps: 0,
      trust: state.trust,
      position: state.at.id,
      score: null,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
    });
    if (fresh) return { kind: 'ok', runId: id };
    const existing = await q.findRunBySubmission(tx, user.id, input.submission);
    if (!existing || existing.conversationSlug !== entry.slug) return { kind: 'not-found' };
    return { kind: 'ok', runId: existing.id };
  });
}

export type ReplyResult =
  /** Stored; `certificates` lists what finishing the run earned. */
  | { kind: 'ok'; runId: string; slug: string; finished: boolean; certificates: string[] }
  /** This very reply was stored before (a double submit): nothing changed. */
  | { kind: 'repeated'; runId: string; slug: string }
  /** The form was for a turn the run has moved past (the back button): nothing changed. */
  | { kind: 'stale'; runId: string; slug: string }
  | { kind: 'not-found' }
  | { kind: 'members-only' }
  /** The conversation was revised since the run started: its choices no longer fit. */
  | { kind: 'revised'; slug: string }
  | { kind: 'invalid'; fields: Record<string, string> };

/** Answers the turn the form showed, if the run still waits for it. */
export async function replyToTurn(
  user: SessionUser,
  entitlements: Entitlements,
  input: ReplyInput,
  now: Date,
): Promise<ReplyResult> {
  const database = await db();
  const row = await q.findOwnRun(database, user.id, input.run);
  if (!row) return { kind: 'not-found' };
  const entry = await getConversation(row.conversationSlug);
  if (!entry) return { kind: 'not-found' };
  if (!mayPlay(entry.conversation, entitlements)) return { kind: 'members-only' };
  const conversation = entry.conversation;
  const slug = entry.slug;

  return write(database, async (tx): Promise<ReplyResult> => {
    // Read again inside the transaction: another submission may have moved the run since.
    const current = await q.findOwnRun(tx, user.id, input.run);
    if (!current) return { kind: 'not-found' };
    const choices = JSON.parse(current.choices) as Choice[];
    if (input.step !== current.steps) {
      const earlier = choices[input.step];
      const same = earlier !== undefined && earlier.turn === input.turn && earlier.reply === input.reply;
      return { kind: same ? 'repeated' : 'stale', runId: current.id, slug };
    }
    const state = replay(conversation, choices);
    if (!state) return { kind: 'revised', slug };
    const next = advance(conversation, state, input.turn, input.reply);
    if (!next.ok) {
      if (next.reason === 'no-such-reply')
        return { kind: 'invalid', fields: { reply: 'Choose one of the replies.' } };
      return { kind: 'stale', runId: current.id, slug };
    }
    const after = next.state;
    const finished = after.at.kind === 'ending';
    const runScore = finished ? score(conversation, after.trust) : null;
    const answered = [...choices, { turn: input.turn, reply: input.reply }];
    const stored = await q.advanceRun(tx, current.id, current.steps, {
      choices: JSON.stringify(answered),
      steps: current.steps + 1,
      trust: after.trust,
      position: after.at.id,
      score: runScore,
      updatedAt: now,
      finishedAt: finished ? now : null,
    });
    if (!stored) return { kind: 'stale', runId: current.id, slug };
    if (finished) {
      // The turns missed enter the review deck with the last turn, so both commit or neither.
      await addToDeck(tx, user.id, missedTurnItems(slug, missedTurns(conversation, answered)), now);
    }
    const certificates =
      runScore !== null && runScore >= PASS_SCORE
        ? await issueModuleCertificates(tx, user, conversation.module, now)
        : [];
    return { kind: 'ok', runId: current.id, slug, finished, certificates };
  });
}

export interface RunView {
  entry: ConversationEntry;
  run: q.RunRow;
  /** Null when the conversation was revised since and the run's choices no longer fit. */
  state: RunState | null;
  debrief: Debrief | null;
}

/** One of the learner's runs of this conversation, replayed; null if it is not theirs or not of this conversation. */
export async function getRun(userId: string, slug: string, runId: string): Promise<RunView | null> {
  if (!/^[a-z2-7]{26}$/.test(runId)) return null;
  const entry = await getConversation(slug);
  if (!entry) return null;
  const run = await q.findOwnRun(await db(), userId, runId);
  if (!run || run.conversationSlug !== slug) return null;
  const state = replay(entry.conversation, JSON.parse(run.choices) as Choice[]);
  return { entry, run, state, debrief: state ? debrief(entry.conversation, state) : null };
}

/** The learner's runs of one conversation, newest first. */
export async function runsOf(userId: string, slug: string): Promise<q.RunRow[]> {
  return q.runsOf(await db(), userId, slug);
}

/** Per conversation played: best score, finished runs, the run to continue. */
export async function practiceSummaries(userId: string): Promise<Map<string, q.RunSummary>> {
  const slugs = (await allConversations()).map((entry) => entry.slug);
  return q.summariesOf(await db(), userId, slugs);
}

/**
 * The turns of a finished run where the learner did not pick the best reply: for the review deck (the
 * boosters) to practise again. Empty for an unfinished run, one that isn't theirs, or one the content
 * no longer fits.
 */
export async function missedTurnsOfRun(
  userId: string,
  runId: string,
): Promise<{ slug: string; turns: MissedTurn[] }> {
  const run = /^[a-z2-7]{26}$/.test(runId) ? await q.findOwnRun(await db(), userId, runId) : null;
  const entry = run ? await getConversation(run.conversationSlug) : null;
  if (!run || !entry || run.finishedAt === null) return { slug: run?.conversationSlug ?? '', turns: [] };
  return { slug: entry.slug, turns: missedTurns(entry.conversation, JSON.parse(run.choices) as Choice[]) };
}
