/** Conversation runs, inserted straight into a database. The caller says when: no factory reads the clock. */
import { type Database, write } from '@db/client';
import { conversationRuns } from '@db/schema';
import { conversationSchema } from '../../src/lib/conversations/schema';
import { newId } from '../../src/lib/server/accounts/tokens';
import { readConversationFiles } from '../support/conversations';

/** A finished run of `slug` scoring `score` (the choices are not replayed by progress, only the score). */
export async function finishedRun(
  db: Database,
  userId: string,
  slug: string,
  { score, at }: { score: number; at: Date },
): Promise<string> {
  const id = newId();
  await write(db, (tx) =>
    tx.insert(conversationRuns).values({
      id,
      userId,
      conversationSlug: slug,
      submissionId: newId(),
      choices: '[]',
      steps: 6,
      trust: 80,
      position: 'factory-ending',
      score,
      startedAt: at,
      updatedAt: at,
      finishedAt: at,
    }),
  );
  return id;
}

/** A passed run of the first conversation of every module: the practice requirement met everywhere. */
export async function passEveryModulesPractice(db: Database, userId: string, at: Date): Promise<void> {
  const firsts = new Map<string, string>();
  for (const file of readConversationFiles().sort((a, b) => a.slug.localeCompare(b.slug))) {
    const c = conversationSchema.parse(file.data);
    if (!firsts.has(c.module)) firsts.set(c.module, file.slug);
  }
  for (const slug of firsts.values()) await finishedRun(db, userId, slug, { score: 100, at });
}
