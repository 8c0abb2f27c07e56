import { write } from '@db/client';
import { boosterCards, boosterReviews, boosterSettings } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/lib/platform/html';
import { addToDeck } from '../../../src/lib/server/boosters/deck';
import { stopUrl } from '../../../src/lib/server/boosters/stop-link';
import { Visitor } from '../../support/browser-less';
import { visibleText } from '../../support/phrases';
import {
  answerFields,
  postForm,
  postQuiz,
  quizOf,
  submissionIdIn,
  useLearningServer,
} from '../../support/learning';

const ctx = useLearningServer();
const SLUG = 'trust-is-expectations-met';
const QUESTIONS = quizOf(SLUG).questions;
const DAY = 86_400_000;

async function deckOf(userId: string) {
  return ctx.db.select().from(boosterCards).where(eq(boosterCards.userId, userId));
}

/** Passes the quiz over HTTP, missing `wrong` questions. */
async function passQuiz(v: Visitor, wrong: string[] = []): Promise<void> {
  const form = await (await v.get(`/lessons/${SLUG}/quiz`)).text();
  const res = await postQuiz(v, SLUG, [['submission', submissionIdIn(form)], ...answerFields(SLUG, wrong)]);
  expect(res.status).toBe(303);
}

/** Makes every booster of a learner due an hour ago, as if learned `daysAgo` days ago. */
async function makeDue(userId: string, daysAgo = 5): Promise<void> {
  const now = Date.now();
  await write(ctx.db, (tx) =>
    tx
      .update(boosterCards)
      .set({
        due: new Date(now - 3_600_000),
        addedAt: new Date(now - daysAgo * DAY),
        lastReview: new Date(now - daysAgo * DAY),
      })
      .where(eq(boosterCards.userId, userId)),
  );
}

interface ShownBooster {
  item: string;
  reps: string;
  submission: string;
  /** Option ids in the order shown. */
  options: string[];
  html: string;
}

async function shownBooster(v: Visitor): Promise<ShownBooster> {
  const res = await v.get('/review');
  expect(res.status).toBe(200);
  const html = await res.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  return {
    item: field('item'),
    reps: field('reps'),
    submission: field('submission'),
    options: [...html.matchAll(/name="answer" value="([^"]+)"/g)].map((m) => m[1] ?? ''),
    html,
  };
}

const questionOf = (item: string) => {
  const id = item.split(':')[2];
  const question = QUESTIONS.find((q) => q.id === id);
  if (!question) throw new Error(`no question ${item}`);
  return question;
};
const rightAnswers = (item: string) =>
  questionOf(item)
    .options.filter((o) => o.correct)
    .map((o) => o.id);
const wrongAnswer = (item: string) => questionOf(item).options.find((o) => !o.correct)?.id ?? '';

function answer(
  v: Visitor,
  b: ShownBooster,
  chosen: string[],
  extra: [string, string][] = [],
): Promise<Response> {
  return postForm(v, '/review?_action=boosters.answer', [
    ['item', b.item],
    ['reps', b.reps],
    ['submission', b.submission],
    ...chosen.map((id): [string, string] => ['answer', id]),
    ...extra,
  ]);
}

describe('the review deck', () => {
  // First in the file: no booster has been answered on this server yet.
  it('shows the admin an empty state before any booster is answered', async () => {
    const admin = await ctx.person({ role: 'admin' });
    const html = await (await admin.v.get('/admin/boosters')).text();
    expect(html).toContain('No booster has been answered yet.');
    expect(html).toContain('No booster has been answered wrong yet.');
  });

  it('gets a passed quiz’s questions, in the same transaction as the pass; a failed attempt adds nothing', async () => {
    const { v, userId } = await ctx.person();
    await passQuiz(
      v,
      QUESTIONS.map((q) => q.id),
    );
    expect(await deckOf(userId)).toHaveLength(0);
    const missed = QUESTIONS[0]?.id ?? '';
    await passQuiz(v, [missed]);
    const deck = await deckOf(userId);
    expect(deck.map((c) => c.ref).sort()).toEqual(QUESTIONS.map((q) => q.id).sort());
    // The quiz answer is the first review: the one missed comes back sooner than those answered right.
    const dueOf = (ref: string) => deck.find((c) => c.ref === ref)?.due.getTime() ?? 0;
    const other = QUESTIONS[1]?.id ?? '';
    expect(dueOf(missed)).toBeLessThan(dueOf(other));
    // Passing again keeps each question's schedule.
    await passQuiz(v);
    expect((await deckOf(userId)).map((c) => c.due.getTime()).sort()).toEqual(
      deck.map((c) => c.due.getTime()).sort(),
    );
  });

  it('adds only the items a deck lacks: a question new since the last pass joins, the others keep their schedule', async () => {
    const { userId } = await ctx.person();
    const item = (ref: string, correct: boolean) => ({
      kind: 'quiz-question' as const,
      source: SLUG,
      ref,
      correct,
    });
    const [first, second, third] = QUESTIONS.map((q) => q.id);
    const learnedAt = new Date('2026-12-01T09:00:00Z');
    expect(
      await write(ctx.db, (tx) =>
        addToDeck(tx, userId, [item(first ?? '', false), item(second ?? '', true)], learnedAt),
      ),
    ).toBe(2);
    const before = await deckOf(userId);
    // Passed again later, answered differently, with a third question the quiz gained meanwhile.
    const added = await write(ctx.db, (tx) =>
      addToDeck(
        tx,
        userId,
        [item(first ?? '', true), item(second ?? '', false), item(third ?? '', true)],
        new Date('2026-12-05T09:00:00Z'),
      ),
    );
    expect(added).toBe(1);
    const after = await deckOf(userId);
    expect(after.map((c) => c.ref).sort()).toEqual([first, second, third].sort());
    for (const card of before) {
      expect(after.find((c) => c.ref === card.ref)).toEqual(card);
    }
    expect(after.find((c) => c.ref === third)?.addedAt).toEqual(new Date('2026-12-05T09:00:00Z'));
  });

  it('shows an empty state before any quiz is passed, and when nothing is due, when the next booster is', async () => {
    const { v } = await ctx.person();
    const empty = await (await v.get('/review')).text();
    expect(empty).toContain('No boosters yet');
    await passQuiz(v);
    const waiting = await (await v.get('/review')).text();
    expect(waiting).toContain('Nothing is due today');
    expect(waiting).toMatch(
      /Your next booster is due <strong[^>]*>\w{3}, \d+ \w{3} \d{4}, \d{1,2}(?::\d\d)? [ap]m<\/strong>/,
    );
    expect(waiting).not.toContain('name="answer"');
  });
});

describe('answering boosters', () => {
  it('asks one due booster at a time without its answer key, and moves its schedule as FSRS says', async () => {
    const { v, userId } = await ctx.person();
    await passQuiz(v);
    await makeDue(userId);
    const first = await shownBooster(v);
    expect(first.html).toContain('Booster 1 of 5');
    expect(first.html.match(/<fieldset class="card question/g)).toHaveLength(1);
    for (const o of questionOf(first.item).options)
      expect(first.html).not.toContain(escapeHtml(o.explanation).slice(0, 40));
    expect(first.html).not.toMatch(/correct/i);

    const before = Date.now();
    const res = await answer(v, first, rightAnswers(first.item), [['confidence', 'sure']]);
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/review\/answers\/[a-z2-7]{26}$/);
    const result = await (await v.get(location)).text();
    expect(result).toContain('Right');
    for (const o of questionOf(first.item).options)
      expect(result).toContain(escapeHtml(o.explanation).slice(0, 40));
    expect(result).toMatch(/It comes back \w{3}, \d+ \w{3} \d{4}/);
    expect(result).toContain('Next booster');

    const [card] = await ctx.db
      .select()
      .from(boosterCards)
      .where(and(eq(boosterCards.userId, userId), eq(boosterCards.itemKey, first.item)));
    // Five days after learning, a right answer spaces it out by more than a week.
    expect(card?.reps).toBe(2);
    expect(card?.due.getTime()).toBeGreaterThan(before + 7 * DAY);

    const second = await shownBooster(v);
    expect(second.item).not.toBe(first.item);
    expect(second.html).toContain('Booster 2 of 5');
    const wrong = await answer(v, second, [wrongAnswer(second.item)]);
    const wrongPage = await (await v.get(wrong.headers.get('location') ?? '')).text();
    expect(wrongPage).toContain('Not quite');
    expect(wrongPage).toContain('Right answer');
    const [forgotten] = await ctx.db
      .select()
      .from(boosterCards)
      .where(and(eq(boosterCards.userId, userId), eq(boosterCards.itemKey, second.item)));
    expect(forgotten?.lapses).toBe(1);
    expect(forgotten?.due.getTime()).toBeLessThan(before + 3 * DAY);
  });

  it('counts the same answer sent twice once, refuses a second tab’s old form, and keeps everything on bad input', async () => {
    const { v, userId } = await ctx.person();
    await passQuiz(v);
    await makeDue(userId);
    const shown = await shownBooster(v);
    const [a, b] = await Promise.all([
      answer(v, shown, rightAnswers(shown.item)),
      answer(v, shown, rightAnswers(shown.item)),
    ]);
    expect(a.headers.get('location')).toBe(b.headers.get('location'));
    const reviews = () => ctx.db.select().from(boosterReviews).where(eq(boosterReviews.userId, userId));
    expect(await reviews()).toHaveLength(1);

    // The same form with a fresh submission id (another tab opened before the answer): not counted.
    const stale = await answer(v, { ...shown, submission: 'a'.repeat(26) }, rightAnswers(shown.item));
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/review?notice=stale');
    expect(await reviews()).toHaveLength(1);

    const next = await shownBooster(v);
    const bad = await answer(v, next, ['no-such-option']);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose from the answers shown.');
    const blank = await answer(v, next, []);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('Choose an answer before you check it.');
    const forged = await answer(v, { ...next, item: 'quiz-question:trust-is-expectations-met:q99' }, ['a']);
    expect(forged.headers.get('location')).toBe('/review?notice=stale');
    expect(await reviews()).toHaveLength(1);
  });

  it('stops after the day’s session with the next due date, and offers more on request', async () => {
    const { v, userId } = await ctx.person();
    await passQuiz(v);
    await makeDue(userId);
    // The dashboard counts what the session then shows (todaysSession): 5 of the 7 due, by default…
    expect(QUESTIONS.length).toBeGreaterThan(5);
    const boostersCard = async () => {
      const html = await (await v.get('/dashboard')).text();
      return visibleText(html.slice(html.indexOf('class="card section boosters-card"')));
    };
    expect(await boostersCard()).toContain('5 boosters due today.');
    expect((await shownBooster(v)).html).toContain('Booster 1 of 5');
    const saved = await postForm(v, '/review/settings?_action=boosters.saveSettings', [['sessionSize', '3']]);
    expect(saved.status).toBe(303);
    // …and 3 once the session is 3 long, on the very next request (the cached dashboard follows the setting).
    expect(await boostersCard()).toContain('3 boosters due today.');
    for (let i = 1; i <= 3; i += 1) {
      const shown = await shownBooster(v);
      expect(shown.html).toContain(`Booster ${i} of 3`);
      await answer(v, shown, rightAnswers(shown.item));
      if (i < 3)
        expect(await boostersCard()).toContain(`${3 - i} booster${3 - i === 1 ? '' : 's'} due today.`);
    }
    expect(await boostersCard()).toContain(
      `Today’s session is done. ${QUESTIONS.length - 3} more boosters are due: they keep until tomorrow, or answer a few more now`,
    );
    const rest = await (await v.get('/review')).text();
    expect(rest).toContain('Done for today');
    expect(rest).toContain('You answered 3 boosters today, 3 right.');
    expect(rest).toMatch(/After today, your next booster is due <strong[^>]*>\w{3}, \d+ \w{3} \d{4}/);
    expect(rest).toContain(`${QUESTIONS.length - 3} more`);
    expect(rest).toContain('You still know');
    expect(rest).toContain('1-day booster streak.');
    expect(rest).not.toContain('name="answer"');
    const extra = await (await v.get('/review?more=1')).text();
    expect(extra).toContain('Booster 4 of');
  });

  it('refuses a session size outside 3–10 with a message, and shows another learner’s answer as 404', async () => {
    const { v, userId } = await ctx.person();
    const res = await postForm(v, '/review/settings?_action=boosters.saveSettings', [['sessionSize', '50']]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose between 3 and 10 boosters a day.');
    await passQuiz(v);
    await makeDue(userId);
    const shown = await shownBooster(v);
    const location = (await answer(v, shown, rightAnswers(shown.item))).headers.get('location') ?? '';
    const other = await ctx.person();
    expect((await other.v.get(location)).status).toBe(404);
  });

  it('shows due boosters, the streak and retention on the dashboard, fresh after every answer', async () => {
    const { v, userId } = await ctx.person();
    await passQuiz(v);
    const before = await (await v.get('/dashboard')).text();
    expect(before).toContain('Nothing due today.');
    await makeDue(userId);
    // The dashboard is cached per data version; the boosters card is filled per request.
    const due = await (await v.get('/dashboard')).text();
    // Today's session: 5 of the 7 due (todaysSession), the count the session then shows.
    expect(due).toContain('<strong>5 boosters</strong> due today.');
    const shown = await shownBooster(v);
    await answer(v, shown, rightAnswers(shown.item));
    const after = await (await v.get('/dashboard')).text();
    expect(after).toContain('<strong>4 boosters</strong> due today.');
    expect(after).toContain('1-day booster streak');
    expect(after).toMatch(/You still know <strong>\d+%<\/strong> of what you learned/);
    // In plain words: no scheduler's jargon on My learning.
    expect(after).toContain('how likely you are to get each question right today');
    expect(after).not.toContain('FSRS');
  });
});

describe('the booster email settings and the stop link', () => {
  it('opts in, and stops from the signed link without logging in; a tampered or replaced link stops nothing', async () => {
    const { v, userId } = await ctx.person();
    const settings = await (await v.get('/review/settings')).text();
    expect(settings).toContain('never between 21:00 and 08:00 in your time zone');
    const on = await postForm(v, '/review/settings?_action=boosters.saveSettings', [
      ['sessionSize', '5'],
      ['email', 'true'],
    ]);
    expect(on.status).toBe(303);
    const row = async () =>
      (await ctx.db.select().from(boosterSettings).where(eq(boosterSettings.userId, userId)))[0];
    const first = await row();
    expect(first?.email).toBe(true);
    const link = new URL(stopUrl(new URL(ctx.server.origin), userId, first?.stopKey ?? ''));
    const path = `${link.pathname}${link.search}`;

    const stranger = new Visitor(ctx.server.origin, '198.51.100.7');
    // Opening the link changes nothing (mail scanners open links too): it offers the one button.
    const page = await stranger.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop the booster email</button>');
    expect((await row())?.email).toBe(true);

    const tampered = `${path.slice(0, -1)}${path.endsWith('0') ? '1' : '0'}`;
    expect((await stranger.get(tampered)).status).toBe(400);
    const forged = await postForm(stranger, '/review/stop?_action=boosters.stopEmail', [
      ['member', userId],
      ['signature', new URLSearchParams(tampered.split('?')[1]).get('signature') ?? ''],
    ]);
    expect(forged.status).toBe(400);
    expect((await row())?.email).toBe(true);

    const stopped = await postForm(stranger, '/review/stop?_action=boosters.stopEmail', [
      ['member', userId],
      ['signature', link.searchParams.get('signature') ?? ''],
    ]);
    expect(stopped.status).toBe(200);
    expect(await stopped.text()).toContain('Done: you will get no more booster emails.');
    expect((await row())?.email).toBe(false);

    // Turning it on again makes a new key: the old link no longer works.
    await postForm(v, '/review/settings?_action=boosters.saveSettings', [
      ['sessionSize', '5'],
      ['email', 'true'],
    ]);
    expect((await row())?.stopKey).not.toBe(first?.stopKey);
    expect((await stranger.get(path)).status).toBe(400);
  });
});

describe('the admin’s booster analytics', () => {
  it('is a 404 for learners; draws the curve and lists what is forgotten', async () => {
    const learner = await ctx.person();
    expect((await learner.v.get('/admin/boosters')).status).toBe(404);
    const admin = await ctx.person({ role: 'admin' });
    const page = await admin.v.get('/admin/boosters');
    expect(page.status).toBe(200);
    await passQuiz(learner.v);
    await makeDue(learner.userId);
    const shown = await shownBooster(learner.v);
    await answer(learner.v, shown, [wrongAnswer(shown.item)]);
    const after = await (await admin.v.get(`/admin/boosters?lesson=${SLUG}`)).text();
    expect(after).toContain('Days since learning');
    expect(after).toContain('Answered right');
    expect(after).toMatch(/<option value="trust-is-expectations-met" selected/);
    expect(after).toContain(escapeHtml(questionOf(shown.item).prompt));
  });
});
