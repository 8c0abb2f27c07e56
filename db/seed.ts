/** Data every installation starts with: the default codes (DESIGN.md). Safe to run on every start. */

import { DEFAULT_CODES } from '../src/lib/billing/codes';
import { codes } from './schema';
import type { Database } from './types';
import { write } from './writes';

export async function seedDefaults(db: Database, now: Date): Promise<void> {
  await write(db, async (tx) => {
    for (const code of DEFAULT_CODES) {
      await tx
        .insert(codes)
        .values({ ...code, createdAt: now })
        .onConflictDoNothing();
    }
  });
}
