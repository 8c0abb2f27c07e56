/**
 * The gap report: the member's latest self-assessment against their customers' ratings, round by round.
 * Only closed rounds that reached the anonymity threshold show anything (src/lib/survey/rounds.ts).
 */
import { randomInt } from 'node:crypto';
import { type Database, write } from '@db/client';
import { ELEMENTS, type Element } from '../../content/elements';
import { type RoundStatus, roundStatus } from '../../survey/rounds';
import {
  type Aggregate,
  aggregate,
  focusOrder,
  type GapRow,
  gapRows,
  MIN_RESPONSES,
  type SurveyResponse,
  shuffled,
  type Trend,
  trendOf,
} from '../../survey/scoring';
import { generateToken } from '../accounts/tokens';
import { resultsOf } from '../assessment/queries';
import * as q from './queries';

export type InvitationStatus = 'answered' | 'waiting' | 'expired' | 'closed';

export interface InvitationView {
  recipient: string;
  delivery: 'email' | 'link';
  status: InvitationStatus;
  sameDomain: boolean;
  expiresAt: Date;
}

export interface RoundView {
  id: string;
  number: number;
  createdAt: Date;
  status: RoundStatus;
  invitations: InvitationView[];
  answered: number;
  /** Null while the round is open: nothing is shown until it closes. */
  results: Aggregate | null;
}

export interface SelfRating {
  scores: Record<Element, number>;
  takenAt: Date;
}

export interface ElementTrend {
  element: Element;
  /** Per round with results, oldest first. */
  points: { round: number; score: number | null }[];
  /** The move between the last two rounds that rated this element. */
  latest: { change: number; trend: Trend } | null;
}

export interface Report {
  self: SelfRating | null;
  rounds: RoundView[];
  /** Every closed round that reached the threshold, pooled. */
  customers: Aggregate;
  rows: GapRow[];
  comments: string[];
  focus: Element[];
  trends: ElementTrend[];
}

/** The member's latest self-assessment, per element on 0–100, as stored with the result. */
export async function selfRating(database: Database, userId: string): Promise<SelfRating | null> {
  const [latest] = await resultsOf(database, userId, 1);
  if (!latest) return null;
  const stored = JSON.parse(latest.scores) as Partial<Record<string, number>>;
  const scores = {} as Record<Element, number>;
  for (const element of ELEMENTS) {
    const value = stored[element];
    if (typeof value !== 'number') return null;
    scores[element] = value;
  }
  return { scores, takenAt: latest.createdAt };
}

const parse = (row: q.ResponseRow): SurveyResponse & { comment: string | null } => ({
  overall: row.overall,
  answers: JSON.parse(row.answers) as Record<string, number>,
  comment: row.comment,
});

/** Random order from a cryptographic source: the order of comments must say nothing. */
const secureRandom = (): number => randomInt(0, 2 ** 32) / 2 ** 32;

export async function reportOf(
  database: Database,
  userId: string,
  now: Date,
  random: () => number = secureRandom,
): Promise<Report> {
  const [self, roundRows, invitations, responseRows] = await Promise.all([
    selfRating(database, userId),
    q.roundsOf(database, userId),
    q.invitationsOf(database, userId),
    q.responsesOf(database, userId),
  ]);
  const pooled: (SurveyResponse & { comment: string | null })[] = [];
  const rounds = roundRows.map((round): RoundView => {
    const mine = invitations.filter((i) => i.roundId === round.id);
    const status = roundStatus(round.closedAt, mine, now, MIN_RESPONSES);
    const responses = responseRows.filter((r) => r.roundId === round.id).map(parse);
    const results = status.open ? null : aggregate(responses);
    if (results?.visible) pooled.push(...responses);
    return {
      id: round.id,
      number: round.number,
      createdAt: round.createdAt,
      status,
      answered: mine.filter((i) => i.used).length,
      results,
      invitations: mine.map((i) => ({
        recipient: i.recipient,
        delivery: i.delivery,
        status: i.used
          ? 'answered'
          : !status.open
            ? 'closed'
            : i.expiresAt.getTime() <= now.getTime()
              ? 'expired'
              : 'waiting',
        sameDomain: i.flag === 'same-domain',
        expiresAt: i.expiresAt,
      })),
    };
  });
  const customers = aggregate(pooled);
  const rows = gapRows(self?.scores ?? null, customers);
  const shown = rounds.filter((r) => r.results?.visible);
  const trends = ELEMENTS.map((element): ElementTrend => {
    const points = shown.map((r) => ({ round: r.number, score: r.results?.elements[element].score ?? null }));
    const rated = points.filter((p): p is { round: number; score: number } => p.score !== null);
    const [before, last] = rated.slice(-2);
    return { element, points, latest: before && last ? trendOf(before.score, last.score) : null };
  });
  return {
    self,
    rounds,
    customers,
    rows,
    comments: shuffled(
      pooled.map((r) => r.comment).filter((c): c is string => c !== null),
      random,
    ),
    focus: focusOrder(rows),
    trends,
  };
}

export async function shareTokenOf(database: Database, userId: string): Promise<string | null> {
  return q.shareTokenOf(database, userId);
}

/** Turns the private share link of the gap report on (a new random token) or off. */
export async function setSharing(database: Database, userId: string, on: boolean, now: Date): Promise<void> {
  await write(database, (tx) => q.setShare(tx, userId, on ? generateToken() : null, now));
}

/** The report behind a share link, with its owner's name; null when the link is off or unknown. */
export async function sharedReport(
  database: Database,
  token: string,
  now: Date,
): Promise<{ name: string; report: Report } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const owner = await q.sharedOwner(database, token);
  if (!owner) return null;
  return { name: owner.name, report: await reportOf(database, owner.userId, now) };
}

/**
 * What the survey stores about a member, for "download my data": their rounds and invitations, and their
 * customers' answers only as the report shows them (aggregates of closed rounds, comments) — a download
 * must not undo the anonymity the report keeps.
 */
export async function surveyData(
  database: Database,
  userId: string,
  now: Date,
): Promise<Record<string, unknown>> {
  const report = await reportOf(database, userId, now);
  return {
    rounds: report.rounds.map((r) => ({
      number: r.number,
      startedAt: r.createdAt,
      status: r.status,
      invitations: r.invitations,
      results: r.results?.visible ? r.results : null,
    })),
    comments: report.comments,
    shared: (await q.shareTokenOf(database, userId)) !== null,
  };
}

export interface SurveySummary {
  rounds: number;
  responses: number;
  /** The latest round still takes answers. */
  open: boolean;
}

/** Where a member stands with the survey, for the dashboard's card: one read. */
export async function surveySummaryOf(database: Database, userId: string): Promise<SurveySummary> {
  return q.surveyCounts(database, userId);
}
