/** Grants of a product, inserted straight into a database. The caller says when: no factory reads the clock. */
import { type Database, write } from '@db/client';
import { grants } from '@db/schema';
import { newId } from '../../src/lib/server/accounts/tokens';

/**
 * An admin grant of membership from `from` (recorded as made then) until `until` (open-ended by default).
 * Tests against a running server pass the server's clock (`new Date()`); tests of a service pass the same
 * fixed time they give the service.
 */
export async function grantMembership(
  db: Database,
  userId: string,
  { from, until = null }: { from: Date; until?: Date | null },
): Promise<void> {
  await write(db, (tx) =>
    tx.insert(grants).values({
      id: newId(),
      userId,
      product: 'membership',
      source: 'admin',
      startsAt: from,
      endsAt: until,
      createdAt: from,
    }),
  );
}
