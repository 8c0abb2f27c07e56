/** Grants of a product, inserted straight into a database (the billing issue adds the real sources). */
import { type Database, write } from '@db/client';
import { grants } from '@db/schema';
import { newId } from '../../src/lib/server/accounts/tokens';

export async function grantMembership(
  db: Database,
  userId: string,
  endsAt: Date | null = null,
): Promise<void> {
  const now = new Date();
  await write(db, (tx) =>
    tx.insert(grants).values({
      id: newId(),
      userId,
      product: 'membership',
      source: 'admin',
      startsAt: new Date(now.getTime() - 1000),
      endsAt,
      createdAt: now,
    }),
  );
}
