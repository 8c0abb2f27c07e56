/** Password hashing with argon2id at the parameters QUALITY.md requires (m = 19 MiB, t = 2, p = 1). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize('NFC'));
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
