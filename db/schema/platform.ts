/** Shared operational state: rate-limit buckets and the email outbox live in the database, so several app processes share them. */
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const rateLimitBuckets = sqliteTable('rate_limit_buckets', {
  /** e.g. `login:ip:203.0.113.7`, `login:account:ana@example.com`. */
  key: text('key').primaryKey(),
  tokens: real('tokens').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.sentAt, t.nextAttemptAt)],
);
