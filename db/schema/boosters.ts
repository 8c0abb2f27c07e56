/** Trust boosters: each learner's review deck (one FSRS card per item), the reviews answered, and their booster settings. Personal data (deleted with the account). */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const boosterCards = sqliteTable(
  'booster_cards',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `<kind>:<source>:<ref>`, e.g. `quiz-question:keeping-promises:q3`. */
    itemKey: text('item_key').notNull(),
    /** `quiz-question` or `conversation-turn`. */
    kind: text('kind').notNull(),
    /** The lesson slug (quiz questions) or conversation id (conversation turns). */
    source: text('source').notNull(),
    /** The question id or turn id inside its source. */
    ref: text('ref').notNull(),
    /** FSRS memory state (ts-fsrs `Card`): when it is next due, and why. */
    due: integer('due', { mode: 'timestamp_ms' }).notNull(),
    stability: real('stability').notNull(),
    difficulty: real('difficulty').notNull(),
    elapsedDays: integer('elapsed_days').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: integer('state').notNull(),
    lastReview: integer('last_review', { mode: 'timestamp_ms' }),
    /** When it entered the deck (the quiz pass): "days since learning" counts from here. */
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set once the item is well known (see `src/lib/boosters/schedule.ts`); never asked again. */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.itemKey] }),
    index('booster_cards_due_idx').on(t.userId, t.retiredAt, t.due),
  ],
);

export const boosterReviews = sqliteTable(
  'booster_reviews',
  {
    /** Random: the answer page's address. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The form's one-time id: the same answer sent twice is counted once. */
    submissionId: text('submission_id').notNull(),
    itemKey: text('item_key').notNull(),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    ref: text('ref').notNull(),
    /** JSON: the option ids chosen. */
    chosen: text('chosen').notNull(),
    /** The seed of the option order shown (the answer page shows the same order). */
    orderSeed: text('order_seed').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    /** The FSRS rating given (1 Again, 2 Hard, 3 Good, 4 Easy). */
    rating: integer('rating').notNull(),
    /** FSRS's predicted chance of recall just before this answer, 0–1. */
    retrievability: real('retrievability').notNull(),
    /** Days from the item entering the deck to this answer: the forgetting curve's x axis. */
    daysSinceLearned: real('days_since_learned').notNull(),
    /** When the item was due before this answer (a streak is broken only by days something waited). */
    dueBefore: integer('due_before', { mode: 'timestamp_ms' }).notNull(),
    /** When it is due next after this answer. */
    dueAfter: integer('due_after', { mode: 'timestamp_ms' }).notNull(),
    /** This answer retired the item. */
    retired: integer('retired', { mode: 'boolean' }).notNull(),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('booster_reviews_submission_idx').on(t.userId, t.submissionId),
    index('booster_reviews_user_idx').on(t.userId, t.reviewedAt),
    index('booster_reviews_source_idx').on(t.kind, t.source),
  ],
);

export const boosterSettings = sqliteTable('booster_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Boosters offered per day before the page says "done for today" (3–10). */
  sessionSize: integer('session_size').notNull().default(5),
  /** Opted in to the daily booster email. */
  email: integer('email', { mode: 'boolean' }).notNull().default(false),
  /** The key that signs this member's stop links; replaced on every opt-in, so older links stop working. */
  stopKey: text('stop_key').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** One row per member and local day whose booster email was queued: never two in a day. */
export const boosterEmails = sqliteTable(
  'booster_emails',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
