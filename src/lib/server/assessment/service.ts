/** The trust self-assessment: the instrument and its versions, drafts saved page by page, immutable results, sharing. */

import { getCollection } from 'astro:content';
import { write } from '@db/client';
import { pagesOf } from '../../assessment/flow';
import { type AssessmentItem, CURRENT_VERSION, type Guidance, NOT_APPLICABLE } from '../../assessment/schema';
import {
  type AssessmentAnswers,
  answerProblem,
  type Profile,
  scoreAssessment,
  validAnswer,
} from '../../assessment/scoring';
import { ELEMENTS, type Element } from '../../content/elements';
import { generateToken, newId } from '../accounts/tokens';
import { codeBehindAssessment } from '../billing/service';
import { db } from '../platform/db';
import * as q from './queries';

export interface Instrument {
  version: number;
  items: AssessmentItem[];
  guidance: Guidance;
  /** The pages of the flow, in order (`pagesOf`). */
  pages: AssessmentItem[][];
}

interface Loaded {
  current: Instrument;
  /** Every version's items, for scoring the results taken with it. */
  byVersion: Map<number, AssessmentItem[]>;
}

let loaded: Promise<Loaded> | null = null;

async function load(): Promise<Loaded> {
  const sets = (await getCollection('assessmentItems')).map((entry) => entry.data);
  const [guidance] = await getCollection('assessmentGuidance');
  const current = sets.find((set) => set.version === CURRENT_VERSION);
  if (!current || !guidance)
    throw new Error('content/assessment needs items.yaml (the current version) and guidance.yaml');
  return {
    current: {
      version: current.version,
      items: current.items,
      guidance: guidance.data,
      pages: pagesOf(current),
    },
    byVersion: new Map(sets.map((set) => [set.version, set.items])),
  };
}

function loadOnce(): Promise<Loaded> {
  if (import.meta.env.DEV) return load();
  loaded ??= load();
  return loaded;
}

/** The current version of the instrument: every new result is taken with it. */
export async function instrument(): Promise<Instrument> {
  return (await loadOnce()).current;
}

const parse = (json: string | null): AssessmentAnswers =>
  json ? (JSON.parse(json) as AssessmentAnswers) : {};

/** A draft's answers to the current items; answers to a retired version's items are dropped. */
function currentAnswers(items: readonly AssessmentItem[], answers: AssessmentAnswers): AssessmentAnswers {
  const kept: AssessmentAnswers = {};
  for (const item of items) {
    const value = answers[item.id];
    if (value !== undefined && validAnswer(item, value)) kept[item.id] = value;
  }
  return kept;
}

export async function draftOf(userId: string): Promise<AssessmentAnswers> {
  const { items } = await instrument();
  return currentAnswers(items, parse(await q.readDraft(await db(), userId)));
}

/** The field name of an item on a page of the flow. */
export const itemField = (id: string): string => `item-${id}`;

export type PageSave =
  | { kind: 'saved'; answers: AssessmentAnswers; missing: string[] }
  | { kind: 'bad-request'; message: string };

/**
 * Saves the answers posted from one page (`step`, 1-based) into the learner's draft. Only that page's
 * items are accepted, each 1–5 or, where offered, `na`; unanswered items on the page are reported, and
 * what was answered is kept.
 */
export async function savePage(
  userId: string,
  step: number,
  entries: readonly [string, string][],
  now: Date,
): Promise<PageSave> {
  const { items, pages } = await instrument();
  const page = pages[step - 1];
  if (!page) return { kind: 'bad-request', message: 'There is no such page in the assessment.' };
  const posted: AssessmentAnswers = {};
  for (const [name, value] of entries) {
    if (!name.startsWith('item-')) continue;
    const id = name.slice('item-'.length);
    const item = page.find((i) => i.id === id);
    if (!item)
      return { kind: 'bad-request', message: `“${id.slice(0, 40)}” is not a statement on this page.` };
    const answer = value === NOT_APPLICABLE ? value : /^[1-5]$/.test(value) ? Number(value) : null;
    if (answer === null || !validAnswer(item, answer))
      return { kind: 'bad-request', message: 'That is not one of the answers offered.' };
    if (posted[id] !== undefined) return { kind: 'bad-request', message: 'A statement was answered twice.' };
    posted[id] = answer;
  }
  const answers = await write(await db(), async (tx) => {
    const merged = { ...currentAnswers(items, parse(await q.readDraft(tx, userId))), ...posted };
    await q.saveDraft(tx, userId, JSON.stringify(merged), now);
    return merged;
  });
  return {
    kind: 'saved',
    answers,
    missing: page.filter((i) => answers[i.id] === undefined).map((i) => i.id),
  };
}

export interface Result {
  id: string;
  createdAt: Date;
  /** The instrument version it was taken with. */
  version: number;
  profile: Profile;
  shareToken: string | null;
}

function toResult(row: q.ResultRow, byVersion: ReadonlyMap<number, AssessmentItem[]>): Result {
  const items = byVersion.get(row.version);
  if (!items) throw new Error(`No items for assessment version ${row.version}`);
  return {
    id: row.id,
    createdAt: row.createdAt,
    version: row.version,
    // Scored from the stored answers with its own version's items and this build's rules (the stored
    // scores say the same; the near-tie rule for standouts is applied to every version alike).
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
  const { items, version } = await instrument();
  return write(await db(), async (tx): Promise<SubmitResult> => {
    const existing = await q.findBySubmission(tx, userId, submissionId);
    if (existing) return { kind: 'stored', id: existing.id };
    const answers = currentAnswers(items, parse(await q.readDraft(tx, userId)));
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
      version,
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
  return row ? toResult(row, (await loadOnce()).byVersion) : null;
}

/** A member's own view of themselves, for setting beside what their customers say (the gap report). */
export interface SelfScores {
  resultId: string;
  takenAt: Date;
  /** The instrument version the scores come from. */
  version: number;
  /** Each element's self-rating, 0–100 (higher is better), as on the learner's profile. */
  scores: Record<Element, number>;
}

/**
 * A member's latest self-assessment score per element on the 0–100 scale (self-orientation, which has no
 * customer counterpart, left out), or null before their first result. Every version scores on the same
 * 0–100 scale per element, so the latest result counts whatever its version; `version` says which.
 */
export async function latestSelfScores(userId: string): Promise<SelfScores | null> {
  const latest = await latestResultOf(userId);
  if (!latest) return null;
  const scores = Object.fromEntries(ELEMENTS.map((e) => [e, latest.profile.scores[e]])) as Record<
    Element,
    number
  >;
  return { resultId: latest.id, takenAt: latest.createdAt, version: latest.version, scores };
}

/** Every result of the learner, newest first. */
export async function historyOf(userId: string): Promise<Result[]> {
  const { byVersion } = await loadOnce();
  return (await q.resultsOf(await db(), userId)).map((r) => toResult(r, byVersion));
}

export interface ResultView {
  result: Result;
  /** The latest earlier result of the same version: what this one is compared with. */
  previous: Result | null;
  /** The result just before this one when it was taken with another version (so it is not compared). */
  otherVersionBefore: Result | null;
  /** Every result of this one's version, newest first (the trend). */
  history: Result[];
}

/** One of the learner's own results, with what it can be compared with; null for anyone else's. */
export async function resultOf(userId: string, resultId: string): Promise<ResultView | null> {
  if (!/^[a-z2-7]{26}$/.test(resultId)) return null;
  const all = await historyOf(userId);
  const at = all.findIndex((r) => r.id === resultId);
  const result = all[at];
  if (!result) return null;
  const earlier = all.slice(at + 1);
  const justBefore = earlier[0] ?? null;
  return {
    result,
    previous: earlier.find((r) => r.version === result.version) ?? null,
    otherVersionBefore: justBefore && justBefore.version !== result.version ? justBefore : null,
    history: all.filter((r) => r.version === result.version),
  };
}

/** Turns the private share link of one's own result on (a new random token) or off. */
export async function setSharing(userId: string, resultId: string, on: boolean): Promise<boolean> {
  return write(await db(), (tx) => q.setShareToken(tx, userId, resultId, on ? generateToken() : null));
}

/** A shared profile (scores only, never the answers); null when the link is off or unknown. */
export async function sharedProfile(token: string): Promise<(Result & { ownerName: string }) | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const found = await q.findShared(await db(), token);
  return found ? { ...toResult(found.row, (await loadOnce()).byVersion), ownerName: found.ownerName } : null;
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
      version: r.version,
      answers: JSON.parse(r.answers),
      scores: JSON.parse(r.scores),
      trustIndex: r.trustIndex,
      shared: r.shareToken !== null,
    })),
  };
}
