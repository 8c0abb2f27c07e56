/** SQL for the lesson search index (FTS5 through libsql). */
import { type Database, type Transaction, write } from '@db/client';
import { searchIndexState } from '@db/schema';
import type { Client } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import type { SearchDocument } from '../../search/documents';
import { MARK_END, MARK_START, type SearchHit } from '../../search/query';

const INDEX_NAME = 'lessons';

export async function indexedHash(db: Database | Transaction): Promise<string | null> {
  const [row] = await db
    .select({ hash: searchIndexState.contentHash })
    .from(searchIndexState)
    .where(eq(searchIndexState.name, INDEX_NAME));
  return row?.hash ?? null;
}

/** Replaces the whole index in one write transaction, so a search never sees half of it. */
export async function replaceIndex(
  db: Database,
  docs: readonly SearchDocument[],
  hash: string,
): Promise<void> {
  await write(db, async (tx) => {
    if ((await indexedHash(tx)) === hash) return;
    await tx.run(sql`DELETE FROM lesson_search`);
    for (const d of docs) {
      await tx.run(
        sql`INSERT INTO lesson_search (slug, anchor, kind, free, title, heading, body)
            VALUES (${d.slug}, ${d.anchor}, ${d.kind}, ${d.free ? 1 : 0}, ${d.title}, ${d.heading}, ${d.body})`,
      );
    }
    const state = { name: INDEX_NAME, contentHash: hash, builtAt: new Date() };
    await tx
      .insert(searchIndexState)
      .values(state)
      .onConflictDoUpdate({
        target: searchIndexState.name,
        set: { contentHash: hash, builtAt: state.builtAt },
      });
  });
}

/**
 * Hits for a MATCH expression, best first. Titles weigh most, then headings, then body text. Without
 * membership, body sections of member lessons are not searched at all, so they can never be quoted.
 */
export async function findHits(
  client: Client,
  match: string,
  options: { member: boolean; limit: number },
): Promise<SearchHit[]> {
  const result = await client.execute({
    sql: `SELECT slug, anchor, heading,
                 snippet(lesson_search, 6, ?, ?, '…', 24) AS snippet,
                 bm25(lesson_search, 0, 0, 0, 0, 10.0, 4.0, 1.0) AS score
          FROM lesson_search
          WHERE lesson_search MATCH ? AND (free = 1 OR kind = 'lesson' OR ? = 1)
          ORDER BY score
          LIMIT ?`,
    args: [MARK_START, MARK_END, match, options.member ? 1 : 0, options.limit],
  });
  return result.rows.map((r) => ({
    slug: String(r['slug']),
    anchor: (r['anchor'] as string | null) ?? null,
    heading: String(r['heading'] ?? ''),
    snippet: String(r['snippet'] ?? ''),
    score: Number(r['score']),
  }));
}
