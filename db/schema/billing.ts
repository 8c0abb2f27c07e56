/** Grants: periods during which a person holds a product. Every source of access is reduced to these. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
