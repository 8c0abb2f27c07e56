/**
 * Conversation practice over HTTP against the built server: a run played to its debrief, one form post
 * per turn; double submits and back-button resubmits; what a turn's HTML holds; members-only
 * conversations; replays; and how a passed conversation completes a module.
 */
import { write } from '@db/client';
import { certificates, conversationRuns, ledgerSettings } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bestPath, extremes } from '../../../src/lib/conversations/engine';
import { formatForPerson } from '../../../src/lib/ledger/time';
import { newId } from '../../../src/lib/server/accounts/tokens';
import type { Visitor } from '../../support/browser-less';
import { conversationOf, playToEnd, sendReply, startRun, turnFormIn } from '../../support/conversations-http';
import { answerFields, postForm, postQuiz, submissionIdIn, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const FREE = 'the-inherited-promise';
const conversation = conversationOf(FREE);

const runsOf = (userId: string) =>
  ctx.db.select().from(conversationRuns).where(eq(conversationRuns.userId, userId));

/** Every piece of text a turn's page must not give away: feedback, moves, branches, endings, other turns. */
function secretsOf(currentTurn: string, said: ReadonlySet<string>): string[] {
  const secrets: string[] = [];
  for (const [id, turn] of Object.entries(conversation.turns)) {
    if (id !== currentTurn) secrets.push(turn.customer);
    for (const r of turn.replies) {
      secrets.push(r.feedback);
      if (!said.has(r.customer)) secrets.push(r.customer);
    }
  }
  for (const e of Object.values(conversation.endings)) secrets.push(e.title, e.outcome);
  return secrets.map((s) => s.replace(/\s+/g, ' ').trim());
}

describe('a conversation run over HTTP', () => {
  it('lists the conversations by module, and plays one to its debrief with the best replies', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const index = visibleText(await (await v.get('/practice')).text());
    expect(index).toContain('Conversation practice');
    expect(index).toContain(conversation.title);
    expect(index).toContain('Not started');

    const path = await startRun(v, FREE);
    const { location, turns } = await playToEnd(v, path, FREE);
    const expected = bestPath(conversation);
    expect(turns).toEqual(expected.steps.map((s) => s.turnId));
    expect(location).toBe(path);

    const debrief = visibleText(await (await v.get(location)).text());
    expect(debrief).toContain(`Debrief: ${conversation.title}`);
    expect(debrief).toContain('Score 100 · passed');
    expect(debrief).toMatch(
      /Score 100 of 100: how close your replies came to the best ones \([^)]*\)\. The customer’s trust ended at \d+ of 100\./,
    );
    expect(debrief).toContain(`The customer’s trust ended at ${extremes(conversation).best} of 100.`);
    if (expected.at.kind !== 'ending') throw new Error('the best path has no ending');
    expect(debrief).toContain(expected.at.ending.title);
    for (const step of expected.steps) expect(debrief).toContain(step.reply.feedback.replace(/\s+/g, ' '));
    expect(debrief).toContain(`You chose the best reply in ${turns.length} of ${turns.length} turns`);
    const html = await (await v.get(location)).text();
    for (const step of expected.steps) {
      expect(html).toContain(`href="/lessons/${step.turn.lesson}#${step.turn.section}"`);
    }

    const [run] = await runsOf(userId);
    expect(run).toMatchObject({ score: 100, steps: turns.length, position: expected.at.id });
    expect(run?.finishedAt).not.toBeNull();
    expect(visibleText(await (await v.get('/practice')).text())).toContain('Best score 100 · passed');
  });

  it('shows on a turn only what has been said and the replies: no feedback, scores, branches or endings', async () => {
    const { v } = await ctx.person({ member: false });
    const path = await startRun(v, FREE);
    const first = await (await v.get(path)).text();
    const text = visibleText(first);
    const t1 = conversation.turns[conversation.start];
    if (!t1) throw new Error('no first turn');
    expect(text).toContain(t1.customer.replace(/\s+/g, ' '));
    for (const r of t1.replies) expect(text).toContain(r.text.replace(/\s+/g, ' '));
    for (const secret of secretsOf(conversation.start, new Set())) expect(text).not.toContain(secret);
    expect(first).not.toMatch(/data-(trust|score|best)|"trust"\s*:/);

    // A later turn: the previous exchange is shown, nothing of what comes next.
    const form = turnFormIn(first);
    if (!form) throw new Error('no turn form');
    const chosen = t1.replies[0];
    if (!chosen) throw new Error('no reply');
    await sendReply(v, path, form, chosen.id);
    const second = visibleText(await (await v.get(path)).text());
    const next = turnFormIn(await (await v.get(path)).text());
    expect(second).toContain(chosen.text.replace(/\s+/g, ' '));
    expect(second).toContain(chosen.customer);
    for (const secret of secretsOf(next?.turn ?? '', new Set([chosen.customer]))) {
      expect(second).not.toContain(secret);
    }
  });

  it('shows the replies in an order of its own per run', async () => {
    const { v } = await ctx.person({ member: false });
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const html = await (await v.get(await startRun(v, FREE))).text();
      orders.add(turnFormIn(html)?.replies.join(',') ?? '');
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('stores a double submit once, and keeps the first answer when an old turn is sent again', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const path = await startRun(v, FREE);
    const form = turnFormIn(await (await v.get(path)).text());
    if (!form) throw new Error('no turn form');
    const [a, b] = form.replies;
    if (!a || !b) throw new Error('too few replies');

    const twice = await Promise.all([sendReply(v, path, form, a), sendReply(v, path, form, a)]);
    for (const res of twice) expect(res.status).toBe(303);
    let [run] = await runsOf(userId);
    expect(run?.steps).toBe(1);
    expect(JSON.parse(run?.choices ?? '[]')).toEqual([{ turn: form.turn, reply: a }]);

    // The back button: the first turn's form again, with another reply.
    const back = await sendReply(v, path, form, b);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${path}?notice=moved-on`);
    const page = visibleText(await (await v.get(`${path}?notice=moved-on`)).text());
    expect(page).toContain('You had already answered that turn, so your first answer stands');
    [run] = await runsOf(userId);
    expect(run?.steps).toBe(1);
    expect(JSON.parse(run?.choices ?? '[]')).toEqual([{ turn: form.turn, reply: a }]);

    // Many different answers to the same turn at once: exactly one is stored.
    const next = turnFormIn(await (await v.get(path)).text());
    if (!next) throw new Error('no second turn');
    await Promise.all(
      next.replies.flatMap((r) => [sendReply(v, path, next, r), sendReply(v, path, next, r)]),
    );
    [run] = await runsOf(userId);
    expect(run?.steps).toBe(2);
    expect(JSON.parse(run?.choices ?? '[]')).toHaveLength(2);
  });

  it('starts one run for one start form sent twice', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const html = await (await v.get(`/practice/${FREE}`)).text();
    const submission = submissionIdIn(html);
    const fields: [string, string][] = [
      ['slug', FREE],
      ['submission', submission],
    ];
    const [one, two] = await Promise.all([
      postForm(v, `/practice/${FREE}?_action=conversations.start`, fields),
      postForm(v, `/practice/${FREE}?_action=conversations.start`, fields),
    ]);
    expect(one.headers.get('location')).toBe(two.headers.get('location'));
    expect(await runsOf(userId)).toHaveLength(1);
  });

  it('asks again, losing nothing, when no reply was chosen or the reply is not one of the turn’s', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const path = await startRun(v, FREE);
    const form = turnFormIn(await (await v.get(path)).text());
    if (!form) throw new Error('no turn form');
    const none = await postForm(v, `${path}?_action=conversations.reply`, [
      ['run', form.run],
      ['step', form.step],
      ['turn', form.turn],
    ]);
    expect(none.status).toBe(400);
    const text = visibleText(await none.text());
    expect(text).toContain('Choose one of the replies, then send it.');
    expect(turnFormIn(await (await v.get(path)).text())?.turn).toBe(form.turn);
    const unknown = await sendReply(v, path, form, 'zz');
    expect(unknown.status).toBe(400);
    const [run] = await runsOf(userId);
    expect(run?.steps).toBe(0);
  });

  it('keeps each run to its owner', async () => {
    const a = await ctx.person({ member: false });
    const b = await ctx.person({ member: false });
    const path = await startRun(a.v, FREE);
    expect((await b.v.get(path)).status).toBe(404);
    const form = turnFormIn(await (await a.v.get(path)).text());
    if (!form) throw new Error('no turn form');
    const res = await sendReply(b.v, path, form, form.replies[0] ?? 'a');
    expect(res.status).toBe(404);
    const [run] = await runsOf(a.userId);
    expect(run?.steps).toBe(0);
    expect((await a.v.get('/practice/no-such-conversation')).status).toBe(404);
  });

  it('asks visitors to log in, and keeps members’ conversations for members', async () => {
    const anon = await ctx.person({ member: false });
    const members =
      (await (await anon.v.get('/practice')).text()).match(/href="\/practice\/([a-z0-9-]+)"/g) ?? [];
    const memberSlug = members
      .map((m) => m.slice('href="/practice/'.length, -1))
      .find((slug) => slug !== FREE && !conversationOf(slug).free);
    if (!memberSlug) throw new Error('no members’ conversation');
    const page = visibleText(await (await anon.v.get(`/practice/${memberSlug}`)).text());
    expect(page).toContain('This conversation is for members');
    const submission = newId();
    const refused = await postForm(anon.v, `/practice/${memberSlug}?_action=conversations.start`, [
      ['slug', memberSlug],
      ['submission', submission],
    ]);
    expect(refused.status).toBe(403);
    expect(await runsOf(anon.userId)).toHaveLength(0);

    const visitor = (await ctx.person()).v;
    const started = await startRun(visitor, memberSlug);
    expect(started).toMatch(new RegExp(`^/practice/${memberSlug}/`));
  });
});

async function completeLessons(v: Visitor, slugs: readonly string[]): Promise<string> {
  let last = '';
  for (const slug of slugs) {
    await v.get(`/lessons/${slug}`);
    await v.post(`/lessons/${slug}/read?_action=learning.markRead`, { lesson: slug });
    const html = await (await v.get(`/lessons/${slug}/quiz`)).text();
    const res = await postQuiz(v, slug, [['submission', submissionIdIn(html)], ...answerFields(slug)]);
    last = res.headers.get('location') ?? '';
  }
  return last;
}

describe('practice and progress', () => {
  const FOUNDATIONS = [
    'trust-is-expectations-met',
    'the-trust-account',
    'every-touchpoint',
    'why-customers-stay',
    'seven-practices',
    'measuring-trust',
  ];

  it('a module with every lesson complete waits for a passed conversation; passing it issues the certificate', async () => {
    const { v, userId } = await ctx.person({ name: 'Pia Practice' });
    const first = await completeLessons(v, FOUNDATIONS.slice(0, 1));
    const waiting =
      'Every lesson of the Foundations module is complete. To complete the module, pass one of its practice conversations (a score of 60 or more): none is passed yet.';
    expect(visibleText(await (await v.get(first)).text())).not.toContain(waiting);
    const last = await completeLessons(v, FOUNDATIONS.slice(1));
    expect(last).not.toContain('earned=');
    // The quiz result of the module's last lesson says practice is what is left, and links to it.
    const result = await (await v.get(last)).text();
    expect(visibleText(result)).toContain(waiting);
    expect(result).toMatch(
      /<a href="\/practice#foundations"[^>]*>Practise the Foundations conversations<\/a>/,
    );
    let dashboard = visibleText(await (await v.get('/dashboard')).text());
    expect(dashboard).toContain('Foundations: lessons complete; pass a conversation to complete the module');
    const owned = () =>
      ctx.db
        .select()
        .from(certificates)
        .where(and(eq(certificates.userId, userId), eq(certificates.scope, 'foundations')));
    expect(await owned()).toHaveLength(0);

    // A run that does not pass leaves the module open.
    const weak = await startRun(v, FREE);
    const worst = (turnId: string) => {
      const turn = conversation.turns[turnId];
      if (!turn) throw new Error(`no turn ${turnId}`);
      return turn.replies.reduce((w, r) => (r.trust < w.trust ? r : w)).id;
    };
    const weakEnd = await playToEnd(v, weak, FREE, worst);
    expect(weakEnd.location).toBe(weak);
    expect(visibleText(await (await v.get(weak)).text())).toContain('Score 0 · not passed yet');
    expect(await owned()).toHaveLength(0);

    // The best run completes the module: the certificate is issued and celebrated on the debrief.
    const good = await startRun(v, FREE);
    const goodEnd = await playToEnd(v, good, FREE);
    expect(goodEnd.location).toBe(`${good}?earned=foundations`);
    expect(visibleText(await (await v.get(goodEnd.location)).text())).toContain(
      'You finished the Foundations module',
    );
    expect(await owned()).toHaveLength(1);
    expect(visibleText(await (await v.get(last)).text())).not.toContain(waiting);

    // Replays keep every run; a worse one later does not lower the best.
    const again = await startRun(v, FREE);
    await playToEnd(v, again, FREE, worst);
    expect(await runsOf(userId)).toHaveLength(3);
    // Each run's end in the person's zone, in the one clock format.
    await write(ctx.db, (tx) =>
      tx.insert(ledgerSettings).values({ userId, timeZone: 'Europe/Berlin', updatedAt: new Date() }),
    );
    const overviewHtml = await (await v.get(`/practice/${FREE}`)).text();
    const overview = visibleText(overviewHtml);
    expect(overview).toContain('Best score: 100 (passed)');
    const ended = [...overviewHtml.matchAll(/<time datetime="([^"]+)"[^>]*>([^<]+)<\/time>/g)];
    expect(ended).toHaveLength(3);
    for (const [, at, label] of ended)
      expect(label).toBe(formatForPerson(new Date(at ?? ''), 'Europe/Berlin'));
    expect(overview).not.toContain('UTC');
    dashboard = visibleText(await (await v.get('/dashboard')).text());
    expect(dashboard).toContain('Foundations: practice passed');
    expect(dashboard).toContain(`${conversation.title} · Best score 100 · passed`);
  });

  it('the dashboard shows a run on the very next request (the page cache follows the runs)', async () => {
    const { v } = await ctx.person({ member: false });
    const before = visibleText(await (await v.get('/dashboard')).text());
    expect(before).toContain(`${conversation.title} · Not started`);
    expect(visibleText(await (await v.get('/dashboard')).text())).toBe(before);
    const path = await startRun(v, FREE);
    expect(visibleText(await (await v.get('/dashboard')).text())).toContain(
      `${conversation.title} · In progress`,
    );
    await playToEnd(v, path, FREE);
    expect(visibleText(await (await v.get('/dashboard')).text())).toContain(
      `${conversation.title} · Best score 100 · passed`,
    );
  });

  it('includes every run in the data download', async () => {
    const { v } = await ctx.person({ member: false });
    await playToEnd(v, await startRun(v, FREE), FREE);
    const data = (await (await v.get('/account/data.json')).json()) as {
      learning: { conversationRuns: { conversationSlug: string; score: number; choices: unknown[] }[] };
    };
    expect(data.learning.conversationRuns).toHaveLength(1);
    expect(data.learning.conversationRuns[0]).toMatchObject({ conversationSlug: FREE, score: 100 });
    expect(data.learning.conversationRuns[0]?.choices.length).toBeGreaterThanOrEqual(5);
  });
});
