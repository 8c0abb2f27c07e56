/** Handing a team to another member, and what happens to a team when its owner's account goes. */
import { write } from '@db/client';
import { auditLog, grants, outbox, teamMembers, teams, users } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementsFor } from '../../../src/lib/billing/entitlements';
import {
  acceptInvitation,
  closeTeamOfDepartingOwner,
  createTeam,
  invite,
  leaveTeam,
  ownedTeamOf,
  type Person,
  transferOwnership,
} from '../../../src/lib/server/teams/service';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
const siteUrl = new URL('https://academy.example');
const now = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const pricing = 'https://academy.example/pricing';

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

async function person(name?: string): Promise<Person & { displayName: string }> {
  const row = await createUser(t.db, now, { verified: true, ...(name ? { displayName: name } : {}) });
  return { id: row.id, email: row.email, emailVerified: true, role: row.role, displayName: row.displayName };
}

/** A team with its owner, a manager and two reps, all joined through emailed invitations. */
async function fullTeam() {
  const owner = await person('Olga Owner');
  const created = await createTeam(t.db, owner, 'West region', { now, localTrial: true });
  if (created.kind !== 'created') throw new Error(created.reason);
  const manager = await person('Mia Manager');
  const reps = [await person('Rita Rep'), await person('Raj Rep')];
  for (const [who, role] of [[manager, 'manager'], ...reps.map((r) => [r, 'member'] as const)] as const) {
    await invite(t.db, owner.id, [{ email: who.email, role }], { now, siteUrl });
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, who.email));
    const token = mail?.text.match(/token=([a-z2-7]+)/)?.[1] ?? '';
    expect(await acceptInvitation(t.db, who, { token }, later(1))).toMatchObject({ kind: 'joined' });
  }
  return { owner, manager, reps, teamId: created.teamId };
}

async function rolesOf(teamId: string) {
  const rows = await t.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

async function hasMembership(userId: string, at: Date) {
  const held = await t.db.select().from(grants).where(eq(grants.userId, userId));
  return entitlementsFor({ grants: held }, at).membership;
}

describe('what an owner is told before deleting their account', () => {
  it('names the team and everyone else in it, for its owner only', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const owned = await ownedTeamOf(t.db, owner.id);
    expect(owned).toMatchObject({ teamId, teamName: 'West region' });
    expect(owned?.others.map((o) => o.userId).sort()).toEqual([manager.id, ...reps.map((r) => r.id)].sort());
    expect(await ownedTeamOf(t.db, manager.id)).toBeNull();
    expect(await ownedTeamOf(t.db, reps[0]?.id ?? '')).toBeNull();
    expect(await ownedTeamOf(t.db, (await person()).id)).toBeNull();
  });
});

describe('handing a team over', () => {
  it('makes the chosen member the owner and the old owner a manager, in the audit log; the team survives the old owner’s account', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const [rep] = reps;
    if (!rep) throw new Error('no rep');
    const result = await transferOwnership(t.db, owner, rep.id, later(2));
    expect(result).toEqual({ kind: 'transferred', teamId, newOwner: 'Rita Rep' });
    const roles = await rolesOf(teamId);
    expect(roles[rep.id]).toBe('owner');
    expect(roles[owner.id]).toBe('manager');
    expect(roles[manager.id]).toBe('manager');
    expect(Object.values(roles).filter((r) => r === 'owner')).toHaveLength(1);
    const [team] = await t.db.select().from(teams).where(eq(teams.id, teamId));
    expect(team?.ownerId).toBe(rep.id);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.target, rep.id));
    expect(entry).toMatchObject({ action: 'team.transfer', actorId: owner.id, actor: owner.email });
    expect(JSON.parse(entry?.after ?? '{}')).toEqual({ team: 'West region', owner: rep.email });

    // The old owner can now leave, or delete their account, and the team carries on.
    await write(t.db, (tx) => tx.delete(users).where(eq(users.id, owner.id)));
    const [still] = await t.db.select().from(teams).where(eq(teams.id, teamId));
    expect(still?.ownerId).toBe(rep.id);
    expect(Object.keys(await rolesOf(teamId)).sort()).toEqual([manager.id, ...reps.map((r) => r.id)].sort());
    for (const member of [manager, ...reps]) expect(await hasMembership(member.id, later(3))).toBe(true);
    expect(await leaveTeam(t.db, rep.id)).toBe('owner');
  });

  it('is refused for someone outside the team, by anyone but the owner, and changes nothing then', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const other = await fullTeam();
    const outsider = await person();
    const before = await rolesOf(teamId);
    expect(await transferOwnership(t.db, owner, outsider.id, now)).toEqual({
      kind: 'refused',
      reason: 'not-in-team',
    });
    expect(await transferOwnership(t.db, owner, other.reps[0]?.id ?? '', now)).toEqual({
      kind: 'refused',
      reason: 'not-in-team',
    });
    expect(await transferOwnership(t.db, owner, owner.id, now)).toEqual({
      kind: 'refused',
      reason: 'not-in-team',
    });
    expect(await transferOwnership(t.db, manager, reps[0]?.id ?? '', now)).toEqual({
      kind: 'refused',
      reason: 'not-owner',
    });
    expect(await rolesOf(teamId)).toEqual(before);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.actorId, owner.id));
    expect(entries).toHaveLength(0);
  });

  it('leaves exactly one owner when the owner hands the team to two people at once', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const results = await Promise.all([
      transferOwnership(t.db, owner, manager.id, now),
      transferOwnership(t.db, owner, reps[1]?.id ?? '', now),
    ]);
    expect(results.filter((r) => r.kind === 'transferred')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'refused')).toEqual([{ kind: 'refused', reason: 'not-owner' }]);
    const roles = await rolesOf(teamId);
    const owners = Object.entries(roles).filter(([, role]) => role === 'owner');
    expect(owners).toHaveLength(1);
    const [team] = await t.db.select().from(teams).where(eq(teams.id, teamId));
    expect(team?.ownerId).toBe(owners[0]?.[0]);
  });
});

describe('an owner deleting their account anyway', () => {
  it('closes the team and queues exactly one email to each other member, naming neither the team nor the owner', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const told = await write(t.db, (tx) => closeTeamOfDepartingOwner(tx, owner.id, later(5), { pricing }));
    expect(told).toBe(3);
    for (const member of [manager, ...reps]) {
      const mails = (await t.db.select().from(outbox).where(eq(outbox.to, member.email))).filter(
        (m) => m.subject === 'Your team on Trust Academy was closed',
      );
      expect(mails).toHaveLength(1);
      const text = mails[0]?.text ?? '';
      expect(text).toContain(`Hello ${member.displayName},`);
      expect(text).toContain('your promise ledger');
      expect(text).toContain(pricing);
      expect(text).not.toContain('West region');
      expect(text).not.toContain('Olga');
      expect(await hasMembership(member.id, later(6))).toBe(false);
    }
    const ownerMails = await t.db.select().from(outbox).where(eq(outbox.to, owner.email));
    expect(ownerMails.filter((m) => m.subject.includes('closed'))).toHaveLength(0);
    expect(await t.db.select().from(teams).where(eq(teams.id, teamId))).toHaveLength(0);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.target, teamId));
    expect(entry).toMatchObject({ action: 'team.close', actorId: owner.id, actor: 'website' });
    expect(JSON.parse(entry?.before ?? 'null')).toEqual({ team: 'West region', members: 4 });
  });

  it('changes nothing but the member’s own place when a manager or rep deletes theirs', async () => {
    const { owner, manager, reps, teamId } = await fullTeam();
    const [rep, otherRep] = reps;
    if (!rep || !otherRep) throw new Error('no reps');
    const outboxBefore = (await t.db.select().from(outbox)).length;
    for (const leaving of [rep, manager]) {
      expect(await write(t.db, (tx) => closeTeamOfDepartingOwner(tx, leaving.id, now, { pricing }))).toBe(0);
      await write(t.db, (tx) => tx.delete(users).where(eq(users.id, leaving.id)));
    }
    expect((await t.db.select().from(outbox)).length).toBe(outboxBefore);
    expect(await rolesOf(teamId)).toEqual({ [owner.id]: 'owner', [otherRep.id]: 'member' });
    const [team] = await t.db.select().from(teams).where(eq(teams.id, teamId));
    expect(team?.ownerId).toBe(owner.id);
    expect(await hasMembership(otherRep.id, later(2))).toBe(true);
  });
});
