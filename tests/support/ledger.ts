/** Helpers for the promise ledger's integration tests. */
import { randomBytes } from 'node:crypto';

/** A fresh submission id field, as each ledger create form carries one. */
export function sub(): [string, string] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return ['submission', Array.from(randomBytes(26), (b) => alphabet[b % 32]).join('')];
}
