/** Learning: lesson progress, quiz attempts and certificates. All of it is personal data (deleted with the account). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The lesson's slug (lessons live in content/, not in the database). */
    lessonSlug: text('lesson_slug').notNull(),
    /** First opened with access to the body. */
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** Last opened; "continue where you left off" follows it. */
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** Marked read by the learner; null until then. */
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    /** Best quiz score so far, 0–100; null before any attempt. */
    bestScore: integer('best_score'),
    /** When the quiz was first passed; null until then. */
    quizPassedAt: integer('quiz_passed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonSlug] }),
    index('lesson_progress_recent_idx').on(t.userId, t.lastSeenAt),
  ],
);

export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    /** Random, so attempts cannot be enumerated. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonSlug: text('lesson_slug').notNull(),
    /** The form's one-time submission id: the same submission sent twice is graded once. */
    submissionId: text('submission_id').notNull(),
    /** JSON: `{ [questionId]: optionId[] }` for every question of the quiz. */
    answers: text('answers').notNull(),
    /** 0–100, computed on the server. */
    score: integer('score').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    /** The attempt whose right answers this one kept ("retake only what I missed"); null for a whole quiz. */
    retakeOf: text('retake_of'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('quiz_attempts_submission_idx').on(t.userId, t.submissionId),
    index('quiz_attempts_user_idx').on(t.userId, t.createdAt),
  ],
);

export const certificates = sqliteTable(
  'certificates',
  {
    /** The public verification id (random). */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `course`, or the module completed. */
    scope: text('scope').notNull(),
    /** The learner's name as it was when the certificate was issued. */
    recipientName: text('recipient_name').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('certificates_user_scope_idx').on(t.userId, t.scope)],
);

/**
 * What is left of a certificate after its holder deleted their account: its id only, so the public
 * verification page can say it was withdrawn instead of never existing. No name, scope or date.
 */
export const withdrawnCertificates = sqliteTable('withdrawn_certificates', {
  id: text('id').primaryKey(),
});
