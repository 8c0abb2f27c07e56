/** Whether a subscription has ever been paid for: the one definition the admin's counts use. Pure. */

export interface SubscriptionState {
  status: string;
  trialEnd: Date | null;
  endedAt: Date | null;
}

/**
 * Paying means the subscription has been `active`. Only its last state is stored, so this is derived:
 * `active`, `past_due` and `unpaid` come after a paid period (or a trial that turned into one); a
 * `canceled` one counts when it ended after its trial (or had none). A trial canceled before it ended,
 * `trialing`, and `incomplete*` never paid.
 */
export function hasPaid(s: SubscriptionState): boolean {
  if (s.status === 'active' || s.status === 'past_due' || s.status === 'unpaid') return true;
  if (s.status !== 'canceled') return false;
  if (s.trialEnd === null) return true;
  return s.endedAt !== null && s.endedAt.getTime() > s.trialEnd.getTime();
}
