/** The admin's audit log: every admin action, who did it, when, and what changed. Append-only. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    /** Random; entries are ordered by `at`, then id. */
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** The acting admin's (or website user's) id; null for the command line. No foreign key: the log outlives accounts. */
    actorId: text('actor_id'),
    /** Who, in words kept as they were: the admin's email, `cli`, or `website` (a person on their own account). */
    actor: text('actor').notNull(),
    /** What was done, e.g. `code.create`, `membership.grant`, `sessions.end`. */
    action: text('action').notNull(),
    /** What it was done to: a code, or a person's id. */
    target: text('target').notNull(),
    /** Why, when the action asks for a reason. */
    reason: text('reason'),
    /** JSON of the state before and after; null where there was none. */
    before: text('before'),
    after: text('after'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);
