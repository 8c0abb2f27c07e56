/**
 * The weekly summary sender: once per owner or manager and ISO week (in their time zone, from Monday
 * morning), one email of the team's week, queued in the outbox in the same transaction that claims the
 * week — so a restart, a second loop tick or a second process never sends it twice. No content
 * collection is read (assignments carry their own titles), so it runs wherever the database does.
 */
import { type Database, readRows, write } from '@db/client';
import { teamWeeklySummaries } from '@db/schema';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from '../../ledger/time';
import { receivesWeeklySummary } from '../../teams/privacy';
import { type SummaryFacts, summaryMessage, summaryWeekDue, WEEK_MS } from '../../teams/summary';
import { enqueueEmail } from '../platform/outbox';
import { teamAssignmentReports, teamReps } from './reports';

interface Recipient {
  userId: string;
  teamId: string;
  role: 'owner' | 'manager' | 'member';
  joinedAt: number;
  weeklySummary: number;
  email: string;
  displayName: string;
  timeZone: string | null;
  lastWeek: string | null;
}

/** The team's week in figures, by the same rules as the reports page (reps only, aggregates from three). */
export async function summaryFacts(db: Database, teamId: string, now: Date): Promise<SummaryFacts> {
  const since = now.getTime() - WEEK_MS;
  const reps = await teamReps(db, teamId);
  const [activity, assessment, assignments] = await Promise.all([
    readRows<{ active: number; read: number; passed: number }>(
      db,
      `SELECT count(DISTINCT CASE WHEN p.last_seen_at >= ? THEN p.user_id END) AS active,
         coalesce(sum(p.read_at >= ?), 0) AS read, coalesce(sum(p.quiz_passed_at >= ?), 0) AS passed
       FROM team_members tm JOIN lesson_progress p ON p.user_id = tm.user_id
       WHERE tm.team_id = ? AND tm.role = 'member'`,
      [since, since, since, teamId],
    ),
    readRows<{ reps: number; mean: number | null }>(
      db,
      `SELECT count(*) AS reps, avg(r.trust_index) AS mean
       FROM team_members tm JOIN assessment_results r ON r.user_id = tm.user_id
       WHERE tm.team_id = ? AND tm.role = 'member'
         AND r.created_at = (SELECT max(x.created_at) FROM assessment_results x WHERE x.user_id = tm.user_id)`,
      [teamId],
    ),
    teamAssignmentReports(db, teamId, now, reps),
  ]);
  const a = activity[0];
  const t = assessment[0];
  return {
    reps: reps.length,
    activeReps: a?.active ?? 0,
    lessonsRead: a?.read ?? 0,
    quizzesPassed: a?.passed ?? 0,
    // Assignments due more than four weeks ago are history, not news.
    assignments: assignments
      .filter((x) => x.dueAt.getTime() >= now.getTime() - 4 * WEEK_MS)
      .map((x) => ({ title: x.title, dueAt: x.dueAt, counts: x.counts })),
    assessment: {
      reps: t?.reps ?? 0,
      mean: t?.mean === null || t?.mean === undefined ? null : Math.round(t.mean * 10) / 10,
    },
  };
}

/** Queues the summaries due at `now`; returns how many were queued. */
export async function queueWeeklySummaries(
  db: Database,
  now: Date,
  options: { siteUrl: URL },
): Promise<number> {
  const recipients = await readRows<Recipient>(
    db,
    `SELECT tm.user_id AS userId, tm.team_id AS teamId, tm.role AS role, tm.joined_at AS joinedAt,
       tm.weekly_summary AS weeklySummary,
       u.email AS email, u.display_name AS displayName, s.time_zone AS timeZone,
       (SELECT max(w.week) FROM team_weekly_summaries w WHERE w.user_id = tm.user_id) AS lastWeek
     FROM team_members tm
     JOIN users u ON u.id = tm.user_id AND u.email_verified_at IS NOT NULL
     LEFT JOIN ledger_settings s ON s.user_id = tm.user_id
     WHERE tm.role IN ('owner', 'manager') AND tm.weekly_summary = 1`,
    [],
  );
  const factsOf = new Map<string, Promise<SummaryFacts>>();
  let queued = 0;
  for (const r of recipients) {
    if (!receivesWeeklySummary({ role: r.role, weeklySummary: r.weeklySummary === 1 })) continue;
    const timeZone = canonicalTimeZone(r.timeZone ?? '') ?? DEFAULT_TIME_ZONE;
    const week = summaryWeekDue(now, timeZone);
    // Already sent this week: skip before reading anything else (the claim below still decides).
    if (week === null || r.lastWeek === week) continue;
    // Joined after this week's summary fell due: their first one comes next Monday, not the day they join.
    if (summaryWeekDue(new Date(r.joinedAt), timeZone) === week) continue;
    let facts = factsOf.get(r.teamId);
    if (!facts) {
      facts = summaryFacts(db, r.teamId, now);
      factsOf.set(r.teamId, facts);
    }
    const team = await facts;
    const sent = await write(db, async (tx) => {
      // The week is claimed even for a team without reps yet: nothing to say, and nothing until next week.
      const claimed = await tx
        .insert(teamWeeklySummaries)
        .values({ userId: r.userId, week, createdAt: now })
        .onConflictDoNothing()
        .returning({ userId: teamWeeklySummaries.userId });
      if (claimed.length === 0 || team.reps === 0) return false;
      const message = summaryMessage(r.email, r.displayName, team, {
        now,
        reportsUrl: new URL(`/teams/${r.teamId}/reports`, options.siteUrl).href,
        settingsUrl: new URL(`/teams/${r.teamId}#summary-title`, options.siteUrl).href,
      });
      return (await enqueueEmail(tx, message, now)) !== null;
    });
    if (sent) queued += 1;
  }
  return queued;
}
