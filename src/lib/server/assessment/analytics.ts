/** The self-assessment's item analysis for the admin: the current version, one response per person. */
import { itemAnalysis, MIN_RESULTS, type ScaleStats } from '../../assessment/item-analysis';
import type { AssessmentAnswers } from '../../assessment/scoring';
import { db } from '../platform/db';
import * as q from './queries';
import { instrument } from './service';

export interface InstrumentAnalysis {
  version: number;
  /** People with a result of this version (each counted once, by their latest). */
  people: number;
  /** Null until `people` reaches `MIN_RESULTS`. */
  scales: ScaleStats[] | null;
}

export async function instrumentAnalysis(): Promise<InstrumentAnalysis> {
  const { items, version } = await instrument();
  const responses = (await q.latestAnswersOfVersion(await db(), version)).map(
    (json) => JSON.parse(json) as AssessmentAnswers,
  );
  return {
    version,
    people: responses.length,
    scales: responses.length >= MIN_RESULTS ? itemAnalysis(items, responses) : null,
  };
}
