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

export async function createUser(db: Database, now: Date, overrides: UserOverrides = {}) {
  counter += 1;
  const row = {
    id: newId(),
    email: overrides.email ?? `learner${counter}-${newId().slice(0, 6)}@example.com`,
    displayName: overrides.displayName ?? `Learner ${counter}`,
    passwordHash: await hashPassword(overrides.password ?? 'a long enough passphrase'),
    role: overrides.role ?? 'learner',
    emailVerifiedAt: overrides.verified ? now : null,
    createdAt: now,
    updatedAt: now,
  } as const;
  await write(db, (tx) => tx.insert(users).values(row));
  return row;
}
