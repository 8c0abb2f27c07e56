import { write } from '@db/client';
import { assessmentResults, lessonProgress, outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCourse } from '../../../src/lib/content/course';
import { newId } from '../../../src/lib/server/accounts/tokens';
import {
  createAssignment,
  queueAssignmentReminders,
  repAssignments,
  repsWhoDid,
} from '../../../src/lib/server/teams/assignments';
import { assignmentFacts, teamAssignmentReports } from '../../../src/lib/server/teams/reports';
import {
  acceptInvitation,
  changeMember,
  createTeam,
  invite,
  type Person,
} from '../../../src/lib/server/teams/service';
import { type AssignmentKind, snapshotOf } from '../../../src/lib/teams/assignments';
import { lessonSource as source } from '../../factories/lessons';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
const siteUrl = new URL('https://academy.example');
const now = new Date('2027-03-01T09:00:00Z');
const HOUR = 3_600_000;
const course = buildCourse([
  source('foundations', 1, 'expectations'),
  source('dependability', 1, 'dependability-basics'),
  source('dependability', 2, 'keep-promises', false),
  source('competence', 1, 'competence-basics'),
  source('empathy', 1, 'empathy-basics'),
  source('truth', 1, 'truth-basics'),
  source('rapport', 1, 'rapport-basics'),
]);
// `keep-promises` has no quiz: reading it completes it.
const withQuiz = new Set(course.lessons.map((l) => l.slug).filter((s) => s !== 'keep-promises'));
const assign = (actorId: string, kind: AssignmentKind, target: string, dueAt: Date, at = now) =>
  createAssignment(
    t.db,
    actorId,
    { kind, target, dueAt, ...snapshotOf(kind, target, course, (slug) => withQuiz.has(slug)) },
    at,
  );

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

async function person(): Promise<Person> {
  const row = await createUser(t.db, now, { verified: true });
  return { id: row.id, email: row.email, emailVerified: true, role: row.role };
}

async function teamWith(reps: number) {
  const owner = await person();
  const created = await createTeam(t.db, owner, 'Field team', { now, localTrial: true });
  if (created.kind !== 'created') throw new Error(created.reason);
  const members: Person[] = [];
  for (let i = 0; i < reps; i += 1) {
    const rep = await person();
    await invite(t.db, owner.id, [{ email: rep.email, role: 'member' }], { now, siteUrl });
    const [mail] = await t.db.select().from(outbox).where(eq(outbox.to, rep.email));
    const token = mail?.text.match(/token=([a-z2-7]+)/)?.[1] ?? '';
    expect(await acceptInvitation(t.db, rep, { token }, now)).toMatchObject({ kind: 'joined' });
    members.push(rep);
  }
  return { owner, teamId: created.teamId, reps: members };
}

async function progress(userId: string, slug: string, state: 'read' | 'passed' | 'quiz-only') {
  await write(t.db, (tx) =>
    tx.insert(lessonProgress).values({
      userId,
      lessonSlug: slug,
      startedAt: now,
      lastSeenAt: now,
      readAt: state === 'quiz-only' ? null : now,
      bestScore: state === 'read' ? null : 90,
      quizPassedAt: state === 'read' ? null : now,
    }),
  );
}

describe('assigning', () => {
  it('is for owners and managers, with a due date still ahead', async () => {
    const { owner, reps } = await teamWith(1);
    const dueAt = new Date(now.getTime() + 72 * HOUR);
    expect(await assign(owner.id, 'lesson', 'expectations', dueAt)).toBe('created');
    expect(await assign(reps[0]?.id ?? '', 'lesson', 'expectations', dueAt)).toBe('not-manager');
    expect(await assign(owner.id, 'lesson', 'expectations', now)).toBe('past');
  });
});

describe('status', () => {
  it('counts a module done in SQL exactly when the course’s completion rule says so', async () => {
    const { owner, teamId, reps } = await teamWith(5);
    const [a, b, c, d, e] = reps as [Person, Person, Person, Person, Person];
    // a: both lessons complete; b: read the quizzed one but not passed; c: the no-quiz lesson read only;
    // d: quiz passed but never marked read; e: nothing.
    await progress(a.id, 'dependability-basics', 'passed');
    await progress(a.id, 'keep-promises', 'read');
    await progress(b.id, 'dependability-basics', 'read');
    await progress(b.id, 'keep-promises', 'read');
    await progress(c.id, 'keep-promises', 'read');
    await progress(d.id, 'dependability-basics', 'quiz-only');
    await progress(d.id, 'keep-promises', 'read');
    const dueAt = new Date(now.getTime() + 24 * HOUR);
    await assign(owner.id, 'module', 'dependability', dueAt);
    const snapshot = snapshotOf('module', 'dependability', course, (slug) => withQuiz.has(slug));
    expect(snapshot).toMatchObject({
      lessons: ['dependability-basics', 'keep-promises'],
      quizzed: ['dependability-basics'],
    });

    const inSql = await repsWhoDid(t.db, teamId, { kind: 'module', ...snapshot });
    expect([...inSql]).toEqual([a.id]);
    // The reports' per-rep status reads the same rule, and who has started.
    const facts = await assignmentFacts(t.db, teamId, { kind: 'module', ...snapshot });
    expect([...facts.done]).toEqual([a.id]);
    expect(new Set(facts.started)).toEqual(new Set([a.id, b.id, c.id, d.id]));
    for (const rep of [a, b, c, d, e]) {
      // The dashboard's status comes from isLessonComplete in TypeScript; the report's from SQL.
      const [item] = await repAssignments(t.db, rep.id, now);
      expect(item?.status === 'done').toBe(inSql.has(rep.id));
    }
    const [summary] = await teamAssignmentReports(t.db, teamId, now);
    expect(summary?.title).toBe('Module: Dependability');
    expect(summary?.counts.done).toBe(1);
    expect(summary?.reps).toHaveLength(5);
    // The owner isn't a rep: nothing is assigned to them.
    expect(await repAssignments(t.db, owner.id, now)).toEqual([]);
    const [late] = await repAssignments(t.db, e.id, new Date(dueAt.getTime() + 1));
    expect(late?.status).toBe('overdue');
  });

  it('counts the assessment by any result, and forgets a removed rep', async () => {
    const { owner, teamId, reps } = await teamWith(3);
    const [a, b] = reps as [Person, Person];
    await assign(owner.id, 'assessment', '', new Date(now.getTime() + HOUR));
    for (const rep of [a, b])
      await write(t.db, (tx) =>
        tx.insert(assessmentResults).values({
          id: newId(),
          userId: rep.id,
          submissionId: newId(),
          answers: '{}',
          scores: '{}',
          trustIndex: 60,
          createdAt: now,
        }),
      );
    const [before] = await teamAssignmentReports(t.db, teamId, now);
    expect([before?.counts.done, before?.reps.length]).toEqual([2, 3]);
    await changeMember(t.db, owner.id, a.id, 'remove', now);
    const [after] = await teamAssignmentReports(t.db, teamId, now);
    expect([after?.counts.done, after?.reps.length]).toEqual([1, 2]);
    expect(await repAssignments(t.db, a.id, now)).toEqual([]);
  });
});

describe('reminders', () => {
  it('go once before and once after the due date, only to reps still in the team who haven’t finished', async () => {
    const { owner, reps } = await teamWith(3);
    const [done, late, removed] = reps as [Person, Person, Person];
    await progress(done.id, 'expectations', 'passed');
    const dueAt = new Date(now.getTime() + 72 * HOUR);
    await assign(owner.id, 'lesson', 'expectations', dueAt);
    await changeMember(t.db, owner.id, removed.id, 'remove', now);
    const mailTo = async (email: string) =>
      (await t.db.select().from(outbox).where(eq(outbox.to, email))).filter(
        (m) => !m.subject.includes('invited'),
      );

    // Three days ahead: too early.
    await queueAssignmentReminders(t.db, now, { siteUrl });
    expect(await mailTo(late.email)).toEqual([]);
    const soon = new Date(dueAt.getTime() - 24 * HOUR);
    await queueAssignmentReminders(t.db, soon, { siteUrl });
    await queueAssignmentReminders(t.db, new Date(soon.getTime() + HOUR), { siteUrl });
    const before = await mailTo(late.email);
    expect(before.map((m) => m.subject)).toEqual([expect.stringMatching(/^Due .*: expectations$/)]);
    expect(before[0]?.text).toContain('https://academy.example/lessons/expectations');
    expect(await mailTo(done.email)).toEqual([]);
    expect(await mailTo(removed.email)).toEqual([]);
    expect(await mailTo(owner.email)).toEqual([]);

    const after = new Date(dueAt.getTime() + 2 * HOUR);
    await queueAssignmentReminders(t.db, after, { siteUrl });
    await queueAssignmentReminders(t.db, new Date(after.getTime() + HOUR), { siteUrl });
    expect((await mailTo(late.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Due /),
      'Overdue: expectations',
    ]);
  });
});
