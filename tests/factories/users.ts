/** Test users, inserted straight into a test database, created at the time the caller gives. */
import { type Database, write } from '@db/client';
import { users } from '@db/schema';
import { hashPassword } from '../../src/lib/server/accounts/passwords';
import { newId } from '../../src/lib/server/accounts/tokens';

export interface UserOverrides {
  email?: string;
  displayName?: string;
  password?: string;
  role?: 'learner' | 'admin';
  verified?: boolean;
}

let counter = 0;

const DEFAULT_PASSWORD = 'a long enough passphrase';
// argon2id is slow on purpose, and a suite inserts hundreds of people with the default password: it is
// hashed once per test process and the hash shared. Test users sharing a salt changes nothing a test can
// observe; logging in still verifies against the hash, and sign-up through the app hashes for itself.
let defaultHash: Promise<string> | undefined;
function passwordHashFor(password: string | undefined): Promise<string> {
  if (password !== undefined && password !== DEFAULT_PASSWORD) return hashPassword(password);
  defaultHash ??= hashPassword(DEFAULT_PASSWORD);
  return defaultHash;
}

export async function createUser(db: Database, now: Date, overrides: UserOverrides = {}) {
  counter += 1;
  const row = {
    id: newId(),
    email: overrides.email ?? `learner${counter}-${newId().slice(0, 6)}@example.com`,
    displayName: overrides.displayName ?? `Learner ${counter}`,
    passwordHash: await passwordHashFor(overrides.password),
    role: overrides.role ?? 'learner',
    emailVerifiedAt: overrides.verified ? now : null,
    createdAt: now,
    updatedAt: now,
  } as const;
  await write(db, (tx) => tx.insert(users).values(row));
  return row;
}
