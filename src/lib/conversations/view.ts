/** Words for what the practice pages show. Pure. */

import { formatSigned } from '../platform/signed';
import { PASS_SCORE } from './engine';
import type { DealOutcome, DealStage } from './schema';

export const DEAL_LABELS: Record<DealOutcome, string> = {
  won: 'Deal won',
  kept: 'Account kept',
  delayed: 'Deal delayed',
  lost: 'Deal lost',
};

export const STAGE_LABELS: Record<DealStage, string> = {
  prospecting: 'Prospecting',
  discovery: 'Discovery',
  demo: 'Demo',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  close: 'Close',
  onboarding: 'Onboarding',
  renewal: 'Renewal',
  escalation: 'Escalation',
};

/** "+8", "−5" or "no change", for the meter's last move. */
export function trustChange(
  before: number,
  after: number,
): { text: string; direction: 'up' | 'down' | 'none' } {
  const delta = after - before;
  if (delta > 0) return { text: formatSigned(delta), direction: 'up' };
  if (delta < 0) return { text: formatSigned(delta), direction: 'down' };
  return { text: 'no change', direction: 'none' };
}

/** How practice counts (decision 022), in the words the pages use. */
export const PRACTICE_RULE = `A module is complete when every lesson in it is complete and you have passed one of its conversations: a finished run scoring ${PASS_SCORE} or more. Your best run counts; replays never lower it.`;

/** A conversation's status for one learner, for the index and the dashboard. */
export function practiceStatus(summary: { best: number | null; openRunId: string | null } | undefined): {
  text: string;
  passed: boolean;
} {
  if (!summary || (summary.best === null && summary.openRunId === null))
    return { text: 'Not started', passed: false };
  if (summary.best === null) return { text: 'In progress', passed: false };
  const passed = summary.best >= PASS_SCORE;
  return { text: `Best score ${summary.best}${passed ? ' · passed' : ` · ${PASS_SCORE} passes`}`, passed };
}

/**
 * The debrief's one plain sentence on what the score and the final trust are, so the two numbers are not
 * read as one: the score counts up from the worst path's trust to the best path's, the trust is the customer's.
 */
export function scoreSentence(d: {
  score: number;
  finalTrust: number;
  bestTrust: number;
  worstTrust: number;
}): string {
  const range =
    d.worstTrust > 0
      ? ` (the worst replies leave ${d.worstTrust}, the best ${d.bestTrust})`
      : ` (the best replies reach ${d.bestTrust})`;
  return `Score ${d.score} of 100: how close your replies came to the best ones${range}. The customer’s trust ended at ${d.finalTrust} of 100.`;
}

/** Reading a turn and choosing a reply takes about 40 seconds; the debrief about two minutes. */
const SECONDS_PER_TURN = 40;
const DEBRIEF_SECONDS = 120;

/** How long a conversation takes along its best path, in words: "about 5 minutes". */
export function timeEstimate(turns: number): string {
  const minutes = Math.max(1, Math.round((turns * SECONDS_PER_TURN + DEBRIEF_SECONDS) / 60));
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}
