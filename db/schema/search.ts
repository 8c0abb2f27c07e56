/** The lesson search index's bookkeeping. The FTS5 table itself is created by a custom migration (drizzle cannot describe virtual tables). */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per index: the content hash it was built from, so start-up rebuilds it only when lessons change. */
export const searchIndexState = sqliteTable('search_index_state', {
  name: text('name').primaryKey(),
  contentHash: text('content_hash').notNull(),
  builtAt: integer('built_at', { mode: 'timestamp_ms' }).notNull(),
});
