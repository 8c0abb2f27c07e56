import { write } from '@db/client';
import { boosterEmails, boosterSettings, outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Entitlements } from '../../../src/lib/billing/entitlements';
import type { BoosterQuestion, DeckItem } from '../../../src/lib/boosters/items';
import { typeset } from '../../../src/lib/content/typography';
import { REMOVED_LINK } from '../../../src/lib/platform/email';
import { quizSchema } from '../../../src/lib/quiz/schema';
import { addToDeck } from '../../../src/lib/server/boosters/deck';
import { type BoosterEmailOptions, queueBoosterEmails } from '../../../src/lib/server/boosters/email';
import type { CardRow } from '../../../src/lib/server/boosters/queries';
import { smtpTransport } from '../../../src/lib/server/platform/email-transport';
import { deliverDue } from '../../../src/lib/server/platform/outbox';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';
import { readQuizFiles } from '../../support/quizzes';
import { type SmtpSink, startSmtpSink } from '../../support/smtp';

let t: TestDatabase;
let smtp: SmtpSink;
const siteUrl = new URL('https://academy.example');
const SLUG = 'trust-is-expectations-met';
const quizFile = readQuizFiles().find((f) => f.slug === SLUG);
// As the site shows it: typeset when loaded.
const QUIZ = typeset(quizSchema.parse(quizFile?.data));
// Items due at the same moment are asked in the order of their keys.
const FIRST = [...QUIZ.questions].sort((a, b) => (a.id < b.id ? -1 : 1))[0];

/** A conversation turn as the conversations domain would hand it over: made up here, the deck only needs its shape. */
const TURN: BoosterQuestion = {
  kind: 'conversation-turn',
  id: 't2',
  type: 'single',
  scenario: 'The buyer says: “Can you have it installed by Friday?”',
  prompt: 'What do you say?',
  options: [
    {
      id: 'a',
      text: 'Yes, no problem.',
      correct: false,
      explanation: 'A promise you can’t check is a withdrawal waiting to happen.',
    },
    {
      id: 'b',
      text: 'Let me check with the installers and call you by 3 pm.',
      correct: true,
      explanation: 'A small promise you can keep today.',
    },
    {
      id: 'c',
      text: 'Friday is impossible.',
      correct: false,
      explanation: 'Refusing without checking closes the door.',
    },
  ],
  sourceTitle: 'Conversation: the Friday deadline',
  reviewHref: '/lessons/trust-is-expectations-met',
  reviewLabel: null,
  lessonSlug: null,
};

const timeZones = new Map<string, string>();
const options: BoosterEmailOptions = {
  siteUrl,
  grantsOf: async () => [],
  timeZoneOf: async (userId) => timeZones.get(userId) ?? 'UTC',
  // The quiz questions from the real quiz file; the conversation turn from the synthetic one above.
  ask: async (row: CardRow, _entitlements: Entitlements) => {
    if (row.kind === 'conversation-turn') return row.ref === TURN.id ? TURN : null;
    const q = QUIZ.questions.find((question) => question.id === row.ref);
    if (!q) return null;
    return {
      kind: 'quiz-question',
      id: q.id,
      type: q.type,
      scenario: q.scenario ?? null,
      prompt: q.prompt,
      options: q.options,
      sourceTitle: 'Trust is expectations met',
      reviewHref: `/lessons/${SLUG}`,
      reviewLabel: null,
      lessonSlug: SLUG,
    };
  },
};

beforeAll(async () => {
  t = await testDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  t.dispose();
});
beforeEach(async () => {
  await write(t.db, (tx) => tx.delete(outbox));
});

/** A learner who learned `items` at `learnedAt`, with the booster email on (or not) in `timeZone`. */
async function learner(items: DeckItem[], learnedAt: Date, timeZone: string, email = true, verified = true) {
  const user = await createUser(t.db, new Date('2026-01-01T00:00:00Z'), { verified });
  timeZones.set(user.id, timeZone);
  await write(t.db, async (tx) => {
    await addToDeck(tx, user.id, items, learnedAt);
    await tx.insert(boosterSettings).values({
      userId: user.id,
      sessionSize: 5,
      email,
      stopKey: 'k'.repeat(64),
      updatedAt: learnedAt,
    });
  });
  return user;
}

const quizItems = (correct: boolean): DeckItem[] =>
  QUIZ.questions.map((q) => ({ kind: 'quiz-question', source: SLUG, ref: q.id, correct }));

async function queuedTo(email: string) {
  return (await t.db.select().from(outbox)).filter((m) => m.to === email);
}

describe('the daily booster email', () => {
  it('sends the first due question once a local day, never in quiet hours, with the review and stop links', async () => {
    // Learned on 20 November, answered right: due on the 23rd.
    const member = await learner(quizItems(true), new Date('2026-11-20T09:00:00Z'), 'Europe/Berlin');
    // 07:30 and 21:30 in Berlin: quiet hours.
    await queueBoosterEmails(t.db, new Date('2026-12-01T06:30:00Z'), options);
    await queueBoosterEmails(t.db, new Date('2026-12-01T20:30:00Z'), options);
    expect(await queuedTo(member.email)).toHaveLength(0);
    // 09:00 in Berlin, then again in the afternoon: one email.
    expect(await queueBoosterEmails(t.db, new Date('2026-12-01T08:00:00Z'), options)).toBe(1);
    expect(await queueBoosterEmails(t.db, new Date('2026-12-01T15:00:00Z'), options)).toBe(0);
    expect(await queuedTo(member.email)).toHaveLength(1);
    const [message] = await queuedTo(member.email);
    expect(message?.subject).toBe('Your trust booster for today');
    expect(message?.text).toContain(FIRST?.prompt ?? '-');
    for (const o of FIRST?.options ?? []) expect(message?.text).toContain(`\n- ${o.text}`);
    for (const o of FIRST?.options ?? []) expect(message?.text).not.toContain(o.explanation);
    expect(message?.text).toContain('https://academy.example/review\n');
    expect(message?.text).toMatch(
      /https:\/\/academy\.example\/review\/stop\?member=[a-z2-7]{26}&signature=[0-9a-f]{64}/,
    );

    // Delivered over SMTP; the outbox then keeps no working stop link.
    const transport = smtpTransport(smtp.url, 'Trust Academy <hello@academy.test>');
    expect((await deliverDue(t.db, transport, new Date('2026-12-01T08:00:00Z'))).sent).toBeGreaterThanOrEqual(
      1,
    );
    const mail = await smtp.waitFor(member.email);
    expect(mail.text).toContain('/review/stop?member=');
    const [kept] = await queuedTo(member.email);
    expect(kept?.text).toContain(REMOVED_LINK);
    expect(kept?.text).not.toContain('signature=');

    // The next local day, again.
    await queueBoosterEmails(t.db, new Date('2026-12-02T08:00:00Z'), options);
    expect(await queuedTo(member.email)).toHaveLength(2);
  });

  it('sends nothing when nothing is due, and sends later that day once something falls due', async () => {
    // Learned at 10:00 UTC on 4 December, answered wrong: due at 10:00 on the 5th.
    const member = await learner(quizItems(false), new Date('2026-12-04T10:00:00Z'), 'UTC');
    await queueBoosterEmails(t.db, new Date('2026-12-05T08:30:00Z'), options);
    expect(await queuedTo(member.email)).toHaveLength(0);
    const claims = await t.db.select().from(boosterEmails).where(eq(boosterEmails.userId, member.id));
    expect(claims).toHaveLength(0);
    await queueBoosterEmails(t.db, new Date('2026-12-05T10:05:00Z'), options);
    expect(await queuedTo(member.email)).toHaveLength(1);
  });

  it('sends nothing to learners who did not opt in, or whose address is not confirmed', async () => {
    const off = await learner(quizItems(true), new Date('2026-11-01T09:00:00Z'), 'UTC', false);
    const unconfirmed = await learner(quizItems(true), new Date('2026-11-01T09:00:00Z'), 'UTC', true, false);
    await queueBoosterEmails(t.db, new Date('2026-12-10T12:00:00Z'), options);
    expect(await queuedTo(off.email)).toHaveLength(0);
    expect(await queuedTo(unconfirmed.email)).toHaveLength(0);
  });

  it('asks a conversation turn like a quiz question when it is the first due item', async () => {
    const turn: DeckItem = {
      kind: 'conversation-turn',
      source: 'friday-deadline',
      ref: 't2',
      correct: false,
    };
    const member = await learner([turn], new Date('2026-12-14T09:00:00Z'), 'UTC');
    await write(t.db, (tx) => addToDeck(tx, member.id, quizItems(true), new Date('2026-12-14T09:00:00Z')));
    await queueBoosterEmails(t.db, new Date('2026-12-15T12:00:00Z'), options);
    const [message, ...more] = await queuedTo(member.email);
    expect(more).toHaveLength(0);
    expect(message?.text).toContain('from “Conversation: the Friday deadline”');
    expect(message?.text).toContain(
      'The buyer says: “Can you have it installed by Friday?”\n\nWhat do you say?',
    );
    expect(message?.text).toContain('\n- Let me check with the installers and call you by 3 pm.');
    // Only the turn is due (the quiz questions answered right come back on the 17th).
    expect(message?.text).not.toContain('more booster');
  });
});
