/** The promise ledger: a member's own customers, the promises made to them, and the member's ledger settings. Personal data (deleted with the account). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const ledgerSettings = sqliteTable('ledger_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** IANA time zone (e.g. `Europe/Berlin`): "today" and due times are shown and entered in it. */
  timeZone: text('time_zone').notNull(),
  /** Opted in to the daily email of what is due. */
  digest: integer('digest', { mode: 'boolean' }).notNull().default(false),
  /** SHA-256 of the calendar feed's secret; null while there is no feed (never made, or revoked). */
  feedTokenHash: text('feed_token_hash').unique(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const ledgerCustomers = sqliteTable(
  'ledger_customers',
  {
    /** Random, so customers cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    company: text('company').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** Where the balance starts: below zero for a customer burned by a previous vendor. */
    startingBalance: integer('starting_balance').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** The id of the form that added it (null for imports and older rows): the same form sent twice adds one customer. */
    submissionId: text('submission_id'),
  },
  (t) => [
    index('ledger_customers_user_idx').on(t.userId, t.name),
    uniqueIndex('ledger_customers_submission_idx').on(t.userId, t.submissionId),
  ],
);

export const ledgerPromises = sqliteTable(
  'ledger_promises',
  {
    /** Random, so promises cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    customerId: text('customer_id')
      .notNull()
      .references(() => ledgerCustomers.id, { onDelete: 'cascade' }),
    /** What was promised, in the member's words. */
    text: text('text').notNull(),
    channel: text('channel', { enum: ['call', 'email', 'meeting'] }).notNull(),
    madeAt: integer('made_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    /** Null while open; see src/lib/ledger/rules.ts for what each outcome is worth. */
    outcome: text('outcome', { enum: ['kept', 'late', 'renegotiated', 'broken'] }),
    /** When the outcome was recorded. */
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** The id of the form that recorded it (null for older rows): the same form sent twice records one promise. */
    submissionId: text('submission_id'),
  },
  (t) => [
    uniqueIndex('ledger_promises_submission_idx').on(t.userId, t.submissionId),
    // The today view: a member's open promises by due time.
    index('ledger_promises_open_idx').on(t.userId, t.outcome, t.dueAt),
    index('ledger_promises_customer_idx').on(t.customerId, t.dueAt),
  ],
);

/** One row per member and local day whose digest was queued: a restart or a second process sends none twice. */
export const ledgerDigests = sqliteTable(
  'ledger_digests',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The member's local date, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/**
 * What happened to a promise besides its outcome, kept so the ledger's history stays honest: a renegotiation
 * (a new due time agreed before the old one; it costs points while the promise stays open), an outcome
 * undone right after it was recorded, or an outcome corrected later.
 */
export const ledgerPromiseEvents = sqliteTable(
  'ledger_promise_events',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    promiseId: text('promise_id')
      .notNull()
      .references(() => ledgerPromises.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['renegotiated', 'undone', 'corrected'] }).notNull(),
    /** When the member made the change. */
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Renegotiated: the due time before and after. */
    fromDueAt: integer('from_due_at', { mode: 'timestamp_ms' }),
    toDueAt: integer('to_due_at', { mode: 'timestamp_ms' }),
    /** Undone or corrected: the outcome (and when it was recorded) before, and the outcome after (null when undone). */
    fromOutcome: text('from_outcome', { enum: ['kept', 'late', 'renegotiated', 'broken'] }),
    fromResolvedAt: integer('from_resolved_at', { mode: 'timestamp_ms' }),
    toOutcome: text('to_outcome', { enum: ['kept', 'late', 'renegotiated', 'broken'] }),
  },
  (t) => [
    index('ledger_promise_events_promise_idx').on(t.promiseId, t.at),
    index('ledger_promise_events_user_idx').on(t.userId),
  ],
);
