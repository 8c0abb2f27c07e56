/**
 * Who owns a team, and what happens when the owner goes: handing the team to another member (one
 * transaction, in the audit log), or — when the owner deletes their account anyway — closing it, with an
 * email to every other member saying what they keep and how to go on.
 */
import { type Database, type Transaction, write } from '@db/client';
import { teamMembers, teams } from '@db/schema';
import { eq } from 'drizzle-orm';
import { WEBSITE_ACTOR } from '../../admin/audit-view';
import { teamClosedMessage } from '../../teams/emails';
import type { TeamRole } from '../../teams/privacy';
import { appendAudit } from '../admin/audit';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

/** What the account page tells an owner before they delete their account. */
export interface OwnedTeam {
  teamId: string;
  teamName: string;
  /** The other members, who lose the membership the team gives them if it closes. */
  others: { userId: string; displayName: string; role: TeamRole }[];
}

/** The team `userId` owns, with everyone else in it, or null when they own none. */
export async function ownedTeamOf(db: Database | Transaction, userId: string): Promise<OwnedTeam | null> {
  const membership = await q.membershipOf(db, userId);
  if (membership?.role !== 'owner') return null;
  const team = await q.teamById(db, membership.teamId);
  if (!team) return null;
  const everyone = await q.roster(db, team.id);
  return {
    teamId: team.id,
    teamName: team.name,
    others: everyone
      .filter((m) => m.userId !== userId)
      .map(({ userId: id, displayName, role }) => ({ userId: id, displayName, role })),
  };
}

export type TransferRefusal = 'not-owner' | 'not-in-team';

export interface TransferActor {
  id: string;
  email: string;
}

export type TransferResult =
  | { kind: 'transferred'; teamId: string; newOwner: string }
  | { kind: 'refused'; reason: TransferRefusal };

/** Whether `newOwnerId` can take over the team `actorId` owns, read without writing. */
export async function transferCheck(
  db: Database | Transaction,
  actorId: string,
  newOwnerId: string,
): Promise<{ kind: 'ok'; team: q.TeamRow } | { kind: 'refused'; reason: TransferRefusal }> {
  const actor = await q.membershipOf(db, actorId);
  if (actor?.role !== 'owner') return { kind: 'refused', reason: 'not-owner' };
  const target = await q.membershipOf(db, newOwnerId);
  if (!target || target.teamId !== actor.teamId || newOwnerId === actorId)
    return { kind: 'refused', reason: 'not-in-team' };
  const team = await q.teamById(db, actor.teamId);
  return team ? { kind: 'ok', team } : { kind: 'refused', reason: 'not-owner' };
}

/**
 * Inside the caller's transaction: the chosen member becomes the owner and the old owner a manager (they
 * can then leave, or delete their account without closing the team). `endPlan` drops the team's link to
 * a Stripe subscription the old owner pays for (see `handOverTeam`): members keep what was paid for
 * (`membership_until` is left as it is) and the new owner starts their own plan.
 */
export async function transferInTransaction(
  tx: Transaction,
  actor: TransferActor,
  newOwnerId: string,
  now: Date,
  options: { endPlan?: boolean; beforeSwap?: (team: q.TeamRow) => Promise<void> } = {},
): Promise<TransferResult> {
  const check = await transferCheck(tx, actor.id, newOwnerId);
  if (check.kind === 'refused') return check;
  const { team } = check;
  await options.beforeSwap?.(team);
  await tx.update(teamMembers).set({ role: 'manager' }).where(eq(teamMembers.userId, actor.id));
  // The new owner gets the weekly summary like any owner, whatever they chose as a rep.
  await tx
    .update(teamMembers)
    .set({ role: 'owner', weeklySummary: true })
    .where(eq(teamMembers.userId, newOwnerId));
  await tx
    .update(teams)
    .set({
      ownerId: newOwnerId,
      updatedAt: now,
      ...(options.endPlan ? { subscriptionId: null, subscriptionStatus: null, pastDueSince: null } : {}),
    })
    .where(eq(teams.id, team.id));
  const [incoming] = (await q.roster(tx, team.id)).filter((m) => m.userId === newOwnerId);
  await appendAudit(
    tx,
    { id: actor.id, label: actor.email },
    {
      action: 'team.transfer',
      target: newOwnerId,
      before: { team: team.name, owner: actor.email },
      after: { team: team.name, owner: incoming?.email ?? newOwnerId },
    },
    now,
  );
  return { kind: 'transferred', teamId: team.id, newOwner: incoming?.displayName ?? '' };
}

/** Hands the team to another member, for a team without a Stripe plan (else `handOverTeam`). */
export async function transferOwnership(
  db: Database,
  actor: TransferActor,
  newOwnerId: string,
  now: Date,
): Promise<TransferResult> {
  return write(db, (tx) => transferInTransaction(tx, actor, newOwnerId, now));
}

/**
 * Inside the account deletion's transaction: closes the team `ownerId` owns and queues one email to
 * each other member. The email names neither the team nor the owner (nothing one person typed goes into
 * mail to another). The members' team grants go with the team (triggers); their own data stays.
 * Returns how many were told.
 */
export async function closeTeamOfDepartingOwner(
  tx: Transaction,
  ownerId: string,
  now: Date,
  links: { pricing: string },
): Promise<number> {
  const owned = await ownedTeamOf(tx, ownerId);
  if (!owned) return 0;
  const everyone = await q.roster(tx, owned.teamId);
  const others = everyone.filter((m) => m.userId !== ownerId);
  for (const member of others) await enqueueEmail(tx, teamClosedMessage(member.email, links.pricing), now);
  await tx.delete(teams).where(eq(teams.id, owned.teamId));
  await appendAudit(
    tx,
    // The owner, on the website: their bare id (the account goes, nothing identifying is kept) and the
    // team's name as it was, since the team goes too.
    { id: ownerId, label: WEBSITE_ACTOR },
    {
      action: 'team.close',
      target: owned.teamId,
      before: { team: owned.teamName, members: everyone.length },
    },
    now,
  );
  return others.length;
}
