/** Token-bucket arithmetic for rate limits: pure, so the stored state can live anywhere (here, the database). */

export interface BucketRule {
  /** Most tokens a bucket holds: the burst allowed after a quiet period. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export type TakeResult =
  | { allowed: true; state: BucketState }
  | { allowed: false; state: BucketState; retryAfterSeconds: number };

/** Refills for the time passed, then takes one token if there is one. A missing bucket is full. */
export function take(rule: BucketRule, state: BucketState | null, now: number, cost = 1): TakeResult {
  const elapsed = state ? Math.max(0, now - state.updatedAt) / 1000 : 0;
  const available = state
    ? Math.min(rule.capacity, state.tokens + elapsed * rule.refillPerSecond)
    : rule.capacity;
  if (available >= cost) return { allowed: true, state: { tokens: available - cost, updatedAt: now } };
  const retryAfterSeconds = Math.max(1, Math.ceil((cost - available) / rule.refillPerSecond));
  return { allowed: false, state: { tokens: available, updatedAt: now }, retryAfterSeconds };
}
