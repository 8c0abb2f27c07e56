/**
 * When a round of invitations is closed. Results are shown only for closed rounds, all at once: were
 * they updated as each answer arrived, the change would reveal that customer's answers (decision 021).
 */

/** Invitation links work this long. */
export const INVITATION_TTL_MS = 30 * 24 * 3_600_000;

export interface InvitationState {
  used: boolean;
  expiresAt: Date;
}

export type RoundStatus =
  | { open: true }
  | { open: false; reason: 'closed-by-member' | 'all-answered' | 'expired' };

/**
 * A round is closed when the member closes it; or when nothing is pending any more (every link is used
 * or expired) and either enough customers answered or some link expired unanswered. A round whose few
 * links were all answered stays open, so the member can invite more before anything is shown.
 */
export function roundStatus(
  closedAt: Date | null,
  invitations: readonly InvitationState[],
  now: Date,
  minResponses: number,
): RoundStatus {
  if (closedAt !== null) return { open: false, reason: 'closed-by-member' };
  if (invitations.length === 0) return { open: true };
  const expired = (i: InvitationState) => !i.used && i.expiresAt.getTime() <= now.getTime();
  const pending = invitations.filter((i) => !i.used && !expired(i)).length;
  if (pending > 0) return { open: true };
  const answered = invitations.filter((i) => i.used).length;
  if (answered >= minResponses && !invitations.some(expired)) return { open: false, reason: 'all-answered' };
  if (invitations.some(expired)) return { open: false, reason: 'expired' };
  return { open: true };
}
