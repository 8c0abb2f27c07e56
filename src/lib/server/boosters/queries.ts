/** Booster queries: plain reads and writes of decks, reviews, settings and the daily email claims. */
import { type Database, readJsonRows, type Transaction } from '@db/client';
import { boosterCards, boosterEmails, boosterReviews, boosterSettings, users } from '@db/schema';
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';

type Reader = Database | Transaction;

export type CardRow = typeof boosterCards.$inferSelect;
export type ReviewRow = typeof boosterReviews.$inferSelect;
export type SettingsRow = typeof boosterSettings.$inferSelect;

/** Which of these items the learner's deck holds already (retired cards included). */
export async function heldItems(
  tx: Transaction,
  userId: string,
  itemKeys: readonly string[],
): Promise<Set<string>> {
  if (itemKeys.length === 0) return new Set();
  const keys = sql.join(
    itemKeys.map((key) => sql`${key}`),
    sql`, `,
  );
  const rows = await tx.all<{ item_key: string }>(
    sql`SELECT item_key FROM booster_cards WHERE user_id = ${userId} AND item_key IN (${keys})`,
  );
  return new Set(rows.map((row) => row.item_key));
}

/** Adds cards; an item already in the deck keeps its schedule. Returns how many were new. */
export async function insertCards(
  tx: Transaction,
  rows: (typeof boosterCards.$inferInsert)[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(boosterCards)
    .values(rows)
    .onConflictDoNothing({ target: [boosterCards.userId, boosterCards.itemKey] })
    .returning({ key: boosterCards.itemKey });
  return inserted.length;
}

// Cards as one JSON text rather than rows (`readJsonRows`); the REAL columns as exact decimal text.
const CARD_JSON = `json_group_array(json_array(item_key, kind, source, ref, due,
    printf('%.17g', stability), printf('%.17g', difficulty), elapsed_days, scheduled_days, learning_steps,
    reps, lapses, state, last_review, added_at, retired_at)) AS json`;

type CardJsonRow = readonly [
  itemKey: string,
  kind: string,
  source: string,
  ref: string,
  due: number,
  stability: string,
  difficulty: string,
  elapsedDays: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  state: number,
  lastReview: number | null,
  addedAt: number,
  retiredAt: number | null,
];

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

const cardOf =
  (userId: string) =>
  (r: CardJsonRow): CardRow => ({
    userId,
    itemKey: r[0],
    kind: r[1],
    source: r[2],
    ref: r[3],
    due: new Date(r[4]),
    stability: Number(r[5]),
    difficulty: Number(r[6]),
    elapsedDays: r[7],
    scheduledDays: r[8],
    learningSteps: r[9],
    reps: r[10],
    lapses: r[11],
    state: r[12],
    lastReview: dateOrNull(r[13]),
    addedAt: new Date(r[14]),
    retiredAt: dateOrNull(r[15]),
  });

const DECK_SQL = `SELECT ${CARD_JSON}
  FROM (SELECT * FROM booster_cards WHERE user_id = ? ORDER BY due, item_key)`;

/** Every card of a learner's deck, soonest due first (for "download my data"). */
export async function deckOf(db: Database, userId: string): Promise<CardRow[]> {
  return (await readJsonRows<CardJsonRow>(db, DECK_SQL, [userId])).map(cardOf(userId));
}

const DUE_SQL = `SELECT ${CARD_JSON}
  FROM (SELECT * FROM booster_cards WHERE user_id = ? AND retired_at IS NULL AND due <= ?
    ORDER BY due, item_key LIMIT ?)`;

/** Cards not retired and due by `before`, soonest first. */
export async function dueCards(
  db: Database,
  userId: string,
  before: Date,
  limit: number,
): Promise<CardRow[]> {
  return (await readJsonRows<CardJsonRow>(db, DUE_SQL, [userId, before.getTime(), limit])).map(
    cardOf(userId),
  );
}

/** Of a card, what the day's figures need: when it is due, its memory (for the retention) and if retired. */
export interface CardRecall {
  due: Date;
  stability: number;
  state: number;
  lastReview: Date | null;
  retired: boolean;
}

// FSRS reads the stability to 8 decimals, well within the 15 significant digits of SQLite's JSON.
const RECALL_SQL = `SELECT json_group_array(json_array(due, stability, state, last_review, retired_at IS NOT NULL))
  AS json FROM booster_cards WHERE user_id = ?`;

/**
 * Every card's due date and memory, in no order. Read on every dashboard and review page, so only the
 * five values the figures need, as one JSON text: a deck of 207 cards took 1.6 ms read whole as rows,
 * 0.2 ms so (decision 018).
 */
export async function recallOf(db: Database, userId: string): Promise<CardRecall[]> {
  const rows = await readJsonRows<readonly [number, number, number, number | null, number]>(db, RECALL_SQL, [
    userId,
  ]);
  return rows.map(([due, stability, state, lastReview, retired]) => ({
    due: new Date(due),
    stability,
    state,
    lastReview: dateOrNull(lastReview),
    retired: retired === 1,
  }));
}

export async function findCard(db: Reader, userId: string, itemKey: string): Promise<CardRow | null> {
  const [row] = await db
    .select()
    .from(boosterCards)
    .where(and(eq(boosterCards.userId, userId), eq(boosterCards.itemKey, itemKey)));
  return row ?? null;
}

/** Saves a card's new schedule, only if nobody reviewed it since `reps` was read; false otherwise. */
export async function updateCard(
  tx: Transaction,
  userId: string,
  itemKey: string,
  reps: number,
  set: Partial<typeof boosterCards.$inferInsert>,
): Promise<boolean> {
  const updated = await tx
    .update(boosterCards)
    .set(set)
    .where(
      and(eq(boosterCards.userId, userId), eq(boosterCards.itemKey, itemKey), eq(boosterCards.reps, reps)),
    )
    .returning({ key: boosterCards.itemKey });
  return updated.length > 0;
}

export async function insertReview(
  tx: Transaction,
  row: typeof boosterReviews.$inferInsert,
): Promise<boolean> {
  const inserted = await tx
    .insert(boosterReviews)
    .values(row)
    .onConflictDoNothing({ target: [boosterReviews.userId, boosterReviews.submissionId] })
    .returning({ id: boosterReviews.id });
  return inserted.length > 0;
}

export async function findReviewBySubmission(
  db: Reader,
  userId: string,
  submissionId: string,
): Promise<ReviewRow | null> {
  const [row] = await db
    .select()
    .from(boosterReviews)
    .where(and(eq(boosterReviews.userId, userId), eq(boosterReviews.submissionId, submissionId)));
  return row ?? null;
}

/** A review only if it is this learner's. */
export async function findOwnReview(db: Reader, userId: string, id: string): Promise<ReviewRow | null> {
  const [row] = await db
    .select()
    .from(boosterReviews)
    .where(and(eq(boosterReviews.id, id), eq(boosterReviews.userId, userId)));
  return row ?? null;
}

const ANSWERS_SINCE_SQL = `SELECT json_group_array(json_array(reviewed_at, due_before, correct)) AS json
  FROM (SELECT reviewed_at, due_before, correct FROM booster_reviews
    WHERE user_id = ? AND reviewed_at >= ? ORDER BY reviewed_at DESC)`;

/**
 * When each answer since `since` was given, and since when its item had been due (for the streak and
 * today's count). A year of daily answers is read on every dashboard: as one JSON text, as `deckOf`.
 */
export async function answersSince(
  db: Database,
  userId: string,
  since: Date,
): Promise<{ reviewedAt: Date; dueBefore: Date; correct: boolean }[]> {
  const rows = await readJsonRows<readonly [number, number, number]>(db, ANSWERS_SINCE_SQL, [
    userId,
    since.getTime(),
  ]);
  return rows.map(([reviewedAt, dueBefore, correct]) => ({
    reviewedAt: new Date(reviewedAt),
    dueBefore: new Date(dueBefore),
    correct: correct === 1,
  }));
}

export async function allReviews(db: Reader, userId: string): Promise<ReviewRow[]> {
  return db
    .select()
    .from(boosterReviews)
    .where(eq(boosterReviews.userId, userId))
    .orderBy(asc(boosterReviews.reviewedAt));
}

export async function readSettings(db: Reader, userId: string): Promise<SettingsRow | null> {
  const [row] = await db.select().from(boosterSettings).where(eq(boosterSettings.userId, userId));
  return row ?? null;
}

export async function saveSettings(tx: Transaction, row: typeof boosterSettings.$inferInsert): Promise<void> {
  await tx
    .insert(boosterSettings)
    .values(row)
    .onConflictDoUpdate({
      target: boosterSettings.userId,
      set: {
        sessionSize: row.sessionSize,
        email: row.email,
        stopKey: row.stopKey,
        updatedAt: row.updatedAt,
      },
    });
}

/** Turns the email off for a member; false when it was off already. */
export async function turnEmailOff(tx: Transaction, userId: string, now: Date): Promise<boolean> {
  const updated = await tx
    .update(boosterSettings)
    .set({ email: false, updatedAt: now })
    .where(and(eq(boosterSettings.userId, userId), eq(boosterSettings.email, true)))
    .returning({ userId: boosterSettings.userId });
  return updated.length > 0;
}

/** Members who opted in to the booster email, at confirmed addresses, with the last local day claimed. */
export async function emailSubscribers(
  db: Reader,
): Promise<{ userId: string; email: string; stopKey: string; lastDay: string | null }[]> {
  return db
    .select({
      userId: boosterSettings.userId,
      email: users.email,
      stopKey: boosterSettings.stopKey,
      lastDay: sql<
        string | null
      >`(SELECT max(${boosterEmails.day}) FROM ${boosterEmails} WHERE ${boosterEmails.userId} = ${boosterSettings.userId})`,
    })
    .from(boosterSettings)
    .innerJoin(users, eq(users.id, boosterSettings.userId))
    .where(and(eq(boosterSettings.email, true), isNotNull(users.emailVerifiedAt)));
}

/** Claims a member's booster email for a local day; false when it was claimed before (by any process). */
export async function claimEmailDay(
  tx: Transaction,
  userId: string,
  day: string,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(boosterEmails)
    .values({ userId, day, createdAt: now })
    .onConflictDoNothing()
    .returning({ day: boosterEmails.day });
  return inserted.length > 0;
}

/** Answers per item source and whole day since learning, over every learner: the forgetting curves. */
export async function curveCounts(
  db: Reader,
): Promise<{ kind: string; source: string; days: number; answers: number; right: number }[]> {
  const rows = await db
    .select({
      kind: boosterReviews.kind,
      source: boosterReviews.source,
      days: sql<number>`cast(${boosterReviews.daysSinceLearned} as integer)`,
      answers: sql<number>`count(*)`,
      right: sql<number>`sum(${boosterReviews.correct})`,
    })
    .from(boosterReviews)
    .groupBy(
      boosterReviews.kind,
      boosterReviews.source,
      sql`cast(${boosterReviews.daysSinceLearned} as integer)`,
    );
  return rows.map((r) => ({
    ...r,
    days: Number(r.days),
    answers: Number(r.answers),
    right: Number(r.right),
  }));
}

/** The items answered wrong most often, over every learner. */
export async function mostForgotten(
  db: Reader,
  limit: number,
): Promise<{ kind: string; source: string; ref: string; answers: number; wrong: number }[]> {
  const wrong = sql<number>`sum(1 - ${boosterReviews.correct})`;
  const rows = await db
    .select({
      kind: boosterReviews.kind,
      source: boosterReviews.source,
      ref: boosterReviews.ref,
      answers: sql<number>`count(*)`,
      wrong,
    })
    .from(boosterReviews)
    .groupBy(boosterReviews.kind, boosterReviews.source, boosterReviews.ref)
    .having(sql`${wrong} > 0`)
    .orderBy(desc(wrong), desc(sql`count(*)`))
    .limit(limit);
  return rows.map((r) => ({ ...r, answers: Number(r.answers), wrong: Number(r.wrong) }));
}
