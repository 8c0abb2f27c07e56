/**
 * Conversation practice: every run a learner plays, kept (replays never overwrite). Personal data,
 * deleted with the account. The conversations themselves are content (content/conversations).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const conversationRuns = sqliteTable(
  'conversation_runs',
  {
    /** Random, so runs cannot be enumerated; also seeds the order the run shows replies in. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The conversation's slug (its file name in content/conversations). */
    conversationSlug: text('conversation_slug').notNull(),
    /** The start form's one-time id: the same "Start" sent twice starts one run. */
    submissionId: text('submission_id').notNull(),
    /** JSON: `[{ turn, reply }]`, the replies chosen so far, in order. The state is replayed from them. */
    choices: text('choices').notNull(),
    /** How many turns are answered: a reply is stored only if it answers turn number `steps + 1`. */
    steps: integer('steps').notNull(),
    /** The trust meter now (0–100). */
    trust: integer('trust').notNull(),
    /** The turn waiting for a reply, or the ending reached. */
    position: text('position').notNull(),
    /** 0–100 once the run reached an ending; null while it is being played. */
    score: integer('score'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('conversation_runs_submission_idx').on(t.userId, t.submissionId),
    index('conversation_runs_user_idx').on(t.userId, t.conversationSlug, t.startedAt),
    // The dashboard's practice summary reads finished runs (best score, count) and the newest open run
    // per conversation; each has its own partial index, so runs started and left open by the thousand
    // never make the finished side slower, nor the other way round.
    index('conversation_runs_finished_idx')
      .on(t.userId, t.conversationSlug, t.score)
      .where(sql`${t.finishedAt} IS NOT NULL`),
    index('conversation_runs_open_idx')
      .on(t.userId, t.conversationSlug, t.startedAt)
      .where(sql`${t.finishedAt} IS NULL`),
  ],
);
