import { write } from '@db/client';
import { grants, outbox, teamInvitations, teamMembers, teams, users } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementsFor } from '../../../src/lib/billing/entitlements';
import {
  acceptInvitation,
  changeMember,
  createTeam,
  deleteTeam,
  invitationsForYou,
  invite,
  leaveTeam,
  type Person,
  TEAM_TRIAL_DAYS,
  TEAM_TRIAL_SEATS,
  teamPage,
} from '../../../src/lib/server/teams/service';
import { INVITATION_LIFETIME_MS } from '../../../src/lib/teams/invitations';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
const siteUrl = new URL('https://academy.example');
const now = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

async function person(overrides: { verified?: boolean; email?: string; role?: 'admin' | 'learner' } = {}) {
  const row = await createUser(t.db, now, { verified: overrides.verified ?? true, ...overrides });
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    role: row.role,
  } satisfies Person;
}

async function newTeam(owner?: Person) {
  const who = owner ?? (await person());
  const created = await createTeam(t.db, who, 'West region', { now, localTrial: true });
  if (created.kind !== 'created') throw new Error(`team not created: ${created.reason}`);
  return { owner: who, teamId: created.teamId };
}

/** Invites `email` and returns the token from the emailed link. */
async function inviteToken(actorId: string, email: string, role: 'member' | 'manager' = 'member', at = now) {
  const result = await invite(t.db, actorId, [{ email, role }], { now: at, siteUrl });
  expect(result).toMatchObject({ kind: 'ok', report: { sent: [email] } });
  const mails = await t.db.select().from(outbox).where(eq(outbox.to, email));
  const link = mails.at(-1)?.text.match(/https:\/\/academy\.example\/teams\/join\?token=([a-z2-7]+)/);
  if (!link?.[1]) throw new Error('no invitation link was emailed');
  return link[1];
}

async function membershipNow(userId: string, at: Date) {
  const held = await t.db.select().from(grants).where(eq(grants.userId, userId));
  return entitlementsFor({ grants: held }, at).membership;
}

describe('creating a team', () => {
  it('starts the local team trial once per person, with the owner as first member', async () => {
    const { owner, teamId } = await newTeam();
    const [team] = await t.db.select().from(teams).where(eq(teams.id, teamId));
    expect(team).toMatchObject({ seats: TEAM_TRIAL_SEATS, plan: 'trial' });
    expect(team?.membershipUntil.getTime()).toBe(now.getTime() + TEAM_TRIAL_DAYS * DAY);
    expect(await membershipNow(owner.id, later(DAY))).toBe(true);
    expect(await membershipNow(owner.id, later(TEAM_TRIAL_DAYS * DAY + 1))).toBe(false);
    // Still in a team: a second one is refused; after closing it, a second trial is refused too.
    expect(await createTeam(t.db, owner, 'Another', { now, localTrial: true })).toEqual({
      kind: 'refused',
      reason: 'in-a-team',
    });
    expect(await deleteTeam(t.db, owner.id)).toBe('deleted');
    expect(await membershipNow(owner.id, later(DAY))).toBe(false);
    const again = await createTeam(t.db, { ...owner, email: owner.email.toUpperCase() }, 'Again', {
      now,
      localTrial: true,
    });
    expect(again).toEqual({ kind: 'refused', reason: 'had-trial' });
  });

  it('asks for a confirmed email first', async () => {
    const unconfirmed = await person({ verified: false });
    expect(await createTeam(t.db, unconfirmed, 'Team', { now, localTrial: true })).toEqual({
      kind: 'refused',
      reason: 'unconfirmed',
    });
  });
});

describe('invitations', () => {
  it('are used once: the invited person joins, with membership, and the link then says it was used', async () => {
    const { owner, teamId } = await newTeam();
    const rep = await person();
    const token = await inviteToken(owner.id, rep.email);
    expect(await acceptInvitation(t.db, rep, { token }, later(1000))).toEqual({ kind: 'joined', teamId });
    expect(await membershipNow(rep.id, later(2000))).toBe(true);
    expect(await acceptInvitation(t.db, rep, { token }, later(3000))).toEqual({
      kind: 'refused',
      reason: 'used',
    });
  });

  it('expire after 14 days', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    const token = await inviteToken(owner.id, rep.email);
    expect(await acceptInvitation(t.db, rep, { token }, later(INVITATION_LIFETIME_MS))).toEqual({
      kind: 'refused',
      reason: 'expired',
    });
    const [member] = await t.db.select().from(teamMembers).where(eq(teamMembers.userId, rep.id));
    expect(member).toBeUndefined();
  });

  it('work only for the confirmed owner of the invited address', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    const stranger = await person();
    const token = await inviteToken(owner.id, rep.email);
    expect(await acceptInvitation(t.db, stranger, { token }, later(1000))).toEqual({
      kind: 'refused',
      reason: 'wrong-email',
    });
    // The refusal did not use the invitation up.
    expect(await acceptInvitation(t.db, rep, { token }, later(2000))).toMatchObject({ kind: 'joined' });
  });

  it('wait for an unconfirmed account to confirm its address (no email goes to it meanwhile)', async () => {
    const { owner, teamId } = await newTeam();
    const rep = await person({ verified: false });
    expect(
      await invite(t.db, owner.id, [{ email: rep.email, role: 'member' }], { now, siteUrl }),
    ).toMatchObject({
      kind: 'ok',
    });
    expect(await t.db.select().from(outbox).where(eq(outbox.to, rep.email))).toEqual([]);
    const [invitation] = await t.db
      .select()
      .from(teamInvitations)
      .where(eq(teamInvitations.email, rep.email));
    const id = invitation?.id ?? '';
    expect(await invitationsForYou(t.db, rep, later(1))).toEqual([]);
    expect(await acceptInvitation(t.db, rep, { id }, later(1000))).toEqual({
      kind: 'refused',
      reason: 'unconfirmed',
    });
    const confirmed = { ...rep, emailVerified: true };
    expect(await invitationsForYou(t.db, confirmed, later(1))).toHaveLength(1);
    expect(await acceptInvitation(t.db, confirmed, { id }, later(2000))).toEqual({ kind: 'joined', teamId });
  });

  it('are refused to someone already in a team, leaving the invitation open', async () => {
    const first = await newTeam();
    const second = await newTeam();
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(first.owner.id, rep.email) }, later(1));
    const token = await inviteToken(second.owner.id, rep.email);
    expect(await acceptInvitation(t.db, rep, { token }, later(2))).toEqual({
      kind: 'refused',
      reason: 'in-a-team',
    });
    expect(await leaveTeam(t.db, rep.id)).toBe('left');
    expect(await acceptInvitation(t.db, rep, { token }, later(3))).toEqual({
      kind: 'joined',
      teamId: second.teamId,
    });
  });

  it('are listed for their addressee, who can accept without the link', async () => {
    const { owner, teamId } = await newTeam();
    const rep = await person();
    await inviteToken(owner.id, rep.email);
    const listed = await invitationsForYou(t.db, rep, later(1));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ teamName: 'West region', role: 'member' });
    const id = listed[0]?.id ?? '';
    expect(await acceptInvitation(t.db, rep, { id }, later(2))).toEqual({ kind: 'joined', teamId });
  });

  it('a new invitation to the same address replaces the open one', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    const old = await inviteToken(owner.id, rep.email);
    const fresh = await inviteToken(owner.id, rep.email, 'member', later(60_000));
    expect(await acceptInvitation(t.db, rep, { token: old }, later(120_000))).toEqual({
      kind: 'refused',
      reason: 'revoked',
    });
    expect(await acceptInvitation(t.db, rep, { token: fresh }, later(120_000))).toMatchObject({
      kind: 'joined',
    });
  });

  it('are sent by owners and managers only, and managers invite reps only', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(owner.id, rep.email) }, later(1));
    expect(
      await invite(t.db, rep.id, [{ email: 'x@example.com', role: 'member' }], { now, siteUrl }),
    ).toEqual({
      kind: 'refused',
      reason: 'not-manager',
    });
    const boss = await person();
    await acceptInvitation(
      t.db,
      boss,
      { token: await inviteToken(owner.id, boss.email, 'manager') },
      later(2),
    );
    const result = await invite(
      t.db,
      boss.id,
      [
        { email: 'rep-a@example.com', role: 'member' },
        { email: 'boss-b@example.com', role: 'manager' },
        { email: rep.email, role: 'member' },
      ],
      { now: later(3), siteUrl },
    );
    expect(result).toEqual({
      kind: 'ok',
      report: {
        sent: ['rep-a@example.com'],
        skipped: [
          { email: 'boss-b@example.com', reason: 'role' },
          { email: rep.email, reason: 'already-member' },
        ],
      },
    });
  });

  it('limit how often one address is invited', async () => {
    const teamsOf = await Promise.all([newTeam(), newTeam(), newTeam(), newTeam()]);
    const target = 'popular@example.com';
    const reports = [];
    for (const { owner } of teamsOf)
      reports.push(await invite(t.db, owner.id, [{ email: target, role: 'member' }], { now, siteUrl }));
    expect(reports.map((r) => (r.kind === 'ok' ? r.report.sent.length : -1))).toEqual([1, 1, 1, 0]);
    expect(reports[3]).toMatchObject({ report: { skipped: [{ email: target, reason: 'too-often' }] } });
  });
});

describe('seats', () => {
  it('admit exactly as many people as there are free seats when 20 join at once', async () => {
    const { owner, teamId } = await newTeam();
    // Six seats, the owner holding one: five free.
    await write(t.db, (tx) => tx.update(teams).set({ seats: 6 }).where(eq(teams.id, teamId)));
    const reps = await Promise.all(Array.from({ length: 20 }, () => person()));
    const tokens: string[] = [];
    for (const rep of reps) tokens.push(await inviteToken(owner.id, rep.email));
    const results = await Promise.all(
      reps.map((rep, i) => acceptInvitation(t.db, rep, { token: tokens[i] ?? '' }, later(1000))),
    );
    expect(results.filter((r) => r.kind === 'joined')).toHaveLength(5);
    expect(results.filter((r) => r.kind === 'refused' && r.reason === 'no-seats')).toHaveLength(15);
    const members = await t.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
    expect(members).toHaveLength(6);
    // The refused kept their invitations: when a seat frees up, one of them can still join.
    const open = await t.db.select().from(teamInvitations).where(eq(teamInvitations.teamId, teamId));
    expect(open.filter((i) => i.acceptedAt === null)).toHaveLength(15);
    const joined = reps.filter((_, i) => results[i]?.kind === 'joined');
    const waiting = reps.findIndex((_, i) => results[i]?.kind === 'refused');
    await changeMember(t.db, owner.id, joined[0]?.id ?? '', 'remove', later(2000));
    expect(
      await acceptInvitation(t.db, reps[waiting] as Person, { token: tokens[waiting] ?? '' }, later(3000)),
    ).toEqual({ kind: 'joined', teamId });
  });
});

describe('leaving and removal', () => {
  it('ends the team’s membership at once and keeps the rep’s account and data', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(owner.id, rep.email) }, later(1));
    expect(await membershipNow(rep.id, later(2))).toBe(true);
    expect(await changeMember(t.db, owner.id, rep.id, 'remove', later(3))).toBe('done');
    expect(await membershipNow(rep.id, later(4))).toBe(false);
    const [still] = await t.db.select().from(users).where(eq(users.id, rep.id));
    expect(still?.email).toBe(rep.email);
    expect(await leaveTeam(t.db, rep.id)).toBe('not-in-a-team');
    expect(await leaveTeam(t.db, owner.id)).toBe('owner');
  });

  it('moves every member’s membership with the team’s plan', async () => {
    const { owner, teamId } = await newTeam();
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(owner.id, rep.email) }, later(1));
    const extended = later(40 * DAY);
    await write(t.db, (tx) =>
      tx.update(teams).set({ membershipUntil: extended }).where(eq(teams.id, teamId)),
    );
    expect(await membershipNow(rep.id, later(30 * DAY))).toBe(true);
    await write(t.db, (tx) =>
      tx
        .update(teams)
        .set({ membershipUntil: new Date(0) })
        .where(eq(teams.id, teamId)),
    );
    expect(await membershipNow(rep.id, later(2))).toBe(false);
  });

  it('ends every member’s membership when the owner deletes their account', async () => {
    const { owner } = await newTeam();
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(owner.id, rep.email) }, later(1));
    await write(t.db, (tx) => tx.delete(users).where(eq(users.id, owner.id)));
    expect(await membershipNow(rep.id, later(2))).toBe(false);
    const [left] = await t.db.select().from(teamMembers).where(eq(teamMembers.userId, rep.id));
    expect(left).toBeUndefined();
  });
});

describe('who sees the team page', () => {
  it('is 404 for a manager of another team, a site admin and a removed rep; members see names only', async () => {
    const { owner, teamId } = await newTeam();
    const other = await newTeam();
    const admin = await person({ role: 'admin' });
    const rep = await person();
    await acceptInvitation(t.db, rep, { token: await inviteToken(owner.id, rep.email) }, later(1));

    expect(await teamPage(t.db, other.owner, teamId, later(2))).toBeNull();
    expect(await teamPage(t.db, admin, teamId, later(2))).toBeNull();

    const asRep = await teamPage(t.db, rep, teamId, later(2));
    expect(asRep?.access).toBe('member');
    expect(asRep?.roster.every((m) => m.email === '')).toBe(true);
    expect(asRep?.invitations).toEqual([]);
    const asOwner = await teamPage(t.db, owner, teamId, later(2));
    expect(asOwner?.access).toBe('manage');
    expect(asOwner?.roster.map((m) => m.email)).toEqual([owner.email, rep.email]);

    await changeMember(t.db, owner.id, rep.id, 'remove', later(3));
    expect(await teamPage(t.db, rep, teamId, later(4))).toBeNull();
    const after = await teamPage(t.db, owner, teamId, later(4));
    expect(after?.roster.map((m) => m.userId)).toEqual([owner.id]);
  });

  it('refuses changes to people outside the team as not found', async () => {
    const { owner } = await newTeam();
    const other = await newTeam();
    expect(await changeMember(t.db, owner.id, other.owner.id, 'remove', now)).toBe('not-found');
  });
});
