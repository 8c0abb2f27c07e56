/** The weekly summary to owners and managers: once per week each, through the outbox, opted-out managers skipped, by the privacy rules. */
import { write } from '@db/client';
import { ledgerSettings, lessonProgress, outbox, teamMembers, teamWeeklySummaries } from '@db/schema';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHtml } from '../../../src/lib/platform/email-layout';
import { createAssignment } from '../../../src/lib/server/teams/assignments';
import { insertMemberIfSeat } from '../../../src/lib/server/teams/queries';
import {
  changeMember,
  createTeam,
  type Person,
  updateSummaryEmail,
} from '../../../src/lib/server/teams/service';
import { queueWeeklySummaries } from '../../../src/lib/server/teams/summary';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
const siteUrl = new URL('https://academy.example');
// A Monday, 09:00 UTC: the summary is due from 08:00 in the manager's zone.
const monday = new Date('2027-03-01T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

async function person(name: string): Promise<Person> {
  const row = await createUser(t.db, monday, { verified: true, displayName: name });
  return { id: row.id, email: row.email, emailVerified: true, role: row.role };
}

async function team(reps: number) {
  const owner = await person('Olga Owner');
  const manager = await person('Mo Manager');
  const created = await createTeam(t.db, owner, 'Field team', {
    now: new Date(monday.getTime() - 30 * DAY),
    localTrial: true,
  });
  if (created.kind !== 'created') throw new Error(created.reason);
  const { teamId } = created;
  const people: Person[] = [];
  const joined = new Date(monday.getTime() - 10 * DAY);
  await write(t.db, (tx) => insertMemberIfSeat(tx, teamId, manager.id, 'manager', joined));
  for (let i = 0; i < reps; i += 1) {
    const rep = await person(`Secret Rep ${i + 1}`);
    await write(t.db, (tx) => insertMemberIfSeat(tx, teamId, rep.id, 'member', joined));
    people.push(rep);
  }
  return { owner, manager, teamId, reps: people };
}

const mailTo = (addresses: string[]) => t.db.select().from(outbox).where(inArray(outbox.to, addresses));

describe('the weekly summary', () => {
  it('goes to the owner and managers once a week, however often the loop runs', async () => {
    const { owner, manager, teamId, reps } = await team(3);
    const [a, b] = reps as [Person, Person];
    for (const [rep, passed] of [
      [a, true],
      [b, false],
    ] as const)
      await write(t.db, (tx) =>
        tx.insert(lessonProgress).values({
          userId: rep.id,
          lessonSlug: 'trust-is-expectations-met',
          startedAt: new Date(monday.getTime() - 2 * DAY),
          lastSeenAt: new Date(monday.getTime() - 2 * DAY),
          readAt: new Date(monday.getTime() - 2 * DAY),
          quizPassedAt: passed ? new Date(monday.getTime() - 2 * DAY) : null,
        }),
      );
    await createAssignment(
      t.db,
      owner.id,
      {
        kind: 'lesson',
        target: 'trust-is-expectations-met',
        dueAt: new Date(monday.getTime() + 4 * DAY),
        title: 'Trust is expectations met',
        href: '/lessons/trust-is-expectations-met',
        lessons: ['trust-is-expectations-met'],
        quizzed: ['trust-is-expectations-met'],
      },
      new Date(monday.getTime() - DAY),
    );
    // Monday before 08:00: not yet.
    expect(await queueWeeklySummaries(t.db, new Date(monday.getTime() - 2 * HOUR), { siteUrl })).toBe(0);
    await queueWeeklySummaries(t.db, monday, { siteUrl });
    const sent = await mailTo([owner.email, manager.email]);
    expect(sent.map((m) => m.to).sort()).toEqual([owner.email, manager.email].sort());
    const mail = sent.find((m) => m.to === owner.email);
    expect(mail?.subject).toBe("Your team's week on Trust Academy: 2 of 3 reps active");
    expect(mail?.text).toContain('Hello Olga Owner,');
    expect(mail?.text).toContain('- 2 lessons read, 1 quiz passed');
    expect(mail?.text).toContain(
      '- Trust is expectations met (due 5 March 2027): 1 done, 1 in progress, 1 not started',
    );
    expect(mail?.text).toContain(`${siteUrl.origin}/teams/${teamId}/reports`);
    // No rep's name, and not the team's (typed by people) in an email.
    expect(mail?.text).not.toContain('Secret Rep');
    expect(mail?.text).not.toContain('Field team');
    expect(emailHtml(mail ?? { subject: '', text: '' })).toContain('See your team&#39;s progress');

    // A second tick, a restart later in the week: nothing more.
    expect(await queueWeeklySummaries(t.db, monday, { siteUrl })).toBe(0);
    expect(await queueWeeklySummaries(t.db, new Date(monday.getTime() + 3 * DAY), { siteUrl })).toBe(0);
    expect(await mailTo([owner.email, manager.email])).toHaveLength(2);
    // Next Monday: one each again.
    await queueWeeklySummaries(t.db, new Date(monday.getTime() + 7 * DAY), { siteUrl });
    expect(await mailTo([owner.email, manager.email])).toHaveLength(4);
  });

  it('skips a manager who turned it off and never goes to reps; a removed rep is not counted', async () => {
    const { owner, manager, reps } = await team(4);
    expect(await updateSummaryEmail(t.db, manager.id, false)).toBe(true);
    // A rep has no such setting.
    expect(await updateSummaryEmail(t.db, reps[0]?.id ?? '', true)).toBe(false);
    expect(await changeMember(t.db, owner.id, reps[3]?.id ?? '', 'remove', monday)).toBe('done');
    await queueWeeklySummaries(t.db, monday, { siteUrl });
    const sent = await mailTo([owner.email, manager.email, ...reps.map((r) => r.email)]);
    expect(sent.map((m) => m.to)).toEqual([owner.email]);
    expect(sent[0]?.subject).toContain('0 of 3 reps active');
    const claimed = await t.db
      .select()
      .from(teamWeeklySummaries)
      .where(eq(teamWeeklySummaries.userId, manager.id));
    expect(claimed).toEqual([]);
    const [row] = await t.db.select().from(teamMembers).where(eq(teamMembers.userId, manager.id));
    expect(row?.weeklySummary).toBe(false);
  });

  it('waits for Monday morning in the manager’s own time zone', async () => {
    const { owner, manager } = await team(1);
    await updateSummaryEmail(t.db, manager.id, false);
    await write(t.db, (tx) =>
      tx.insert(ledgerSettings).values({ userId: owner.id, timeZone: 'America/New_York', updatedAt: monday }),
    );
    // 09:00 UTC is 04:00 in New York.
    await queueWeeklySummaries(t.db, monday, { siteUrl });
    expect(await mailTo([owner.email])).toHaveLength(0);
    await queueWeeklySummaries(t.db, new Date(monday.getTime() + 4 * HOUR), { siteUrl });
    expect(await mailTo([owner.email])).toHaveLength(1);
  });

  it('waits for the next Monday when someone becomes a manager in the middle of a week', async () => {
    const { owner, manager, teamId } = await team(1);
    await updateSummaryEmail(t.db, owner.id, false);
    const wednesday = new Date(monday.getTime() + 2 * DAY);
    await write(t.db, (tx) =>
      tx.update(teamMembers).set({ joinedAt: wednesday }).where(eq(teamMembers.userId, manager.id)),
    );
    await queueWeeklySummaries(t.db, new Date(wednesday.getTime() + HOUR), { siteUrl });
    expect(await mailTo([manager.email])).toHaveLength(0);
    await queueWeeklySummaries(t.db, new Date(monday.getTime() + 7 * DAY), { siteUrl });
    const [mail] = await mailTo([manager.email]);
    expect(mail?.text).toContain(`/teams/${teamId}/reports`);
  });

  it('sends nothing for a team without reps yet, and does not ask again that week', async () => {
    const { owner, manager } = await team(0);
    await queueWeeklySummaries(t.db, monday, { siteUrl });
    expect(await mailTo([owner.email, manager.email])).toHaveLength(0);
    const claims = await t.db
      .select()
      .from(teamWeeklySummaries)
      .where(eq(teamWeeklySummaries.userId, owner.id));
    expect(claims.map((c) => c.week)).toEqual(['2027-W09']);
  });
});
