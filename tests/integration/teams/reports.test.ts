/**
 * The manager's reports over HTTP — the page, the quiz answers and the three CSV files — and the privacy
 * rules on each: 404 for anyone but the team's owner and managers, only current reps, averages from
 * three, individual results only when a rep shares them.
 */
import { write } from '@db/client';
import {
  assessmentDrafts,
  assessmentResults,
  ledgerCustomers,
  ledgerPromises,
  ledgerSettings,
  lessonProgress,
  quizAttempts,
  surveyResponses,
  surveyRounds,
  teamMembers,
  users,
} from '@db/schema';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { toLocalInput } from '../../../src/lib/ledger/time';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { insertMemberIfSeat } from '../../../src/lib/server/teams/queries';
import { createTeam } from '../../../src/lib/server/teams/service';
import { finishedRun } from '../../factories/conversations';
import { quizOf, useLearningServer } from '../../support/learning';

const METRICS_TOKEN = 'a metrics token for the reports test';
const ctx = useLearningServer(() => ({ METRICS_TOKEN }));
const LESSON = 'trust-is-expectations-met';
const DAY = 86_400_000;

type Someone = Awaited<ReturnType<typeof ctx.person>>;

/** A team made through the service (the page flows have their own tests), with reps added as joining adds them. */
async function team(reps: number, name = 'Field team') {
  const owner = await ctx.person({ member: false, name: `Owner of ${name}` });
  const now = new Date();
  const created = await createTeam(
    ctx.db,
    { id: owner.userId, email: owner.email, emailVerified: true, role: 'learner' },
    name,
    { now, localTrial: true },
  );
  if (created.kind !== 'created') throw new Error(created.reason);
  const members: Someone[] = [];
  for (let i = 0; i < reps; i += 1) {
    const rep = await ctx.person({ member: false, name: `${name} rep ${i + 1}` });
    await write(ctx.db, (tx) => insertMemberIfSeat(tx, created.teamId, rep.userId, 'member', now));
    members.push(rep);
  }
  return { owner, teamId: created.teamId, reps: members };
}

const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);

async function readLesson(userId: string, slug: string, passed: boolean) {
  await write(ctx.db, (tx) =>
    tx.insert(lessonProgress).values({
      userId,
      lessonSlug: slug,
      startedAt: at(3),
      lastSeenAt: at(2),
      readAt: at(2),
      bestScore: passed ? 100 : null,
      quizPassedAt: passed ? at(2) : null,
    }),
  );
}

async function assessed(userId: string, trustIndex: number) {
  await write(ctx.db, (tx) =>
    tx.insert(assessmentResults).values({
      id: newId(),
      userId,
      submissionId: newId(),
      answers: '{}',
      scores: '{}',
      trustIndex,
      createdAt: at(1),
    }),
  );
}

/** A first attempt at the lesson's quiz: every question right, except the first question's answer for `wrong`. */
async function attempted(userId: string, wrongFirst: boolean) {
  const quiz = quizOf(LESSON);
  const answers = Object.fromEntries(
    quiz.questions.map((q, i) => [
      q.id,
      (wrongFirst && i === 0
        ? q.options.filter((o) => !o.correct).slice(0, 1)
        : q.options.filter((o) => o.correct)
      ).map((o) => o.id),
    ]),
  );
  await write(ctx.db, (tx) =>
    tx.insert(quizAttempts).values({
      id: newId(),
      userId,
      lessonSlug: LESSON,
      submissionId: newId(),
      answers: JSON.stringify(answers),
      score: wrongFirst ? 80 : 100,
      passed: true,
      createdAt: at(2),
    }),
  );
}

const csv = async (res: Response) => parse(await res.text(), { bom: true }) as string[][];

describe('the manager’s reports', () => {
  it('answer 404 to a manager of another team, a rep of the team, a former rep and a site admin — page, quiz answers and every CSV', async () => {
    const { owner, teamId, reps } = await team(2, 'Closed');
    const other = await team(0, 'Elsewhere');
    const admin = await ctx.person({ member: false, role: 'admin' });
    const [rep, leaver] = reps as [Someone, Someone];
    expect(
      (await owner.v.post(`/teams/${teamId}?_action=teams.remove`, { userId: leaver.userId })).status,
    ).toBe(303);
    const paths = ['reports', 'reports/quizzes', 'progress.csv', 'assignments.csv', 'quizzes.csv'].map(
      (p) => `/teams/${teamId}/${p}`,
    );
    for (const path of paths) {
      const mine = await owner.v.get(path);
      expect(mine.status, path).toBe(200);
      expect(mine.headers.get('cache-control')).toContain('no-store');
      for (const outsider of [other.owner, rep, leaver, admin])
        expect((await outsider.v.get(path)).status, path).toBe(404);
      const anonymous = await fetch(`${ctx.server.origin}${path}`, { redirect: 'manual' });
      expect(anonymous.status).toBe(302);
    }
  });

  it('show progress per rep and module, each rep’s assignment status, and nothing of a removed rep', async () => {
    const { owner, teamId, reps } = await team(3, 'Progress');
    const [ana, ben, gone] = reps as [Someone, Someone, Someone];
    await readLesson(ana.userId, LESSON, true);
    await readLesson(ana.userId, 'the-trust-account', false);
    await readLesson(ben.userId, LESSON, false);
    await finishedRun(ctx.db, ana.userId, 'the-inherited-promise', { score: 80, at: at(1) });
    const assigned = await owner.v.post(`/teams/${teamId}?_action=teams.assign`, {
      what: 'module:foundations',
      due: '2099-12-31',
    });
    expect(assigned.status).toBe(303);
    expect(
      (await owner.v.post(`/teams/${teamId}?_action=teams.remove`, { userId: gone.userId })).status,
    ).toBe(303);
    // After leaving, the removed rep keeps learning: the old team sees none of it.
    await readLesson(gone.userId, LESSON, true);
    await assessed(gone.userId, 99.5);

    const html = await (await owner.v.get(`/teams/${teamId}/reports`)).text();
    expect(html).toContain('2 reps in the team now');
    expect(html).toContain('Progress rep 1');
    expect(html).not.toContain('Progress rep 3');
    expect(html).toContain('2/6 read<br>1/6 passed');
    expect(html).toContain('1/6 read<br>0/6 passed');
    expect(html).toContain('Module: Foundations');
    expect(html).toContain('2 in progress');

    const progress = await csv(await owner.v.get(`/teams/${teamId}/progress.csv`));
    expect(progress.map((r) => r[0])).toEqual(['rep', 'Progress rep 1', 'Progress rep 2']);
    const header = progress[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(progress[1]?.[col('Foundations: lessons read (of 6)')]).toBe('2');
    expect(progress[1]?.[col('Foundations: quizzes passed (of 6)')]).toBe('1');
    expect(progress[1]?.[col('conversations passed (of 6)')]).toBe('1');
    const status = await csv(await owner.v.get(`/teams/${teamId}/assignments.csv`));
    expect(status.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual([
      ['Module: Foundations', 'Progress rep 1', 'in progress'],
      ['Module: Foundations', 'Progress rep 2', 'in progress'],
    ]);
    expect(JSON.stringify(status)).not.toContain(gone.email);
  });

  it('show averages only from three reps, individual results only for reps who share, the kept-on-time rate only with consent', async () => {
    const { owner, teamId, reps } = await team(3, 'Results');
    const [ana, ben, cleo] = reps as [Someone, Someone, Someone];
    await assessed(ana.userId, 61.25);
    await assessed(ben.userId, 43.75);
    const under = await (await owner.v.get(`/teams/${teamId}/reports`)).text();
    expect(under).toContain('So far 2 reps have taken the self-assessment');
    expect(under).toContain('No rep shares individual results');
    expect(under).not.toContain('61');

    await assessed(cleo.userId, 70);
    // Ana shares her results and her kept-on-time rate: three promises kept, one broken.
    expect(
      (
        await ana.v.post(`/teams/${teamId}?_action=teams.sharing`, {
          sharesAssessment: 'on',
          sharesKeptRate: 'on',
        })
      ).status,
    ).toBe(303);
    const customerId = newId();
    await write(ctx.db, async (tx) => {
      await tx
        .insert(ledgerCustomers)
        .values({ id: customerId, userId: ana.userId, name: 'Acme', createdAt: at(30) });
      for (const [i, outcome] of (['kept', 'kept', 'kept', 'broken'] as const).entries())
        await tx.insert(ledgerPromises).values({
          id: newId(),
          userId: ana.userId,
          customerId,
          text: `Secret promise ${i}`,
          channel: 'call',
          madeAt: at(20),
          dueAt: at(10 - i),
          outcome,
          resolvedAt: at(10 - i),
          createdAt: at(20),
        });
      // Ben's customers answered his survey (three of them): his rating counts in no average below three reps.
      const roundId = newId();
      await tx.insert(surveyRounds).values({ id: roundId, userId: ben.userId, number: 1, createdAt: at(20) });
      for (const overall of [5, 4, 3])
        await tx
          .insert(surveyResponses)
          .values({ id: newId(), userId: ben.userId, roundId, overall, answers: '{}' });
    });

    const html = await (await owner.v.get(`/teams/${teamId}/reports`)).text();
    expect(html).toMatch(/<strong class="big-figure">58.3<\/strong> average trust index/);
    expect(html).toContain('So far one rep has a survey round answered by three customers or more');
    expect(html).toMatch(
      /Results rep 1<\/th>\s*<td class="num">61<\/td>\s*<td class="num">no survey yet<\/td>\s*<td class="num">75% of 4<\/td>/,
    );
    const shared = html.slice(html.indexOf('Shared by reps'), html.indexOf('exports-title'));
    expect(shared).not.toContain('Results rep 2');
    expect(shared).not.toContain('Results rep 3');
    expect(html).not.toContain('Secret promise');
    const rows = await csv(await owner.v.get(`/teams/${teamId}/progress.csv`));
    const [header = [], a = [], b = []] = rows;
    expect(a.slice(header.indexOf('trust index'))).toEqual(['61', '', '75%']);
    expect(b.slice(header.indexOf('trust index'))).toEqual(['not shared', 'not shared', 'not shared']);

    // Turning sharing off takes the results away at once.
    expect((await ana.v.post(`/teams/${teamId}?_action=teams.sharing`, {})).status).toBe(303);
    const after = await (await owner.v.get(`/teams/${teamId}/reports`)).text();
    expect(after).toContain('No rep shares individual results');
    expect(after).not.toContain('75% of 4');
  });

  it('show the quiz answers per question once three reps answered, never from a removed rep, in the manager’s time zone in CSV', async () => {
    const { owner, teamId, reps } = await team(4, 'Quizzes');
    const [ana, ben, cleo, gone] = reps as [Someone, Someone, Someone, Someone];
    await attempted(ana.userId, true);
    await attempted(ben.userId, false);
    await attempted(gone.userId, true);
    expect(
      (await owner.v.post(`/teams/${teamId}?_action=teams.remove`, { userId: gone.userId })).status,
    ).toBe(303);
    const two = await (await owner.v.get(`/teams/${teamId}/reports/quizzes`)).text();
    expect(two).toContain('One quiz has answers from fewer than 3 reps so far');
    expect(await csv(await owner.v.get(`/teams/${teamId}/quizzes.csv`))).toHaveLength(1);

    await attempted(cleo.userId, false);
    const quiz = quizOf(LESSON);
    const first = quiz.questions[0];
    const html = await (await owner.v.get(`/teams/${teamId}/reports/quizzes`)).text();
    expect(html).toContain('3 reps answered');
    expect(html).toContain('67% answered it right');
    const rows = await csv(await owner.v.get(`/teams/${teamId}/quizzes.csv`));
    const firstRows = rows.filter((r) => r[2] === first?.prompt);
    expect(firstRows.map((r) => [r[1], r[3], r[5], r[6]])).toEqual(
      (first?.options ?? []).map((o, i) => [
        '3',
        '67',
        o.correct ? 'yes' : 'no',
        // One of three chose the first wrong option; two the right one.
        o.correct ? '67' : i === (first?.options.findIndex((x) => !x.correct) ?? -1) ? '33' : '0',
      ]),
    );

    await write(ctx.db, (tx) =>
      tx
        .insert(ledgerSettings)
        .values({ userId: owner.userId, timeZone: 'America/New_York', updatedAt: new Date() }),
    );
    const progress = await csv(await owner.v.get(`/teams/${teamId}/progress.csv`));
    expect(progress[0]?.[2]).toBe('joined (America/New_York)');
    const [joined] = await ctx.db.select().from(teamMembers).where(eq(teamMembers.userId, ana.userId));
    expect(progress.find((r) => r[0] === 'Quizzes rep 1')?.[2]).toBe(
      toLocalInput(joined?.joinedAt ?? new Date(0), 'America/New_York').replace('T', ' '),
    );
  });

  it('are kept per team between requests, yet show every write at once (progress, names, assignments, drafts, survey answers)', async () => {
    const { owner, teamId, reps } = await team(3, 'Fresh');
    const [ana, ben, cleo] = reps as [Someone, Someone, Someone];
    const page = async () => (await owner.v.get(`/teams/${teamId}/reports`)).text();
    const hits = async () => {
      const res = await fetch(`${ctx.server.origin}/metrics`, {
        headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return Number(/app_cache_hits_total\{cache="pages"\} (\d+)/.exec(await res.text())?.[1] ?? Number.NaN);
    };
    const before = await page();
    expect(before).toContain('Fresh rep 1');
    const kept = await hits();
    // Asked again with nothing written, the page comes from the page cache (kept under the team's version).
    expect(await page()).toBe(before);
    expect(await hits()).toBe(kept + 1);

    await readLesson(ana.userId, LESSON, true);
    expect(await page()).toContain(
      'Fresh rep 1</th><td class="num" data-label="Foundations">1/6 read<br>1/6 passed',
    );
    await write(ctx.db, (tx) =>
      tx.update(users).set({ displayName: 'Ana Renamed' }).where(eq(users.id, ana.userId)),
    );
    expect(await page()).toContain('Ana Renamed');
    await owner.v.post(`/teams/${teamId}?_action=teams.assign`, { what: 'assessment:', due: '2099-12-31' });
    expect(await page()).toContain('3 not started');
    await write(ctx.db, (tx) =>
      tx.insert(assessmentDrafts).values({ userId: ben.userId, answers: '{}', updatedAt: new Date() }),
    );
    expect(await page()).toContain('1 in progress');
    await write(ctx.db, async (tx) => {
      const roundId = newId();
      await tx.insert(surveyRounds).values({ id: roundId, userId: cleo.userId, number: 1, createdAt: at(9) });
      for (const overall of [5, 5, 5])
        await tx
          .insert(surveyResponses)
          .values({ id: newId(), userId: cleo.userId, roundId, overall, answers: '{}' });
    });
    expect(await page()).toContain('So far one rep has a survey round answered by three customers or more');
  });

  it('empty states read well: no reps, nothing assigned, no results', async () => {
    const { owner, teamId } = await team(0, 'Empty');
    const html = await (await owner.v.get(`/teams/${teamId}/reports`)).text();
    expect(html).toContain('No reps in the team yet</h2>');
    expect(html).toContain(`href="/teams/${teamId}#invite-title">Invite your reps`);
    expect(html).toContain('Nothing assigned yet.');
    const quizzes = await (await owner.v.get(`/teams/${teamId}/reports/quizzes`)).text();
    expect(quizzes).toContain('No rep has taken a quiz yet.');

    const one = await team(1, 'Quiet');
    const quiet = await (await one.owner.v.get(`/teams/${one.teamId}/reports`)).text();
    expect(quiet).toContain('One rep in the team now');
    expect(quiet).toContain('No rep has taken the self-assessment yet.');
    expect(quiet).toContain('No rep shares individual results.');
    expect(quiet).not.toContain('Averages and ratings are on a 0–100 scale');
  });
});
