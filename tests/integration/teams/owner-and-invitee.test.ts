/**
 * Over HTTP, as a browser without JavaScript: an owner is warned before deleting their account and can
 * hand the team over; deleting anyway emails every other member; a person invited before they have an
 * account signs up and comes back to the invitation.
 */
import { grants, teamMembers, teams } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEmailLink, freshEmail } from '../../support/accounts';
import { Visitor } from '../../support/browser-less';
import { LEARNER_PASSWORD, useLearningServer } from '../../support/learning';
import { signedInAdmin } from '../../support/admin';
import { visibleText } from '../../support/phrases';
import { linkIn, type SmtpSink, startSmtpSink } from '../../support/smtp';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());
const ctx = useLearningServer(() => ({ SMTP_URL: smtp.url }));

async function createTeam(v: Visitor, name: string): Promise<string> {
  const res = await v.post('/teams?_action=teams.create', { name });
  expect(res.status).toBe(303);
  return (res.headers.get('location') ?? '').slice('/teams/'.length, '/teams/'.length + 26);
}

async function inviteAndJoin(owner: Visitor, teamId: string, rep: { v: Visitor; email: string }) {
  await owner.post(`/teams/${teamId}?_action=teams.invite`, { email: rep.email, role: 'member' });
  const mail = await smtp.waitFor(rep.email, (m) => m.subject.includes('invited to a team'));
  await followEmailLink(rep.v, linkIn(mail, ctx.server.origin));
  expect((await rep.v.post('/teams/join?_action=teams.join', {})).status).toBe(303);
}

async function teamGrants(userId: string) {
  return ctx.db
    .select()
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.source, 'team')));
}

const accountText = async (v: Visitor) => visibleText(await (await v.get('/account')).text());

describe('an owner deleting their account', () => {
  it('is warned, naming the team and how many lose access, and offered the hand-over first; reps are not', async () => {
    const owner = await ctx.person({ member: false, name: 'Olga Owner' });
    const reps = [await ctx.person({ member: false }), await ctx.person({ member: false })];
    const teamId = await createTeam(owner.v, 'Harbour sales');
    for (const rep of reps) await inviteAndJoin(owner.v, teamId, rep);

    const page = await accountText(owner.v);
    expect(page).toContain(
      'You own the team “Harbour sales”. Deleting your account closes it, and 2 other members lose the membership the team pays for.',
    );
    expect(page).toContain('Hand the team to someone else');
    expect(page.indexOf('Hand the team to someone else')).toBeLessThan(
      page.indexOf('Delete my account and close'),
    );
    expect(await (await owner.v.get('/account')).text()).toContain(`href="/teams/${teamId}#hand-over"`);
    const repPage = await accountText(reps[0]?.v ?? owner.v);
    expect(repPage).not.toContain('You own the team');
    expect(repPage).toContain('Delete my account');
  });

  it('hands the team over from the team page; the old owner then deletes their account and the team carries on', async () => {
    const owner = await ctx.person({ member: false });
    const rep = await ctx.person({ member: false, name: 'Nina Next' });
    const teamId = await createTeam(owner.v, 'Relay');
    await inviteAndJoin(owner.v, teamId, rep);
    const teamPage = visibleText(await (await owner.v.get(`/teams/${teamId}`)).text());
    expect(teamPage).toContain('Hand the team to someone else');
    // A rep sees no hand-over form.
    expect(visibleText(await (await rep.v.get(`/teams/${teamId}`)).text())).not.toContain('New owner');

    const outsider = await ctx.person({ member: false });
    const refused = await owner.v.post(`/teams/${teamId}?_action=teams.transfer`, {
      userId: outsider.userId,
    });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain('That person is no longer in your team');

    const moved = await owner.v.post(`/teams/${teamId}?_action=teams.transfer`, { userId: rep.userId });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/teams/${teamId}?notice=transfer`);
    expect(visibleText(await (await owner.v.get(`/teams/${teamId}?notice=transfer`)).text())).toContain(
      'The team has a new owner',
    );
    expect(await accountText(owner.v)).not.toContain('You own the team');

    const deleted = await owner.v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(deleted.headers.get('location')).toBe('/account/deleted');
    const [team] = await ctx.db.select().from(teams).where(eq(teams.id, teamId));
    expect(team?.ownerId).toBe(rep.userId);
    expect(await teamGrants(rep.userId)).toHaveLength(1);
  });

  it('closes the team when deleted anyway, emailing each other member once what they keep', async () => {
    const owner = await ctx.person({ member: false });
    const reps = [await ctx.person({ member: false, name: 'Rosa Rep' }), await ctx.person({ member: false })];
    const teamId = await createTeam(owner.v, 'Closing time');
    for (const rep of reps) await inviteAndJoin(owner.v, teamId, rep);

    const deleted = await owner.v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(deleted.headers.get('location')).toBe('/account/deleted');
    expect(await ctx.db.select().from(teams).where(eq(teams.id, teamId))).toHaveLength(0);
    for (const rep of reps) {
      const mail = await smtp.waitFor(
        rep.email,
        (m) => m.subject === 'Your team on Trust Academy was closed',
      );
      expect(mail.text).toContain('Everything of your own stays with you');
      expect(mail.text).toContain(`${ctx.server.origin}/pricing`);
      expect(mail.text).not.toContain('Closing time');
      expect(await teamGrants(rep.userId)).toEqual([]);
      expect((await rep.v.get('/account')).status).toBe(200);
    }
    // The audit log credits the owner on the website (not the command line) and names the team.
    const admin = await signedInAdmin(ctx);
    const log = await (await admin.v.get('/admin/audit')).text();
    const row = [...log.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
      .map((m) => visibleText(m[1] ?? '').replace(/\s+/g, ' '))
      .find((r) => r.includes('Closing time'));
    expect(row).toContain('The account’s owner (on the website; account since deleted)');
    expect(row).toContain('Closed a team with its owner’s account');
    expect(row).toContain('Team “Closing time”');
    expect(row).not.toContain('Command line');
    expect(row).not.toContain(teamId);
  });

  it('changes nothing about the team when a rep deletes theirs, beyond removing them', async () => {
    const owner = await ctx.person({ member: false });
    const reps = [await ctx.person({ member: false }), await ctx.person({ member: false })];
    const teamId = await createTeam(owner.v, 'Steady');
    for (const rep of reps) await inviteAndJoin(owner.v, teamId, rep);
    const [leaving, staying] = reps;
    if (!leaving || !staying) throw new Error('no reps');
    const deleted = await leaving.v.post('/account?_action=account.delete', { password: LEARNER_PASSWORD });
    expect(deleted.headers.get('location')).toBe('/account/deleted');
    const members = await ctx.db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
    expect(members.map((m) => m.userId).sort()).toEqual([owner.userId, staying.userId].sort());
    expect(await teamGrants(staying.userId)).toHaveLength(1);
    expect(await accountText(owner.v)).toContain('1 other member loses');
  });
});

describe('a person invited before they have an account', () => {
  async function signUpFromInvitation(next: string) {
    const owner = await ctx.person({ member: false, name: 'Ines Inviter' });
    const teamId = await createTeam(owner.v, 'Newcomers');
    const email = freshEmail();
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email, role: 'member' });
    const invitation = await smtp.waitFor(email, (m) => m.subject.includes('invited to a team'));
    const v = new Visitor(ctx.server.origin, '192.0.2.77');
    const join = await followEmailLink(v, linkIn(invitation, ctx.server.origin));
    const joinHtml = await join.text();
    expect(joinHtml).toContain('href="/signup?next=%2Fteams%2Fjoin"');
    const signup = await v.submit(`/signup?_action=accounts.signUp&next=${encodeURIComponent(next)}`, {
      displayName: 'Nico New',
      email,
      password: LEARNER_PASSWORD,
    });
    expect(signup.status).toBe(200);
    const confirmation = await smtp.waitFor(email, (m) => m.subject.startsWith('Confirm'));
    await followEmailLink(v, linkIn(confirmation, ctx.server.origin));
    const confirmed = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(confirmed.status).toBe(303);
    return { v, teamId, landing: confirmed.headers.get('location') };
  }

  it('signs up, confirms the address and lands back on the invitation, ready to join', async () => {
    const { v, teamId, landing } = await signUpFromInvitation('/teams/join');
    expect(landing).toBe('/teams/join?notice=verified');
    const page = visibleText(await (await v.get(landing ?? '')).text());
    expect(page).toContain('Your email address is confirmed and you are logged in.');
    expect(page).toContain('Ines Inviter invited you to join Newcomers');
    const joined = await v.post('/teams/join?_action=teams.join', {});
    expect(joined.headers.get('location')).toBe(`/teams/${teamId}?notice=joined`);
  });

  it('never follows a return path off the site: external and protocol-relative ones land on the welcome page', async () => {
    for (const next of [
      'https://evil.example/teams/join',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const { landing } = await signUpFromInvitation(next);
      expect(landing, next).toBe('/welcome?notice=verified');
    }
  });

  it('who logs in before confirming also comes back to the invitation; other pages keep the welcome page', async () => {
    const owner = await ctx.person({ member: false, name: 'Lars Lead' });
    const teamId = await createTeam(owner.v, 'Later');
    const email = freshEmail();
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email, role: 'member' });
    const invitation = await smtp.waitFor(email, (m) => m.subject.includes('invited to a team'));
    const v = new Visitor(ctx.server.origin, '192.0.2.78');
    // Signed up (from elsewhere) but not confirmed yet; then the invitation's "Log in to join".
    const signup = await v.submit('/signup?_action=accounts.signUp', {
      displayName: 'Una Unconfirmed',
      email,
      password: LEARNER_PASSWORD,
    });
    expect(signup.status).toBe(200);
    await followEmailLink(v, linkIn(invitation, ctx.server.origin));
    const login = await v.post('/login?_action=accounts.logIn', {
      email,
      password: LEARNER_PASSWORD,
      next: '/teams/join',
    });
    expect(login.headers.get('location')).toBe('/confirm-email?next=%2Fteams%2Fjoin');
    const confirmation = await smtp.waitFor(email, (m) => m.subject.startsWith('Confirm'));
    await followEmailLink(v, linkIn(confirmation, ctx.server.origin));
    const confirmed = await v.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(confirmed.headers.get('location')).toBe('/teams/join?notice=verified');

    // Signing up on the way to anything else ends on the welcome page, as before.
    const other = new Visitor(ctx.server.origin, '192.0.2.79');
    const otherEmail = freshEmail();
    await other.submit(`/signup?_action=accounts.signUp&next=${encodeURIComponent('/lessons')}`, {
      displayName: 'Otto Other',
      email: otherEmail,
      password: LEARNER_PASSWORD,
    });
    const mail = await smtp.waitFor(otherEmail, (m) => m.subject.startsWith('Confirm'));
    await followEmailLink(other, linkIn(mail, ctx.server.origin));
    const welcomed = await other.post('/verify-email?_action=accounts.verifyEmail', {});
    expect(welcomed.headers.get('location')).toBe('/welcome?notice=verified');
  });
});
