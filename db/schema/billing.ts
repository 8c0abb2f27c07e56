/** Grants: periods during which a person holds a product. Every source of access is reduced to these. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const grants = sqliteTable(
  'grants',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: text('product', { enum: ['membership', 'assessment'] }).notNull(),
    source: text('source', { enum: ['trial', 'subscription', 'purchase', 'code', 'admin'] }).notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    /** null: until revoked. */
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('grants_user_idx').on(t.userId)],
);

export const codes = sqliteTable('codes', {
  /** Upper case; codes are case-insensitive. */
  code: text('code').primaryKey(),
  kind: text('kind', { enum: ['trial', 'discount', 'free_product'] }).notNull(),
  trialDays: integer('trial_days'),
  product: text('product', { enum: ['membership', 'assessment'] }),
  percentOff: integer('percent_off'),
  amountOffCents: integer('amount_off_cents'),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
  maxRedemptions: integer('max_redemptions'),
  /** Kept in step with `code_redemptions` in the same transaction; the limit is checked against it. */
  redemptions: integer('redemptions').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const codeRedemptions = sqliteTable(
  'code_redemptions',
  {
    id: text('id').primaryKey(),
    code: text('code')
      .notNull()
      .references(() => codes.code),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('code_redemptions_once_idx').on(t.code, t.userId)],
);
