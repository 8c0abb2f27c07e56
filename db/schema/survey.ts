/**
 * The customer trust survey: a member's rounds of invitations, the customers' anonymous responses, the
 * private share link of the gap report, and the addresses that asked never to be emailed by us again.
 * Anonymity is a property of these tables (decision 021): a response has no invitation id and no time.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';
import { ledgerCustomers } from './ledger';

export const surveyRounds = sqliteTable(
  'survey_rounds',
  {
    /** Random, so rounds cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per member, in the order they were started. */
    number: integer('number').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when the member closes the round; a round also closes by itself (src/lib/survey/rounds.ts). */
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('survey_rounds_user_idx').on(t.userId, t.number)],
);

/** One row per invitation form sent: the same form sent twice (a double click, a reload) invites once. */
export const surveyBatches = sqliteTable(
  'survey_batches',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The form's one-time id. */
    submissionId: text('submission_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.submissionId] })],
);

export const surveyInvitations = sqliteTable(
  'survey_invitations',
  {
    /** Random, so invitations cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roundId: text('round_id')
      .notNull()
      .references(() => surveyRounds.id, { onDelete: 'cascade' }),
    /** SHA-256 of the link's token; the token itself is only in the email or shown once to copy. */
    tokenHash: text('token_hash').notNull().unique(),
    /** `email`: sent by our outbox; `link`: the member copied the link to send it personally. */
    delivery: text('delivery', { enum: ['email', 'link'] }).notNull(),
    /** Who it is for, as the member knows them: the address, or the ledger customer's name. */
    recipient: text('recipient').notNull(),
    /** The ledger customer it was made for, if any. */
    customerId: text('customer_id').references(() => ledgerCustomers.id, { onDelete: 'set null' }),
    /** Why it looks like the member inviting themselves (`same-domain`: an address at the member's own company); null when it doesn't. */
    flag: text('flag', { enum: ['same-domain'] }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** The link was used. Deliberately no time and no reference to the response it produced. */
    used: integer('used', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('survey_invitations_round_idx').on(t.roundId),
    index('survey_invitations_user_idx').on(t.userId),
  ],
);

export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    /** Random: the id says nothing about when or in which order it was given. */
    id: text('id').primaryKey(),
    /** Whose survey it answers: the member rated. */
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roundId: text('round_id')
      .notNull()
      .references(() => surveyRounds.id, { onDelete: 'cascade' }),
    /** 1–5: overall, how much the customer trusts the member. */
    overall: integer('overall').notNull(),
    /** JSON: `{ [itemId]: 1–5 }`; an item the customer couldn't judge is absent. */
    answers: text('answers').notNull(),
    /** The optional comment, shown to the member without a name and in random order. */
    comment: text('comment'),
  },
  (t) => [index('survey_responses_round_idx').on(t.userId, t.roundId)],
);

export const surveyShares = sqliteTable('survey_shares', {
  /** One share link per member, like the shared trust profile. */
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** A random token while the member shares the gap report. */
  token: text('token').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** "Never email me again": a hashed mailbox per row, checked before any survey invitation is emailed. */
export const surveyOptOuts = sqliteTable('survey_opt_outs', {
  /** SHA-256 of the address's mailbox key (src/lib/accounts/email.ts), never the address. */
  addressHash: text('address_hash').primaryKey(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** The "never email me again" links: each names a hashed address, not an invitation, so it outlives them. */
export const surveyOptOutLinks = sqliteTable('survey_opt_out_links', {
  /** SHA-256 of the link's token. */
  tokenHash: text('token_hash').primaryKey(),
  addressHash: text('address_hash').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
