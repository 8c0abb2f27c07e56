/** Password hashing with argon2id at the parameters QUALITY.md requires (m = 19 MiB, t = 2, p = 1). */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/**
 * Hashes at once: one per core, at most four. Each holds 19 MiB while it runs, and a hash is pure CPU,
 * so more at once only adds memory (a burst of logins took the server from 180 to 256 MB resident with
 * the thread pool's four) while each waits longer for a core (decision 018).
 */
export const HASHES_AT_ONCE = Math.min(4, Math.max(1, availableParallelism()));
const hashing = pLimit(HASHES_AT_ONCE);

/** Hashes running and waiting now (for tests and metrics). */
export function hashesInFlight(): { running: number; waiting: number } {
  return { running: hashing.activeCount, waiting: hashing.pendingCount };
}

export function hashPassword(password: string): Promise<string> {
  return hashing(() => hash(password.normalize('NFC'), OPTIONS));
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await hashing(() => verify(hashed, password.normalize('NFC')));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the same hashing time as a real check and always fails: used when the email is unknown, so the
 * response time does not reveal whether an account exists.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('not a password anyone has: 6c8f0d');
  await verifyPassword(await dummy, password);
  return false;
}
