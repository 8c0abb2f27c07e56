/**
 * Teams: creating one, inviting people (one at a time or a list), joining through an invitation, roles,
 * leaving and removal — the rules and transactions. Who may see and do what is `src/lib/teams/privacy.ts`.
 */
import { type Database, type Transaction, write } from '@db/client';
import { rateLimitBuckets, teamInvitations, teamMembers, teams, teamTrials } from '@db/schema';
import { and, eq, ne } from 'drizzle-orm';
import { mailboxKey } from '../../accounts/email';
import { formatLongDate } from '../../platform/dates';
import { type BucketRule, take } from '../../platform/token-bucket';
import { invitationMessage } from '../../teams/emails';
import { INVITATION_LIFETIME_MS, type ListedInvite } from '../../teams/invitations';
import {
  type MemberAction,
  mayChangeMember,
  mayInvite,
  mayLeave,
  type TeamRole,
  teamAccess,
  type Viewer,
} from '../../teams/privacy';
import { generateToken, hashToken, newId } from '../accounts/tokens';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

export {
  closeTeamOfDepartingOwner,
  type OwnedTeam,
  ownedTeamOf,
  type TransferActor,
  type TransferRefusal,
  type TransferResult,
  transferOwnership,
} from './ownership';
export type { InvitationForYou, InvitationRow, MembershipRow, RosterEntry, TeamRow } from './queries';

/** The local team trial (no payment provider): as long as the single-learner trial, for this many people. */
export const TEAM_TRIAL_DAYS = 7;
export const TEAM_TRIAL_SEATS = 10;
const DAY = 86_400_000;

/** Invitations a team can send: a burst for a first list, then about this many a day. */
const INVITES_PER_TEAM: BucketRule = { capacity: 300, refillPerSecond: 300 / 86_400 };
/** Invitations one address can receive from anyone, so nobody can use teams to flood a mailbox. */
const INVITES_PER_RECIPIENT: BucketRule = { capacity: 3, refillPerSecond: 1 / 3600 };

export interface Person {
  id: string;
  email: string;
  emailVerified: boolean;
  role: 'learner' | 'admin';
}

/** A refusal inside a transaction: thrown to roll back everything the transaction wrote, then returned. */
class Refused<R extends string> extends Error {
  constructor(readonly reason: R) {
    super(reason);
  }
}

async function refusable<T, R extends string>(
  run: () => Promise<T>,
): Promise<T | { kind: 'refused'; reason: R }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refused) return { kind: 'refused', reason: error.reason as R };
    throw error;
  }
}

/** Takes `cost` tokens from a bucket inside the caller's transaction; false when there aren't enough. */
async function takeTokens(tx: Transaction, key: string, rule: BucketRule, now: Date, cost = 1) {
  const [row] = await tx.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key));
  const result = take(
    rule,
    row ? { tokens: row.tokens, updatedAt: row.updatedAt.getTime() } : null,
    now.getTime(),
    cost,
  );
  if (!result.allowed) return result;
  const values = { key, tokens: result.state.tokens, updatedAt: now };
  await tx
    .insert(rateLimitBuckets)
    .values(values)
    .onConflictDoUpdate({ target: rateLimitBuckets.key, set: { tokens: values.tokens, updatedAt: now } });
  return result;
}

/** The viewer as the privacy rules see them. */
export async function viewerOf(db: Database, person: Person | null): Promise<Viewer | null> {
  if (!person) return null;
  const membership = await q.membershipOf(db, person.id);
  return {
    userId: person.id,
    siteRole: person.role,
    membership: membership && { teamId: membership.teamId, role: membership.role },
  };
}

export interface MyTeam {
  team: q.TeamRow;
  membership: q.MembershipRow;
}

/** The person's team and their place in it, or null. */
export async function myTeam(db: Database, userId: string): Promise<MyTeam | null> {
  const membership = await q.membershipOf(db, userId);
  if (!membership) return null;
  const team = await q.teamById(db, membership.teamId);
  return team && { team, membership };
}

export type CreateRefusal = 'unconfirmed' | 'in-a-team' | 'had-trial';

/**
 * Creates a team owned by `person`, who becomes its first member. Without a payment provider the team
 * starts its local trial at once (once per person, by mailbox); with Stripe it starts with no plan and
 * the owner's seat only, until the owner starts the team plan.
 */
export async function createTeam(
  db: Database,
  person: Person,
  name: string,
  options: { now: Date; localTrial: boolean },
): Promise<{ kind: 'created'; teamId: string } | { kind: 'refused'; reason: CreateRefusal }> {
  const { now } = options;
  if (!person.emailVerified) return { kind: 'refused', reason: 'unconfirmed' };
  return refusable<{ kind: 'created'; teamId: string }, CreateRefusal>(() =>
    write(db, async (tx) => {
      if (await q.membershipOf(tx, person.id)) throw new Refused('in-a-team');
      if (options.localTrial) {
        const started = await tx
          .insert(teamTrials)
          .values({ mailboxKey: mailboxKey(person.email), startedAt: now })
          .onConflictDoNothing()
          .returning({ key: teamTrials.mailboxKey });
        if (started.length === 0) throw new Refused('had-trial');
      }
      const teamId = newId();
      await tx.insert(teams).values({
        id: teamId,
        name,
        ownerId: person.id,
        seats: options.localTrial ? TEAM_TRIAL_SEATS : 1,
        membershipUntil: options.localTrial ? new Date(now.getTime() + TEAM_TRIAL_DAYS * DAY) : new Date(0),
        plan: options.localTrial ? 'trial' : 'subscription',
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(teamMembers).values({ userId: person.id, teamId, role: 'owner', joinedAt: now });
      return { kind: 'created' as const, teamId };
    }),
  );
}

/** The acting manager's membership, or null when they may not manage `teamId`. */
async function manager(tx: Transaction | Database, actorId: string) {
  const membership = await q.membershipOf(tx, actorId);
  if (!membership || membership.role === 'member') return null;
  return membership;
}

export interface InviteReport {
  sent: string[];
  /** Addresses not invited, and why. */
  skipped: { email: string; reason: 'already-member' | 'too-often' | 'role' }[];
}

/**
 * Invites each address (a new invitation replaces an open one to the same address) and emails the
 * link, all in one transaction: the whole list is sent or, when the team's allowance is spent, none.
 */
export async function invite(
  db: Database,
  actorId: string,
  invites: readonly ListedInvite[],
  options: { now: Date; siteUrl: URL },
): Promise<
  | { kind: 'ok'; report: InviteReport }
  | { kind: 'refused'; reason: 'not-manager' | 'limit'; retryAfterSeconds?: number }
> {
  const { now, siteUrl } = options;
  return write(db, async (tx) => {
    const actor = await manager(tx, actorId);
    if (!actor) return { kind: 'refused' as const, reason: 'not-manager' as const };
    const roster = await q.roster(tx, actor.teamId);
    const members = new Set(roster.map((m) => m.email));
    // The inviter, named in the email: a member of the team by `manager`, so always on its roster.
    const inviter = roster.find((m) => m.userId === actorId);
    if (!inviter) return { kind: 'refused' as const, reason: 'not-manager' as const };
    const report: InviteReport = { sent: [], skipped: [] };
    const toSend: ListedInvite[] = [];
    for (const each of invites) {
      if (members.has(each.email)) report.skipped.push({ email: each.email, reason: 'already-member' });
      else if (!mayInvite(actor.role, each.role)) report.skipped.push({ email: each.email, reason: 'role' });
      else toSend.push(each);
    }
    if (toSend.length > 0) {
      const allowance = await takeTokens(
        tx,
        `team-invites:${actor.teamId}`,
        INVITES_PER_TEAM,
        now,
        toSend.length,
      );
      if (!allowance.allowed)
        return {
          kind: 'refused' as const,
          reason: 'limit' as const,
          retryAfterSeconds: allowance.retryAfterSeconds,
        };
    }
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    for (const each of toSend) {
      const perRecipient = await takeTokens(
        tx,
        `team-invite-to:${mailboxKey(each.email)}`,
        INVITES_PER_RECIPIENT,
        now,
      );
      if (!perRecipient.allowed) {
        report.skipped.push({ email: each.email, reason: 'too-often' });
        continue;
      }
      await q.revokeOpenInvitations(tx, actor.teamId, each.email, now);
      const token = generateToken();
      await tx.insert(teamInvitations).values({
        id: newId(),
        teamId: actor.teamId,
        email: each.email,
        role: each.role,
        tokenHash: hashToken(token),
        invitedBy: actorId,
        createdAt: now,
        expiresAt,
      });
      const link = new URL('/teams/join', siteUrl);
      link.searchParams.set('token', token);
      await enqueueEmail(
        tx,
        invitationMessage(each.email, link.href, formatLongDate(expiresAt), inviter),
        now,
      );
      report.sent.push(each.email);
    }
    return { kind: 'ok' as const, report };
  });
}

export async function revokeInvitation(
  db: Database,
  actorId: string,
  invitationId: string,
  now: Date,
): Promise<'revoked' | 'not-found'> {
  return write(db, async (tx) => {
    const actor = await manager(tx, actorId);
    if (!actor) return 'not-found';
    const revoked = await tx
      .update(teamInvitations)
      .set({ revokedAt: now })
      .where(and(eq(teamInvitations.id, invitationId), eq(teamInvitations.teamId, actor.teamId)))
      .returning({ id: teamInvitations.id });
    return revoked.length === 1 ? 'revoked' : 'not-found';
  });
}

export type InvitationState = 'open' | 'used' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  teamName: string;
  invitedBy: string | null;
  role: 'member' | 'manager';
  /** Shown masked to anyone but its owner (`maskEmail`). */
  email: string;
  expiresAt: Date;
  state: InvitationState;
}

/** What an emailed link (or an invitation listed for its addressee) is, for the join page. */
export async function invitationView(
  db: Database,
  where: { token: string } | { id: string },
  now: Date,
): Promise<InvitationView | null> {
  const row = await q.invitationWhere(db, 'token' in where ? { tokenHash: hashToken(where.token) } : where);
  if (!row) return null;
  const state: InvitationState = row.acceptedAt
    ? 'used'
    : row.revokedAt
      ? 'revoked'
      : row.expiresAt.getTime() <= now.getTime()
        ? 'expired'
        : 'open';
  return {
    id: row.id,
    teamName: row.teamName,
    invitedBy: row.invitedByName,
    role: row.role,
    email: row.email,
    expiresAt: row.expiresAt,
    state,
  };
}

/** `ana.lopez@example.com` → `an…@example.com`: enough to recognise one's own address, not to learn someone's. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(2, Math.max(at, 0)))}…${email.slice(at)}`;
}

export type JoinRefusal =
  | 'not-found'
  | 'used'
  | 'revoked'
  | 'expired'
  | 'unconfirmed'
  | 'wrong-email'
  | 'in-a-team'
  | 'no-seats';

/**
 * Accepts an invitation for `person`: only the confirmed owner of the invited address, only once, before
 * it expires, and only while the team has a free seat. The claim, the seat and the membership (whose grant
 * the database adds) are one transaction: a refusal leaves the invitation open and nothing written.
 */
export async function acceptInvitation(
  db: Database,
  person: Person,
  where: { token: string } | { id: string },
  now: Date,
): Promise<{ kind: 'joined'; teamId: string } | { kind: 'refused'; reason: JoinRefusal }> {
  const view = await invitationView(db, where, now);
  if (!view) return { kind: 'refused', reason: 'not-found' };
  if (view.state !== 'open') return { kind: 'refused', reason: view.state };
  if (view.email !== person.email) return { kind: 'refused', reason: 'wrong-email' };
  if (!person.emailVerified) return { kind: 'refused', reason: 'unconfirmed' };
  return refusable<{ kind: 'joined'; teamId: string }, JoinRefusal>(() =>
    write(db, async (tx) => {
      const [invitation] = await tx.select().from(teamInvitations).where(eq(teamInvitations.id, view.id));
      if (!invitation) throw new Refused('not-found');
      if (await q.membershipOf(tx, person.id)) throw new Refused('in-a-team');
      if (!(await q.claimInvitation(tx, invitation.id, person.id, now))) throw new Refused('used');
      if (!(await q.insertMemberIfSeat(tx, invitation.teamId, person.id, invitation.role, now)))
        throw new Refused('no-seats');
      return { kind: 'joined' as const, teamId: invitation.teamId };
    }),
  );
}

/** Leaving keeps everything of the rep's own; only the team's view of them (and its grant) ends. */
export async function leaveTeam(db: Database, userId: string): Promise<'left' | 'not-in-a-team' | 'owner'> {
  return write(db, async (tx) => {
    const membership = await q.membershipOf(tx, userId);
    if (!membership) return 'not-in-a-team';
    if (!mayLeave(membership.role)) return 'owner';
    await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
    return 'left';
  });
}

/** Removes a member, or moves one between manager and rep, as `mayChangeMember` allows. */
export async function changeMember(
  db: Database,
  actorId: string,
  targetId: string,
  action: MemberAction,
  now: Date,
): Promise<'done' | 'not-found' | 'not-allowed'> {
  return write(db, async (tx) => {
    const actor = await q.membershipOf(tx, actorId);
    const target = await q.membershipOf(tx, targetId);
    // Someone in another team (or none) is "not found" to this team, as the privacy rules say.
    if (!actor || !target || target.teamId !== actor.teamId) return 'not-found';
    if (
      !mayChangeMember({ userId: actorId, role: actor.role }, { userId: targetId, role: target.role }, action)
    )
      return 'not-allowed';
    if (action === 'remove') await tx.delete(teamMembers).where(eq(teamMembers.userId, targetId));
    else
      await tx
        .update(teamMembers)
        .set({ role: action === 'make-manager' ? 'manager' : 'member' })
        .where(eq(teamMembers.userId, targetId));
    await tx.update(teams).set({ updatedAt: now }).where(eq(teams.id, actor.teamId));
    return 'done';
  });
}

export async function renameTeam(db: Database, actorId: string, name: string, now: Date): Promise<boolean> {
  return write(db, async (tx) => {
    const actor = await q.membershipOf(tx, actorId);
    if (actor?.role !== 'owner') return false;
    await tx.update(teams).set({ name, updatedAt: now }).where(eq(teams.id, actor.teamId));
    return true;
  });
}

/** The owner may close a team once everyone else has left or been removed (and no plan is billing). */
export async function deleteTeam(
  db: Database,
  actorId: string,
): Promise<'deleted' | 'not-owner' | 'has-members' | 'billing'> {
  return write(db, async (tx) => {
    const actor = await q.membershipOf(tx, actorId);
    if (actor?.role !== 'owner') return 'not-owner';
    if ((await q.memberCount(tx, actor.teamId)) > 1) return 'has-members';
    const team = await q.teamById(tx, actor.teamId);
    if (team?.subscriptionStatus && !['canceled', 'incomplete_expired'].includes(team.subscriptionStatus))
      return 'billing';
    await tx.delete(teams).where(eq(teams.id, actor.teamId));
    return 'deleted';
  });
}

/** What a member lets the team's managers see: their assessment results, their kept-on-time rate. */
export async function updateSharing(
  db: Database,
  userId: string,
  sharing: { sharesAssessment: boolean; sharesKeptRate: boolean },
): Promise<boolean> {
  return write(db, async (tx) => {
    const updated = await tx
      .update(teamMembers)
      .set(sharing)
      .where(eq(teamMembers.userId, userId))
      .returning({ userId: teamMembers.userId });
    return updated.length === 1;
  });
}

/** Whether an owner or manager gets the weekly summary email (reps get none: the setting is not theirs). */
export async function updateSummaryEmail(
  db: Database,
  userId: string,
  weeklySummary: boolean,
): Promise<boolean> {
  return write(db, async (tx) => {
    const updated = await tx
      .update(teamMembers)
      .set({ weeklySummary })
      .where(and(eq(teamMembers.userId, userId), ne(teamMembers.role, 'member')))
      .returning({ userId: teamMembers.userId });
    return updated.length === 1;
  });
}

export interface TeamPage {
  team: q.TeamRow;
  you: { role: TeamRole; sharesAssessment: boolean; sharesKeptRate: boolean; weeklySummary: boolean };
  access: 'manage' | 'member';
  roster: q.RosterEntry[];
  invitations: q.InvitationRow[];
}

/**
 * Everything the team page shows `viewer`, or null (404) when the privacy rules give them nothing:
 * members see the roster's names and roles; managers also its addresses and the open invitations.
 */
export async function teamPage(
  db: Database,
  person: Person,
  teamId: string,
  now: Date,
): Promise<TeamPage | null> {
  const viewer = await viewerOf(db, person);
  const access = teamAccess(viewer, teamId);
  const membership = await q.membershipOf(db, person.id);
  if (!access || !membership) return null;
  const team = await q.teamById(db, teamId);
  if (!team) return null;
  const everyone = await q.roster(db, teamId);
  return {
    team,
    you: {
      role: membership.role,
      sharesAssessment: membership.sharesAssessment,
      sharesKeptRate: membership.sharesKeptRate,
      weeklySummary: membership.weeklySummary,
    },
    access,
    roster: access === 'manage' ? everyone : everyone.map((m) => ({ ...m, email: '' })),
    invitations: access === 'manage' ? await q.pendingInvitations(db, teamId, now) : [],
  };
}

export async function invitationsForYou(db: Database, person: Person, now: Date) {
  return person.emailVerified ? q.invitationsTo(db, person.email, now) : [];
}
