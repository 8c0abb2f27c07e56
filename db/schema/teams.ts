/**
 * Teams: a manager's team of reps, its seats and how they are paid for, and invitations to join. A
 * member's membership is a grant the database keeps in step with the team (triggers in the migration).
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const teams = sqliteTable('teams', {
  /** Random, never sequential: a team's pages answer 404 to everyone outside it. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Who pays (billing) and can change managers; deleting their account ends the team. */
  ownerId: text('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** How many people may be in the team at once, the owner included. */
  seats: integer('seats').notNull(),
  /**
   * Until when members hold membership: the local trial's end, or what the team's subscription grants
   * (`subscriptionGrant`). Triggers copy it to every member's grant. 0: nothing (no plan).
   */
  membershipUntil: integer('membership_until', { mode: 'timestamp_ms' }).notNull(),
  /** How the seats are paid for: a local trial (no Stripe), or a Stripe subscription. */
  plan: text('plan', { enum: ['trial', 'subscription'] }).notNull(),
  /** The team's Stripe subscription (quantity = seats), once there is one. */
  subscriptionId: text('subscription_id').unique(),
  /** Stripe's status of it as last read (trialing, active, past_due, canceled, …). */
  subscriptionStatus: text('subscription_status'),
  /** When it was first seen past due: the grace period counts from here. */
  pastDueSince: integer('past_due_since', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    /** A person belongs to one team at most. */
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'manager', 'member'] }).notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
    /** The rep chose to show their individual assessment results to the team's managers. */
    sharesAssessment: integer('shares_assessment', { mode: 'boolean' }).notNull().default(false),
    /** The rep chose to show their ledger's kept-on-time rate (never the ledger itself). */
    sharesKeptRate: integer('shares_kept_rate', { mode: 'boolean' }).notNull().default(false),
    /** Owners and managers get the weekly summary email unless they turn it off. */
    weeklySummary: integer('weekly_summary', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('team_members_team_idx').on(t.teamId, t.role)],
);

export const teamInvitations = sqliteTable(
  'team_invitations',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    /** Normalised; only an account with this confirmed address can accept. */
    email: text('email').notNull(),
    role: text('role', { enum: ['manager', 'member'] }).notNull(),
    /** SHA-256 of the token in the emailed link. */
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
    acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('team_invitations_team_idx').on(t.teamId, t.email),
    index('team_invitations_email_idx').on(t.email),
  ],
);

/** The local team trial (no Stripe) is once per person, by mailbox, like the single-learner trial. */
export const teamTrials = sqliteTable('team_trials', {
  mailboxKey: text('mailbox_key').primaryKey(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Training a manager assigns to the team's reps, with a due date: a lesson, a module or the assessment. */
export const teamAssignments = sqliteTable(
  'team_assignments',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['lesson', 'module', 'assessment'] }).notNull(),
    /** The lesson's slug or the module's id; empty for the assessment. */
    target: text('target').notNull().default(''),
    /**
     * What was assigned, as the course had it then (titles and lessons are the build's content, never typed
     * by anyone): kept with the assignment so that reminders and reports need no content at run time, and a
     * later course change doesn't move what a rep was asked to do.
     */
    title: text('title').notNull(),
    href: text('href').notNull(),
    /** JSON: the lessons to complete (none for the assessment)… */
    lessons: text('lessons').notNull().default('[]'),
    /** …and those of them that have a quiz, which must be passed. */
    quizzed: text('quizzed').notNull().default('[]'),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('team_assignments_team_idx').on(t.teamId, t.dueAt),
    index('team_assignments_due_idx').on(t.dueAt),
  ],
);

/** Reminders sent, one per assignment, rep and kind: the loop may run in several processes and restart. */
export const teamAssignmentReminders = sqliteTable(
  'team_assignment_reminders',
  {
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => teamAssignments.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['soon', 'overdue'] }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId, t.kind] })],
);

/** One row per manager and week whose summary was queued: a restart or a second process sends none twice. */
export const teamWeeklySummaries = sqliteTable(
  'team_weekly_summaries',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The ISO week in the manager's time zone, `YYYY-Www`. */
    week: text('week').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.week] })],
);

/**
 * Each team's version of what its reports show, bumped by the database on every write that could change
 * them (triggers, migration 0022): its members, roles, sharing choices and names, its assignments, and
 * any of its reps' own data (their `data_versions`) or assessment drafts. The reports page is cached by it
 * (src/lib/platform/cached-pages.ts). No foreign key: the row goes with the team by trigger.
 */
export const teamVersions = sqliteTable('team_versions', {
  teamId: text('team_id').primaryKey(),
  version: integer('version').notNull(),
});
