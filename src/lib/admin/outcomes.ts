/**
 * What became of the people who used a code: redeemed → took the assessment → started a trial → paid,
 * and how their trust index moved when they took the assessment again. Pure; facts in, counts out.
 */
import { mean } from './funnel';
import { hasPaid, type SubscriptionState } from './paying';

/** Someone joined a code's group by redeeming it, or by subscribing with it (a discount at checkout). */
export interface CodeUse {
  code: string;
  userId: string;
  at: Date;
}

export interface PersonFacts {
  /** Their assessment results, oldest first. */
  results: { createdAt: Date; trustIndex: number; version?: number }[];
  /** When their first trial began (a trial grant, or a subscription's trial), if ever. */
  trialAt: Date | null;
  subscriptions: (SubscriptionState & { createdAt: Date })[];
}

export interface CodeOutcome {
  code: string;
  /** People who used it (each once). */
  used: number;
  /** …and took the assessment afterwards. */
  assessed: number;
  /** …and started a membership trial at or after using it. */
  trials: number;
  /** …and have a subscription, begun at or after using it, that has been paid (see `hasPaid`). */
  paying: number;
  /** …and took the assessment at least twice afterwards. */
  retook: number;
  /** Mean change of the trust index from their first result to their latest, among those who retook. */
  indexChange: number | null;
}

/** A minute of slack: a code redeemed at checkout and the subscription it made are stored moments apart. */
const SLACK_MS = 60_000;

export function codeOutcomes(
  codes: readonly string[],
  uses: readonly CodeUse[],
  facts: (userId: string) => PersonFacts | undefined,
): CodeOutcome[] {
  const firstUse = new Map<string, Map<string, Date>>();
  for (const use of uses) {
    const people = firstUse.get(use.code) ?? new Map<string, Date>();
    const seen = people.get(use.userId);
    if (!seen || use.at < seen) people.set(use.userId, use.at);
    firstUse.set(use.code, people);
  }
  return codes.map((code) => {
    const outcome: CodeOutcome = {
      code,
      used: 0,
      assessed: 0,
      trials: 0,
      paying: 0,
      retook: 0,
      indexChange: null,
    };
    const changes: number[] = [];
    for (const [userId, at] of firstUse.get(code) ?? []) {
      outcome.used += 1;
      const person = facts(userId);
      if (!person) continue;
      const since = at.getTime() - SLACK_MS;
      const results = person.results.filter((r) => r.createdAt.getTime() >= since);
      if (results.length > 0) outcome.assessed += 1;
      if (person.trialAt && person.trialAt.getTime() >= since) outcome.trials += 1;
      if (person.subscriptions.some((s) => s.createdAt.getTime() >= since && hasPaid(s))) outcome.paying += 1;
      // A change on retake compares results of one assessment version only (decision 020): the latest, and
      // the first since the code of the same version.
      const last = results[results.length - 1];
      const first = results.find((r) => r.version === last?.version);
      if (first && last && first !== last) {
        outcome.retook += 1;
        changes.push(last.trustIndex - first.trustIndex);
      }
    }
    outcome.indexChange = mean(changes);
    return outcome;
  });
}
