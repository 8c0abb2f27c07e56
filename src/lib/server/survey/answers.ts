/**
 * The customer's side: what a survey link shows, storing one answer per link, and "never email me again".
 * A response is stored without the invitation's id and without a time; the invitation only learns that
 * it was used (decision 021).
 */
import { type Database, write } from '@db/client';
import { mailboxKey } from '../../accounts/email';
import { INVITATION_SUBJECT_END } from '../../survey/emails';
import type { AnswerInput } from '../../survey/forms';
import { itemField } from '../../survey/forms';
import { CANT_SAY, SURVEY_ITEMS } from '../../survey/items';
import { roundStatus } from '../../survey/rounds';
import { MIN_RESPONSES, type SurveyAnswers } from '../../survey/scoring';
import { hashToken, newId } from '../accounts/tokens';
import * as q from './queries';

export type LinkState =
  | { kind: 'open'; memberName: string; expiresAt: Date }
  | { kind: 'own-survey' }
  | { kind: 'answered' }
  | { kind: 'expired' }
  | { kind: 'closed' }
  | { kind: 'unknown' };

const TOKEN = /^[a-z2-7]{32}$/;

async function lookUp(database: Database, token: string | null) {
  if (token === null || !TOKEN.test(token)) return null;
  return q.invitationByHash(database, hashToken(token));
}

/** What the survey page shows for a link; `viewerId` is whoever is signed in on this browser. */
export async function linkState(
  database: Database,
  token: string | null,
  viewerId: string | null,
  now: Date,
): Promise<LinkState> {
  const found = await lookUp(database, token);
  if (!found) return { kind: 'unknown' };
  return stateOf(database, found, viewerId, now);
}

async function stateOf(
  reader: Parameters<typeof q.invitationsOfRound>[0],
  found: NonNullable<Awaited<ReturnType<typeof q.invitationByHash>>>,
  viewerId: string | null,
  now: Date,
): Promise<LinkState> {
  const { invitation, round, memberName } = found;
  if (viewerId === invitation.userId) return { kind: 'own-survey' };
  if (invitation.used) return { kind: 'answered' };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
  const status = roundStatus(
    round.closedAt,
    await q.invitationsOfRound(reader, round.id),
    now,
    MIN_RESPONSES,
  );
  if (!status.open) return { kind: 'closed' };
  return { kind: 'open', memberName, expiresAt: invitation.expiresAt };
}

export type AnswerResult = { kind: 'ok' } | Exclude<LinkState, { kind: 'open' }>;

/** The form's answers as stored: 1–5 per answered statement; "can't say" and skipped ones are absent. */
export function answersOf(input: AnswerInput): SurveyAnswers {
  const answers: SurveyAnswers = {};
  for (const item of SURVEY_ITEMS) {
    const value = input[itemField(item.id)];
    if (value !== undefined && value !== CANT_SAY) answers[item.id] = Number(value);
  }
  return answers;
}

/**
 * Stores the answer and uses up the link in one transaction: the link is marked used only if it was
 * unused, so a second submit (or twenty at once) stores nothing more and is told it was answered.
 */
export async function answer(
  database: Database,
  token: string | null,
  input: AnswerInput,
  viewerId: string | null,
  now: Date,
): Promise<AnswerResult> {
  if (token === null || !TOKEN.test(token)) return { kind: 'unknown' };
  const tokenHash = hashToken(token);
  return write(database, async (tx): Promise<AnswerResult> => {
    const found = await q.invitationByHash(tx, tokenHash);
    if (!found) return { kind: 'unknown' };
    const state = await stateOf(tx, found, viewerId, now);
    if (state.kind !== 'open') return state;
    if (!(await q.useInvitation(tx, found.invitation.id))) return { kind: 'answered' };
    const comment = input.comment?.trim() ?? '';
    await q.insertResponse(tx, {
      id: newId(),
      userId: found.invitation.userId,
      roundId: found.round.id,
      overall: Number(input.overall),
      answers: JSON.stringify(answersOf(input)),
      comment: comment === '' ? null : comment,
    });
    return { kind: 'ok' };
  });
}

/** Whether a "never email me again" link is one of ours. */
export async function optOutLinkValid(database: Database, token: string | null): Promise<boolean> {
  if (token === null || !TOKEN.test(token)) return false;
  return (await q.optOutLink(database, hashToken(token))) !== null;
}

/**
 * Puts the link's address on the list that every survey invitation is checked against, and withdraws
 * invitations to it still waiting in the outbox. Repeating it changes nothing.
 */
export async function optOut(database: Database, token: string | null, now: Date): Promise<boolean> {
  if (token === null || !TOKEN.test(token)) return false;
  const link = await q.optOutLink(database, hashToken(token));
  if (!link) return false;
  await write(database, async (tx) => {
    await q.insertOptOut(tx, link.addressHash, now);
    const waiting = await q.pendingInvitationEmails(tx, INVITATION_SUBJECT_END);
    for (const message of waiting) {
      if (hashToken(mailboxKey(message.to)) === link.addressHash) await q.deleteOutboxMessage(tx, message.id);
    }
  });
  return true;
}
