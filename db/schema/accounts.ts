/** People, their sessions, and the single-use tokens sent to them by email. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
  'users',
  {
    /** Random, never sequential (QUALITY.md: ids are not guessable). */
    id: text('id').primaryKey(),
    /** Normalised (trimmed, lower-case); unique. */
    email: text('email').notNull().unique(),
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['learner', 'admin'] })
      .notNull()
      .default('learner'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * Set for an account an operator created with a one-time password (`create-admin`): logging in with it
     * leads only to choosing a new password, which clears this.
     */
    passwordChangeRequired: integer('password_change_required', { mode: 'boolean' }).notNull().default(false),
  },
  /** The admin overview counts sign-ups by date. */
  (t) => [index('users_created_idx').on(t.createdAt)],
);

/**
 * A person's version of each of their tables that a cached page depends on (VERSIONED_TABLES in
 * src/lib/platform/cached-pages.ts). Only the database writes it: triggers on those tables bump the row
 * on every insert, update and delete of the person's rows (migration 0008), whoever writes. Read with
 * the session, it keys the person's cached pages (decision 012).
 */
export const dataVersions = sqliteTable(
  'data_versions',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The table's name. */
    source: text('source').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.source] })],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token, hex; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** Shown in the account page's list of sessions (browser family only, not the full string). */
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const emailTokens = sqliteTable(
  'email_tokens',
  {
    /** SHA-256 of the token sent by email, hex. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify-email', 'reset-password', 'change-email'] }).notNull(),
    /** The address being confirmed, for change-email. */
    email: text('email'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId)],
);
