/** The team pages over HTTP, as a browser without JavaScript uses them: create, invite, join by link, roles, 404s. */
import { grants, teamMembers } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { linkIn, type SmtpSink, startSmtpSink } from '../../support/smtp';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());
const ctx = useLearningServer(() => ({ SMTP_URL: smtp.url }));

async function createTeam(v: Visitor, name = 'West region'): Promise<string> {
  const res = await v.post('/teams?_action=teams.create', { name });
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/teams\/[a-z2-7]{26}\?notice=created$/);
  return location.slice('/teams/'.length, '/teams/'.length + 26);
}

/** Follows the emailed invitation link the way a browser does, ending on the join page. */
async function openInvitation(v: Visitor, email: string): Promise<Response> {
  const mail = await smtp.waitFor(email, (m) => m.subject.includes('invited to a team'));
  const link = linkIn(mail, ctx.server.origin);
  expect(link.pathname).toBe('/teams/join');
  const stashed = await v.get(`${link.pathname}${link.search}`);
  expect(stashed.status).toBe(303);
  expect(stashed.headers.get('location')).toBe('/teams/join');
  expect(stashed.headers.get('referrer-policy')).toBe('no-referrer');
  return v.get('/teams/join');
}

describe('the team pages', () => {
  it('take a manager from creating a team to a rep joining through the emailed link', async () => {
    const owner = await ctx.person({ member: false, name: 'Olga Owner' });
    const rep = await ctx.person({ member: false, name: 'Rita Rep' });
    const teamId = await createTeam(owner.v);
    const page = await owner.v.get(`/teams/${teamId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    const html = await page.text();
    expect(html).toContain('West region');
    expect(html).toContain('1 of 10 in use');

    const invited = await owner.v.post(`/teams/${teamId}?_action=teams.invite`, {
      email: rep.email,
      role: 'member',
    });
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe(`/teams/${teamId}?notice=invited&sent=1`);
    const pending = await (await owner.v.get(`/teams/${teamId}`)).text();
    expect(pending).toContain(rep.email);

    const join = await openInvitation(rep.v, rep.email);
    expect(join.status).toBe(200);
    const joinHtml = await join.text();
    expect(joinHtml).toContain('Olga Owner invited you');
    expect(joinHtml).toContain('Join West region');
    const joined = await rep.v.post('/teams/join?_action=teams.join', {});
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe(`/teams/${teamId}?notice=joined`);
    const held = await ctx.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, rep.userId), eq(grants.source, 'team')));
    expect(held).toHaveLength(1);
    const repPage = await (await rep.v.get(`/teams/${teamId}`)).text();
    expect(repPage).toContain('Olga Owner');
    expect(repPage).not.toContain(owner.email);
    expect(repPage).toContain('Leave West region');

    // Opened again from the email, the link says it was used.
    const again = await openInvitation(rep.v, rep.email);
    expect(await again.text()).toContain('already been used');
  });

  it('refuses an invitation to another address, and answers 404 to a manager of another team and a site admin', async () => {
    const owner = await ctx.person({ member: false });
    const invitee = await ctx.person({ member: false });
    const stranger = await ctx.person({ member: false });
    const otherOwner = await ctx.person({ member: false });
    const admin = await ctx.person({ member: false, role: 'admin' });
    const teamId = await createTeam(owner.v, 'East');
    await createTeam(otherOwner.v, 'North');
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email: invitee.email, role: 'member' });

    // The stranger got hold of the link.
    const mail = await smtp.waitFor(invitee.email, (m) => m.subject.includes('invited to a team'));
    const link = linkIn(mail, ctx.server.origin);
    await stranger.v.get(`${link.pathname}${link.search}`);
    const seen = await (await stranger.v.get('/teams/join')).text();
    expect(seen).toContain('sent to another email address');
    expect(seen).not.toContain(invitee.email);
    const tried = await stranger.v.post('/teams/join?_action=teams.join', {});
    expect(tried.status).toBe(409);
    const [member] = await ctx.db.select().from(teamMembers).where(eq(teamMembers.userId, stranger.userId));
    expect(member).toBeUndefined();

    for (const outsider of [otherOwner, admin, stranger]) {
      expect((await outsider.v.get(`/teams/${teamId}`)).status).toBe(404);
      const post = await outsider.v.post(`/teams/${teamId}?_action=teams.remove`, { userId: owner.userId });
      expect([404, 409]).toContain(post.status);
    }
    const res = await fetch(`${ctx.server.origin}/teams/${teamId}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
  });

  it('invites a pasted list and an uploaded CSV file, and sends nothing when a line is wrong', async () => {
    const owner = await ctx.person({ member: false });
    const teamId = await createTeam(owner.v, 'South');
    const bad = await owner.v.post(`/teams/${teamId}?_action=teams.inviteList`, {
      list: 'ana.south@example.com\nnot-an-address\n',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Line 2 (not-an-address): This is not an email address.');
    expect(badHtml).toContain('ana.south@example.com\nnot-an-address');

    const form = new FormData();
    form.set('list', '');
    form.set(
      'file',
      new File(['email,role\nana.south@example.com,\nben.south@example.com,manager\n'], 'team.csv', {
        type: 'text/csv',
      }),
    );
    const uploaded = await owner.v.request(`/teams/${teamId}?_action=teams.inviteList`, {
      method: 'POST',
      headers: { Origin: owner.v.origin },
      body: form,
    });
    expect(uploaded.status).toBe(303);
    expect(uploaded.headers.get('location')).toBe(`/teams/${teamId}?notice=invited&sent=2`);
    await smtp.waitFor('ben.south@example.com', (m) => m.subject.includes('invited to a team'));
  });

  it('removes a rep, who then gets 404 and loses the team’s membership', async () => {
    const owner = await ctx.person({ member: false });
    const rep = await ctx.person({ member: false });
    const teamId = await createTeam(owner.v, 'Central');
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email: rep.email, role: 'member' });
    await openInvitation(rep.v, rep.email);
    expect((await rep.v.post('/teams/join?_action=teams.join', {})).status).toBe(303);

    const removed = await owner.v.post(`/teams/${teamId}?_action=teams.remove`, { userId: rep.userId });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/teams/${teamId}?notice=remove`);
    expect((await rep.v.get(`/teams/${teamId}`)).status).toBe(404);
    const held = await ctx.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, rep.userId), eq(grants.source, 'team')));
    expect(held).toEqual([]);
    const teamsPage = await rep.v.get('/teams');
    expect(teamsPage.status).toBe(200);
    expect(await teamsPage.text()).toContain('Create a team');
  });
});

describe('the invitation email', () => {
  it('names the manager who sent it, beside their address, and greets an invitee who has an account by name', async () => {
    const owner = await ctx.person({ member: false, name: 'Olga Owner' });
    const invitee = await ctx.person({ member: false, name: 'Ravi Rep' });
    const teamId = await createTeam(owner.v, 'South');
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email: invitee.email, role: 'member' });
    const mail = await smtp.waitFor(invitee.email, (m) => m.subject.includes('invited to a team'));
    expect(mail.subject).toBe('You are invited to a team on Trust Academy by Olga Owner');
    expect(mail.text.startsWith('Hello Ravi Rep,\n')).toBe(true);
    expect(mail.text).toContain(`Olga Owner (${owner.email}) invited you to join their sales team`);
    // The team's name, typed by anyone, stays out of the mail.
    expect(mail.text).not.toContain('South');
    expect(mail.html).toContain('>See the invitation and join</a>');
  });

  it('names a manager whose display name doesn’t read as a name by their address alone', async () => {
    const owner = await ctx.person({ member: false, name: 'Your account is locked: call 555 0100' });
    const teamId = await createTeam(owner.v, 'Central');
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, {
      email: 'newcomer.central@example.com',
      role: 'member',
    });
    const mail = await smtp.waitFor('newcomer.central@example.com', (m) =>
      m.subject.includes('invited to a team'),
    );
    expect(mail.text).not.toContain('locked');
    expect(mail.text).toContain(`${owner.email} invited you to join their sales team`);
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
  });
});

describe('assignments on the pages', () => {
  it('a manager assigns a module; the rep sees it first on My learning, current on every request', async () => {
    const owner = await ctx.person({ member: false });
    const rep = await ctx.person({ member: false });
    const teamId = await createTeam(owner.v, 'Assigners');
    await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email: rep.email, role: 'member' });
    await openInvitation(rep.v, rep.email);
    expect((await rep.v.post('/teams/join?_action=teams.join', {})).status).toBe(303);

    const past = await owner.v.post(`/teams/${teamId}?_action=teams.assign`, {
      what: 'module:dependability',
      due: '2020-01-01',
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Choose a due date from today on.');
    const bogus = await owner.v.post(`/teams/${teamId}?_action=teams.assign`, {
      what: 'lesson:nope',
      due: '2999-01-01',
    });
    expect(bogus.status).toBe(400);

    // Render the dashboard once first, so the cached copy exists before the assignment does.
    await (await rep.v.get('/dashboard')).text();
    const assigned = await owner.v.post(`/teams/${teamId}?_action=teams.assign`, {
      what: 'module:dependability',
      due: '2999-01-31',
    });
    expect(assigned.status).toBe(303);
    expect(assigned.headers.get('location')).toBe(`/teams/${teamId}?notice=assign`);
    const managerView = await (await owner.v.get(`/teams/${teamId}`)).text();
    expect(managerView).toContain('Module: Dependability');
    expect(managerView).toContain('0 of 1');

    for (let i = 0; i < 2; i += 1) {
      const dashboard = await (await rep.v.get('/dashboard')).text();
      const main = dashboard.slice(dashboard.indexOf('<main'));
      expect(main).toContain('Assigned by your team');
      // First thing after the heading.
      expect(main.indexOf('Assigned by your team')).toBeLessThan(main.indexOf('</h1>') + 200);
      expect(main).toContain('Module: Dependability');
      expect(main).toContain('31 Jan 2999');
    }
    // A rep can't assign.
    expect(
      (await rep.v.post(`/teams/${teamId}?_action=teams.assign`, { what: 'assessment:', due: '2999-01-01' }))
        .status,
    ).toBe(409);

    const id = managerView.match(/name="assignmentId" value="([a-z2-7]{26})"/)?.[1] ?? '';
    expect((await owner.v.post(`/teams/${teamId}?_action=teams.unassign`, { assignmentId: id })).status).toBe(
      303,
    );
    expect(await (await rep.v.get('/dashboard')).text()).not.toContain('Assigned by your team');
  });
  it('lead an owner and a manager from My learning to their team, current although the page is cached', async () => {
    const owner = await ctx.person({ member: false, name: 'Lead Owner' });
    const manager = await ctx.person({ member: false, name: 'Mia Manager' });
    const rep = await ctx.person({ member: false, name: 'Rex Rep' });
    const outsider = await ctx.person({ member: false, name: 'Olive Outsider' });
    const teamId = await createTeam(owner.v, 'Lead <team>');
    for (const [who, role] of [
      [manager, 'manager'],
      [rep, 'member'],
    ] as const) {
      expect(
        (await owner.v.post(`/teams/${teamId}?_action=teams.invite`, { email: who.email, role })).status,
      ).toBe(303);
      await openInvitation(who.v, who.email);
      expect((await who.v.post('/teams/join?_action=teams.join', {})).status).toBe(303);
    }
    const card = (html: string) => {
      const main = html.slice(html.indexOf('<main'));
      return main.includes('Your team:')
        ? main.slice(main.indexOf('Your team:'), main.indexOf('</section>', main.indexOf('Your team:')))
        : null;
    };
    for (const lead of [owner, manager]) {
      const found = card(await (await lead.v.get('/dashboard')).text());
      expect(found).toContain('Your team: Lead &lt;team&gt;');
      expect(found).toContain(`href="/teams/${teamId}/reports">Progress and results</a>`);
      expect(found).toContain(`href="/teams/${teamId}">Team page</a>`);
    }
    expect(card(await (await rep.v.get('/dashboard')).text())).toBeNull();
    expect(card(await (await outsider.v.get('/dashboard')).text())).toBeNull();
    // The dashboard is cached by a key without the team: a rename shows at once, on the second request too.
    expect(
      (await owner.v.post(`/teams/${teamId}?_action=teams.rename`, { name: 'East region' })).status,
    ).toBe(303);
    for (let i = 0; i < 2; i += 1)
      expect(card(await (await manager.v.get('/dashboard')).text())).toContain('Your team: East region');
  });
});
