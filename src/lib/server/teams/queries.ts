/** Team queries: teams, members and invitations, plain drizzle and one conditional insert. */
import { type Database, readRow, type Transaction } from '@db/client';
import { teamInvitations, teamMembers, teams, users } from '@db/schema';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { TeamRole } from '../../teams/privacy';

type Reader = Database | Transaction;

export type TeamRow = typeof teams.$inferSelect;
export type InvitationRow = typeof teamInvitations.$inferSelect;

export interface MembershipRow {
  teamId: string;
  role: TeamRole;
  joinedAt: Date;
  sharesAssessment: boolean;
  sharesKeptRate: boolean;
  weeklySummary: boolean;
}

/**
 * A person's team and role, as the dashboard's assignments slot asks on every hit: through the read
 * connection's prepared statement rather than the query builder.
 */
export async function teamRoleOf(
  db: Database,
  userId: string,
): Promise<{ teamId: string; role: TeamRole } | null> {
  const row = await readRow<{ team_id: string; role: TeamRole }>(
    db,
    'SELECT team_id, role FROM team_members WHERE user_id = ?',
    [userId],
  );
  return row ? { teamId: String(row.team_id), role: row.role } : null;
}

export async function membershipOf(db: Reader, userId: string): Promise<MembershipRow | null> {
  const [row] = await db
    .select({
      teamId: teamMembers.teamId,
      role: teamMembers.role,
      joinedAt: teamMembers.joinedAt,
      sharesAssessment: teamMembers.sharesAssessment,
      sharesKeptRate: teamMembers.sharesKeptRate,
      weeklySummary: teamMembers.weeklySummary,
    })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
  return row ?? null;
}

export async function teamById(db: Reader, teamId: string): Promise<TeamRow | null> {
  const [row] = await db.select().from(teams).where(eq(teams.id, teamId));
  return row ?? null;
}

export interface RosterEntry {
  userId: string;
  displayName: string;
  email: string;
  role: TeamRole;
  joinedAt: Date;
}

/** The team's members: the owner first, then managers, then reps by name. */
export async function roster(db: Reader, teamId: string): Promise<RosterEntry[]> {
  return db
    .select({
      userId: teamMembers.userId,
      displayName: users.displayName,
      email: users.email,
      role: teamMembers.role,
      joinedAt: teamMembers.joinedAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(
      sql`CASE ${teamMembers.role} WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END`,
      asc(users.displayName),
    );
}

export async function memberCount(db: Reader, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  return row?.n ?? 0;
}

/**
 * Adds a member only while the team has a free seat: the count and the insert are one statement inside
 * the joining transaction, so however many people join at once, no more than `seats` are ever in.
 */
export async function insertMemberIfSeat(
  tx: Transaction,
  teamId: string,
  userId: string,
  role: TeamRole,
  now: Date,
): Promise<boolean> {
  // RETURNING rather than the count of changed rows: the insert's trigger adds the member's grant, and
  // a libsql server counts the trigger's row too, where the embedded driver counts only the statement's.
  const inserted = await tx.all(sql`INSERT INTO team_members (user_id, team_id, role, joined_at)
    SELECT ${userId}, ${teamId}, ${role}, ${now.getTime()}
    WHERE (SELECT count(*) FROM team_members WHERE team_id = ${teamId})
      < (SELECT seats FROM teams WHERE id = ${teamId})
    RETURNING user_id`);
  return inserted.length === 1;
}

/** Invitations still open (not accepted, not revoked, not expired), newest first. */
export async function pendingInvitations(db: Reader, teamId: string, now: Date): Promise<InvitationRow[]> {
  return db
    .select()
    .from(teamInvitations)
    .where(
      and(
        eq(teamInvitations.teamId, teamId),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .orderBy(sql`${teamInvitations.createdAt} DESC`);
}

export interface InvitationForYou {
  id: string;
  teamName: string;
  role: 'member' | 'manager';
  invitedBy: string | null;
  expiresAt: Date;
}

/** Open invitations to an address, with the team's and inviter's names, for the person it belongs to. */
export async function invitationsTo(db: Reader, email: string, now: Date): Promise<InvitationForYou[]> {
  return db
    .select({
      id: teamInvitations.id,
      teamName: teams.name,
      role: teamInvitations.role,
      invitedBy: users.displayName,
      expiresAt: teamInvitations.expiresAt,
    })
    .from(teamInvitations)
    .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
    .leftJoin(users, eq(users.id, teamInvitations.invitedBy))
    .where(
      and(
        eq(teamInvitations.email, email),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .orderBy(sql`${teamInvitations.createdAt} DESC`);
}

export async function invitationWhere(
  db: Reader,
  where: { tokenHash: string } | { id: string },
): Promise<(InvitationRow & { teamName: string; invitedByName: string | null }) | null> {
  const [row] = await db
    .select({ invitation: teamInvitations, teamName: teams.name, invitedByName: users.displayName })
    .from(teamInvitations)
    .innerJoin(teams, eq(teams.id, teamInvitations.teamId))
    .leftJoin(users, eq(users.id, teamInvitations.invitedBy))
    .where(
      'tokenHash' in where
        ? eq(teamInvitations.tokenHash, where.tokenHash)
        : eq(teamInvitations.id, where.id),
    );
  return row ? { ...row.invitation, teamName: row.teamName, invitedByName: row.invitedByName } : null;
}

/** Marks an invitation used, only if it still is open: a link works once, however many clicks race. */
export async function claimInvitation(
  tx: Transaction,
  id: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const claimed = await tx
    .update(teamInvitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(teamInvitations.id, id),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .returning({ id: teamInvitations.id });
  return claimed.length === 1;
}

/** Ends the open invitations of a team to an address (a new one replaces them). */
export async function revokeOpenInvitations(
  tx: Transaction,
  teamId: string,
  email: string,
  now: Date,
): Promise<void> {
  await tx
    .update(teamInvitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(teamInvitations.teamId, teamId),
        eq(teamInvitations.email, email),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
      ),
    );
}

/** The team's version of what its reports show (bumped by the database, migration 0022); 0 before any write. */
export async function teamVersionOf(db: Database, teamId: string): Promise<number> {
  const row = await readRow<{ version: number }>(db, 'SELECT version FROM team_versions WHERE team_id = ?', [
    teamId,
  ]);
  return Number(row?.version ?? 0);
}
