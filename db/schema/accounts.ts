/** People, their sessions, and the single-use tokens sent to them by email. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
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
   * Bumped by every write to the person's learning records (progress, attempts, certificates), in the
   * same transaction; read with the session, it keys their cached dashboard (decision 005).
   */
  learningVersion: integer('learning_version').notNull().default(0),
  /**
   * Set for an account an operator created with a one-time password (`create-admin`): logging in with it
   * leads only to choosing a new password, which clears this.
   */
  passwordChangeRequired: integer('password_change_required', { mode: 'boolean' }).notNull().default(false),
});

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
