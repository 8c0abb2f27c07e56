/** The trust self-assessment: a learner's answers in progress, and their submitted results. Personal data. */
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const assessmentDrafts = sqliteTable('assessment_drafts', {
  /** One draft per learner: answers saved page by page, so they can leave and resume. */
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** JSON: `{ [itemId]: 1–5 | 'na' }`, for the current version's items (others are ignored). */
  answers: text('answers').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const assessmentResults = sqliteTable(
  'assessment_results',
  {
    /** Random, so results cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The review form's one-time id: the same submission twice stores one result. */
    submissionId: text('submission_id').notNull(),
    /** The instrument's version (content/assessment/items*.yaml); results compare only within one. */
    version: integer('version').notNull().default(1),
    /** JSON: `{ [itemId]: 1–5 | 'na' }`. Never shown through a share link. */
    answers: text('answers').notNull(),
    /** JSON: the scale scores (0–100) as computed at submission; results are immutable. */
    scores: text('scores').notNull(),
    /** 0–100. */
    trustIndex: real('trust_index').notNull(),
    /** A random token while the learner shares the profile; null when not shared. */
    shareToken: text('share_token').unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** The code whose grant opened the assessment when it was submitted, for the code's outcomes. */
    code: text('code'),
  },
  (t) => [
    uniqueIndex('assessment_results_submission_idx').on(t.userId, t.submissionId),
    index('assessment_results_user_idx').on(t.userId, t.createdAt),
    /** The admin overview counts assessments by week. */
    index('assessment_results_created_idx').on(t.createdAt),
  ],
);
