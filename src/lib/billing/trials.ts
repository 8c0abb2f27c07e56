/**
 * What counts as having had a membership trial: the one definition (DESIGN.md, "Codes": one trial per
 * person, ever). Pure. Billing asks it of everything recorded for one mailbox (a trial is once per
 * person, whichever of their addresses they use); the admin's figures ask it of one account.
 */

/** A record that may show a trial. */
export type TrialEvidence =
  /** A membership grant: from a trial code or the local trial (`source: 'trial'`), or any other. */
  | { kind: 'grant'; source: string; startsAt: Date }
  /**
   * A Stripe subscription: began with a trial when `trialStart` is set. One this site refused (a second
   * trial, a second membership) gave no trial, whatever Stripe started.
   */
  | { kind: 'subscription'; id: string; trialStart: Date | null; refused: boolean };

/** When the first trial in `evidence` began, or null when there was none. `except`: a subscription id left out (the one being judged). */
export function firstTrialAt(evidence: readonly TrialEvidence[], except: string | null = null): Date | null {
  let first: Date | null = null;
  for (const e of evidence) {
    const began =
      e.kind === 'grant'
        ? e.source === 'trial'
          ? e.startsAt
          : null
        : e.id !== except && !e.refused
          ? e.trialStart
          : null;
    if (began !== null && (first === null || began.getTime() < first.getTime())) first = began;
  }
  return first;
}

/** Whether `evidence` shows a trial (see `firstTrialAt`). */
export function hadTrial(evidence: readonly TrialEvidence[], except: string | null = null): boolean {
  return firstTrialAt(evidence, except) !== null;
}
