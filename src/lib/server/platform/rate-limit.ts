/** Rate limits as token buckets stored in the database, so every app process draws on the same buckets. */
import { type Database, write } from '@db/client';
import { rateLimitBuckets } from '@db/schema';
import { eq } from 'drizzle-orm';
import { type BucketRule, type TakeResult, take } from '../../platform/token-bucket';

/** Takes one token from `key` atomically: concurrent requests queue as writers, none spends a token twice. */
export async function consume(db: Database, key: string, rule: BucketRule, now: Date): Promise<TakeResult> {
  return write(db, async (tx) => {
    const [row] = await tx.select().from(rateLimitBuckets).where(eq(rateLimitBuckets.key, key)).limit(1);
    const result = take(
      rule,
      row ? { tokens: row.tokens, updatedAt: row.updatedAt.getTime() } : null,
      now.getTime(),
    );
    const values = { key, tokens: result.state.tokens, updatedAt: new Date(result.state.updatedAt) };
    await tx
      .insert(rateLimitBuckets)
      .values(values)
      .onConflictDoUpdate({
        target: rateLimitBuckets.key,
        set: { tokens: values.tokens, updatedAt: values.updatedAt },
      });
    return result;
  });
}
