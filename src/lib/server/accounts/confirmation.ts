/** Whether a confirmation link is one whose address is already confirmed: a reopened link says so, not "expired". */
import { emailTokens, users } from '@db/schema';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db } from '../platform/db';
import { hashToken } from './tokens';

/**
 * True when `token` is a confirmation link (used or not, expired or not) for the address its account has
 * now, and that address is confirmed. Reveals nothing to anyone without the emailed token.
 */
export async function linkAlreadyConfirmed(token: string): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(token)) return false;
  const [row] = await (await db())
    .select({ linkEmail: emailTokens.email, email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(and(eq(emailTokens.id, hashToken(token)), eq(emailTokens.purpose, 'verify-email')));
  if (!row || row.verifiedAt === null) return false;
  return row.linkEmail === null || row.linkEmail === row.email;
}

/**
 * The account a confirmation link would confirm now (unused, unexpired, still its address), or null. The
 * confirmation page names the address before the press, so nobody confirms (and signs in to) an account
 * that isn't theirs without seeing whose it is.
 */
export async function linkAccount(
  token: string,
  now: Date,
): Promise<{ userId: string; email: string } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const [row] = await (await db())
    .select({ userId: users.id, email: users.email })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, 'verify-email'),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
        eq(emailTokens.email, users.email),
      ),
    );
  return row ?? null;
}
