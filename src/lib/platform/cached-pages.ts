/**
 * The one place that says which pages the page cache may keep and what each one's content depends on
 * (decision 012). The cache builds every key from these declarations and refuses a page that is not
 * declared here; the coherence tests (tests/integration/platform/page-cache.test.ts) write to each
 * declared input and check that the next request shows it.
 *
 * Every key, whatever the page, holds the route and its parameters (never the raw path, so spellings of
 * a path are one entry) and the value of every entitlement, computed from the grants at request time:
 * a trial that ends, or a code that grants something, changes the key without anything being written.
 */

import { TRIAL_STATUS_SLOT } from '../billing/trial-html';
import { TEAM_ASSIGNMENTS_SLOT } from '../teams/assignments-html';

/**
 * A person's own tables a page can depend on. The database bumps the person's version of a table on
 * every insert, update and delete of their rows (triggers, migration 0008), whoever writes — a page,
 * the admin area, a command-line tool, a webhook — and the version is read with the session.
 */
export const VERSIONED_TABLES = [
  'lesson_progress',
  'quiz_attempts',
  'certificates',
  'assessment_results',
  'ledger_settings',
  'ledger_customers',
  'ledger_promises',
  'conversation_runs',
  'booster_cards',
  'booster_reviews',
  'booster_settings',
  'survey_rounds',
  'survey_invitations',
  'survey_responses',
  'survey_shares',
] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number];

/**
 * How the clock enters a page: by the minute (the ledger's today view; the dashboard, whose learning
 * streak counts weeks and whose boosters card says what is due by the end of the member's day; the gap
 * report, whose links expire). A page
 * that reads the clock is rendered afresh when the minute moves on.
 */
export type Clock = 'minute';

export type CachedPageInputs =
  /**
   * The same for everyone with the same entitlements: built from the content (fixed per build) and the
   * route's parameters. The per-person parts are slots, filled per request (decision 005).
   */
  | { audience: 'shared' }
  /**
   * One person's own page: kept per person, with their name and role (the account nav), the version of
   * each table listed, every entitlement including when membership ends, and the clock if it reads it.
   */
  | {
      audience: 'personal';
      tables: readonly VersionedTable[];
      clock?: Clock;
      /** Slots of the page filled per request, for parts that move with the clock by their own rules (a team's assignments). */
      slots?: readonly string[];
      /**
       * The route parameter naming a team whose data the page shows: the key holds that team's version,
       * which the database bumps on every write to the team, its members, their names and sharing, its
       * assignments, and its reps' own data (migration 0022). A person's page of a team is only stored
       * after it rendered for them (the privacy rules passed), and any change of membership or role
       * moves the version, so a hit never outlives the access it was rendered under.
       */
      team?: string;
    };

/** By route pattern, as Astro names it (`context.routePattern`). */
export const CACHED_PAGES: Readonly<Record<string, CachedPageInputs>> = {
  '/': { audience: 'shared' },
  '/lessons': { audience: 'shared' },
  '/lessons/[slug]': { audience: 'shared' },
  '/assessment/how-scoring-works': { audience: 'shared' },
  // The bibliography: source files and the lessons citing them, all fixed per build.
  '/sources': { audience: 'shared' },
  // Progress, recent quiz results, certificates, the learning path from the latest result, practice, and
  // the boosters card (due today in the member's zone, streak, retention); the team's assignments and the
  // trial's countdown (days left) are filled per request.
  '/dashboard': {
    audience: 'personal',
    tables: [
      'lesson_progress',
      'quiz_attempts',
      'certificates',
      'assessment_results',
      'conversation_runs',
      'booster_cards',
      'booster_reviews',
      // The session size: the card counts what today's session still asks.
      'booster_settings',
      'ledger_settings',
      'survey_rounds',
      'survey_responses',
    ],
    clock: 'minute',
    slots: [TEAM_ASSIGNMENTS_SLOT, TRIAL_STATUS_SLOT],
  },
  // The gap report: the self-rating from the latest result against the customers' answers, the rounds
  // and whether each link was used (links expire, rounds close: the minute), and the share link.
  '/survey': {
    audience: 'personal',
    tables: [
      'assessment_results',
      'survey_rounds',
      'survey_invitations',
      'survey_responses',
      'survey_shares',
    ],
    clock: 'minute',
  },
  // The result, the one before it, the trend across all of them, the share link, and the learning path
  // with the lessons already done marked.
  '/assessment/results/[id]': { audience: 'personal', tables: ['assessment_results', 'lesson_progress'] },
  // A team's progress and results for its owner or a manager: per rep and module, assignment statuses
  // (which turn overdue with the clock), shared results and kept-on-time rates (open promises count as
  // broken after their grace period: the clock).
  '/teams/[id]/reports': { audience: 'personal', tables: [], team: 'id', clock: 'minute' },
  // What is due in the member's zone, their dependability, the customer picker.
  '/ledger': {
    audience: 'personal',
    tables: ['ledger_settings', 'ledger_customers', 'ledger_promises'],
    clock: 'minute',
  },
};

/**
 * The one spelling of a route's path: the pattern with its parameters filled in. Any other spelling
 * (`//lessons`, `/lessons/x.html`, `/lessons/%78`) is answered with a redirect to this one.
 */
export function canonicalPath(route: string, params: Readonly<Record<string, string | undefined>>): string {
  return route.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
    const value = params[name] ?? '';
    return rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}
