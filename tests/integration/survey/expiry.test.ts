/** The survey's services against a migrated database at fixed times: expiry, closed rounds, what the report shows. */
import { outbox, surveyResponses } from '@db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { answer, linkState } from '../../../src/lib/server/survey/answers';
import { closeRound, invite } from '../../../src/lib/server/survey/invitations';
import { reportOf } from '../../../src/lib/server/survey/report';
import type { AnswerInput } from '../../../src/lib/survey/forms';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';
import { answerFields } from '../../support/survey';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

const siteUrl = new URL('https://academy.example');
const start = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(start.getTime() + days * DAY);
const input = (value: number) => answerFields(value) as AnswerInput;

async function memberWithLinks(n: number, when = start) {
  const user = await createUser(t.db, when, { verified: true });
  const member = { ...user, emailVerified: true };
  const emails = Array.from(
    { length: n },
    (_, i) => `customer${i}-${user.id.slice(0, 6)}@buyer.example`,
  ).join(',');
  const result = await invite(
    t.db,
    member,
    { emails, customers: [], delivery: 'link', submission: newId() },
    { now: when, siteUrl },
  );
  if (result.kind !== 'ok') throw new Error(result.kind);
  const tokens = result.links.map((l) => new URL(l.url).searchParams.get('token') as string);
  return { member, tokens, result };
}

describe('expiry', () => {
  it('a link works for 30 days, then says it expired and stores nothing', async () => {
    const { tokens } = await memberWithLinks(2);
    const [first, second] = tokens as [string, string];
    expect((await linkState(t.db, first, null, at(29.9))).kind).toBe('open');
    expect(await answer(t.db, first, input(4), null, at(29.9))).toEqual({ kind: 'ok' });
    const before = (await t.db.select().from(surveyResponses)).length;
    expect(await linkState(t.db, second, null, at(30))).toEqual({ kind: 'expired' });
    expect(await answer(t.db, second, input(4), null, at(30))).toEqual({ kind: 'expired' });
    expect((await t.db.select().from(surveyResponses)).length).toBe(before);
  });

  it('closes the round once the remaining links expired; too few answers then show nothing, ever', async () => {
    const { member, tokens } = await memberWithLinks(3);
    await answer(t.db, tokens[0] as string, input(5), null, at(1));
    await answer(t.db, tokens[1] as string, input(5), null, at(2));
    const open = await reportOf(t.db, member.id, at(10));
    expect(open.rounds[0]?.status).toEqual({ open: true });
    const closed = await reportOf(t.db, member.id, at(31));
    expect(closed.rounds[0]?.status).toEqual({ open: false, reason: 'expired' });
    expect(closed.rounds[0]?.results?.visible).toBe(false);
    expect(closed.customers.visible).toBe(false);
    expect(closed.rounds[0]?.invitations.map((i) => i.status).sort()).toEqual([
      'answered',
      'answered',
      'closed',
    ]);
  });
});

describe('closing a round', () => {
  it('stops its unused links and shows its results only from three answers on', async () => {
    const { member, tokens } = await memberWithLinks(5);
    for (const [i, token] of tokens.slice(0, 3).entries())
      await answer(t.db, token, input(2 + i), null, at(1));
    expect((await reportOf(t.db, member.id, at(2))).customers.visible).toBe(false);
    const roundId = (await reportOf(t.db, member.id, at(2))).rounds[0]?.id as string;
    expect(await closeRound(t.db, 'someone-else', roundId, at(2))).toBe(false);
    expect(await closeRound(t.db, member.id, roundId, at(2))).toBe(true);
    expect(await answer(t.db, tokens[3] as string, input(5), null, at(3))).toEqual({ kind: 'closed' });
    const report = await reportOf(t.db, member.id, at(3));
    expect(report.customers).toMatchObject({ visible: true, responses: 3, overall: 50 });
    expect(report.trends[0]?.points).toEqual([{ round: 1, score: 50 }]);
  });

  it('puts new invitations in a new round when asked, and trends per element across rounds', async () => {
    const { member, tokens } = await memberWithLinks(3);
    for (const token of tokens) await answer(t.db, token, input(3), null, at(1));
    const again = await invite(
      t.db,
      member,
      {
        emails: 'a@later.example,b@later.example,c@later.example',
        customers: [],
        delivery: 'link',
        submission: newId(),
      },
      { now: at(40), siteUrl },
    );
    if (again.kind !== 'ok') throw new Error(again.kind);
    expect(again.roundNumber).toBe(2);
    for (const l of again.links)
      await answer(t.db, new URL(l.url).searchParams.get('token'), input(5), null, at(41));
    const report = await reportOf(t.db, member.id, at(42));
    expect(report.rounds.map((r) => r.number)).toEqual([1, 2]);
    expect(report.trends.find((x) => x.element === 'truth')).toMatchObject({
      points: [
        { round: 1, score: 50 },
        { round: 2, score: 100 },
      ],
      latest: { change: 50, trend: 'up' },
    });
    expect(report.customers.responses).toBe(6);
  });
});

describe('invitations', () => {
  it('needs a confirmed address, and queues nothing for link invitations', async () => {
    const user = await createUser(t.db, start);
    const refused = await invite(
      t.db,
      { ...user, emailVerified: false },
      { emails: 'x@buyer.example', customers: [], delivery: 'email', submission: newId() },
      { now: start, siteUrl },
    );
    expect(refused).toEqual({ kind: 'unconfirmed' });
    const before = (await t.db.select().from(outbox)).length;
    await memberWithLinks(2);
    expect((await t.db.select().from(outbox)).length).toBe(before);
  });
});
