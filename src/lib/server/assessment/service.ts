/** The trust self-assessment: the instrument, drafts saved page by page, immutable results, sharing. */

import { getCollection } from 'astro:content';
import { write } from '@db/client';
import { type AssessmentItem, type Guidance, SCALES, type Scale } from '../../assessment/schema';
import {
  type AssessmentAnswers,
  answerProblem,
  type Profile,
  scoreAssessment,
} from '../../assessment/scoring';
import { generateToken, newId } from '../accounts/tokens';
import { codeBehindAssessment } from '../billing/service';
import { db } from '../platform/db';
import * as q from './queries';

export interface Instrument {
  items: AssessmentItem[];
  guidance: Guidance;
  /** The pages of the flow, in order: one per scale. */
  pages: { scale: Scale; items: AssessmentItem[] }[];
}

let loaded: Promise<Instrument> | null = null;

async function load(): Promise<Instrument> {
  const [items] = await getCollection('assessmentItems');
  const [guidance] = await getCollection('assessmentGuidance');
  if (!items || !guidance) throw new Error('content/assessment needs items.yaml and guidance.yaml');
  return {
    items: items.data.items,
    guidance: guidance.data,
    pages: SCALES.map((scale) => ({ scale, items: items.data.items.filter((i) => i.scale === scale) })),
  };
}

export function instrument(): Promise<Instrument> {
  if (import.meta.env.DEV) return load();
  loaded ??= load();
  return loaded;
}

const parse = (json: string | null): AssessmentAnswers =>
  json ? (JSON.parse(json) as AssessmentAnswers) : {};

export async function draftOf(userId: string): Promise<AssessmentAnswers> {
  return parse(await q.readDraft(await db(), userId));
}

/** The field name of an item on a page of the flow. */
export const itemField = (id: string): string => `item-${id}`;

export type PageSave =
  | { kind: 'saved'; answers: AssessmentAnswers; missing: string[] }
  | { kind: 'bad-request'; message: string };

/**
 * Saves the answers posted from one page (one scale) into the learner's draft. Only that page's items
 * are accepted, each 1–5; unanswered items on the page are reported, and what was answered is kept.
 */
export async function savePage(
  userId: string,
  scale: Scale,
  entries: readonly [string, string][],
  now: Date,
): Promise<PageSave> {
  const { pages } = await instrument();
  const page = pages.find((p) => p.scale === scale);
  if (!page) return { kind: 'bad-request', message: 'There is no such page in the assessment.' };
  const posted: AssessmentAnswers = {};
  for (const [name, value] of entries) {
    if (!name.startsWith('item-')) continue;
    const id = name.slice('item-'.length);
    if (!page.items.some((i) => i.id === id)) {
      return { kind: 'bad-request', message: `“${id.slice(0, 40)}” is not a statement on this page.` };
    }
    if (!/^[1-5]$/.test(value)) return { kind: 'bad-request', message: 'Answers go from 1 to 5.' };
    if (posted[id] !== undefined) return { kind: 'bad-request', message: 'A statement was answered twice.' };
    posted[id] = Number(value);
  }
  const answers = await write(await db(), async (tx) => {
    const merged = { ...parse(await q.readDraft(tx, userId)), ...posted };
    await q.saveDraft(tx, userId, JSON.stringify(merged), now);
    return merged;
  });
  return {
    kind: 'saved',
    answers,
    missing: page.items.filter((i) => answers[i.id] === undefined).map((i) => i.id),
  };
}

export interface Result {
  id: string;
  createdAt: Date;
  profile: Profile;
  shareToken: string | null;
}

function toResult(row: q.ResultRow, items: readonly AssessmentItem[]): Result {
  return {
    id: row.id,
    createdAt: row.createdAt,
    // Scored from the stored answers with the rules of this build (the stored scores say the same).
    profile: scoreAssessment(items, JSON.parse(row.answers) as AssessmentAnswers),
    shareToken: row.shareToken,
  };
}

export type SubmitResult =
  | { kind: 'stored'; id: string }
  | { kind: 'incomplete'; missing: string[] }
  | { kind: 'bad-request'; message: string };

/**
 * Scores the learner's draft and stores it as a new, immutable result, deleting the draft, in one
 * transaction. The same submission id again returns the result already stored.
 */
export async function submit(userId: string, submissionId: string, now: Date): Promise<SubmitResult> {
  const { items } = await instrument();
  return write(await db(), async (tx): Promise<SubmitResult> => {
    const existing = await q.findBySubmission(tx, userId, submissionId);
    if (existing) return { kind: 'stored', id: existing.id };
    const answers = parse(await q.readDraft(tx, userId));
    const problem = answerProblem(items, answers);
    if (problem?.kind === 'missing') return { kind: 'incomplete', missing: problem.ids };
    if (problem)
      return { kind: 'bad-request', message: 'Some saved answers are not valid; answer those pages again.' };
    const profile = scoreAssessment(items, answers);
    const id = newId();
    await q.insertResult(tx, {
      id,
      userId,
      submissionId,
      answers: JSON.stringify(answers),
      scores: JSON.stringify(profile.scores),
      trustIndex: profile.index,
      shareToken: null,
      createdAt: now,
      // For the code's outcomes (the admin's code page): which code opened the assessment, if one did.
      code: await codeBehindAssessment(tx, userId, now),
    });
    await q.deleteDraft(tx, userId);
    return { kind: 'stored', id };
  });
}

/** The learner's latest result, if any: the dashboard links to its learning path. */
export async function latestResultOf(userId: string): Promise<Result | null> {
  const [row] = await q.resultsOf(await db(), userId, 1);
  return row ? toResult(row, (await instrument()).items) : null;
}

/** Every result of the learner, newest first. */
export async function historyOf(userId: string): Promise<Result[]> {
  const { items } = await instrument();
  return (await q.resultsOf(await db(), userId)).map((r) => toResult(r, items));
}

/** One of the learner's own results, with the one before it; null for anyone else's. */
export async function resultOf(
  userId: string,
  resultId: string,
): Promise<{ result: Result; previous: Result | null; history: Result[] } | null> {
  if (!/^[a-z2-7]{26}$/.test(resultId)) return null;
  const history = await historyOf(userId);
  const at = history.findIndex((r) => r.id === resultId);
  const result = history[at];
  if (!result) return null;
  return { result, previous: history[at + 1] ?? null, history };
}

/** Turns the private share link of one's own result on (a new random token) or off. */
export async function setSharing(userId: string, resultId: string, on: boolean): Promise<boolean> {
  return write(await db(), (tx) => q.setShareToken(tx, userId, resultId, on ? generateToken() : null));
}

/** A shared profile (scores only, never the answers); null when the link is off or unknown. */
export async function sharedProfile(token: string): Promise<(Result & { ownerName: string }) | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const found = await q.findShared(await db(), token);
  return found ? { ...toResult(found.row, (await instrument()).items), ownerName: found.ownerName } : null;
}

/** Everything the assessment stores about a person, for "download my data". */
export async function assessmentData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const [draft, results] = await Promise.all([q.readDraft(database, userId), q.resultsOf(database, userId)]);
  return {
    draftAnswers: parse(draft),
    results: results.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      answers: JSON.parse(r.answers),
      scores: JSON.parse(r.scores),
      trustIndex: r.trustIndex,
      shared: r.shareToken !== null,
    })),
  };
}
