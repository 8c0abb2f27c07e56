/** SQL for the lesson search index (FTS5 through libsql). */
import type { Client, Transaction } from '@libsql/client';
import type { SearchDocument } from '../../search/documents';
import { MARK_END, MARK_START, type SearchHit } from '../../search/query';

const INDEX_NAME = 'lessons';

export async function indexedHash(client: Client | Transaction): Promise<string | null> {
  const result = await client.execute({
    sql: 'SELECT content_hash FROM search_index_state WHERE name = ?',
    args: [INDEX_NAME],
  });
  return (result.rows[0]?.['content_hash'] as string | undefined) ?? null;
}

/** Replaces the whole index in one transaction, so a search never sees half of it. */
export async function replaceIndex(
  client: Client,
  docs: readonly SearchDocument[],
  hash: string,
): Promise<void> {
  const tx = await client.transaction('write');
  try {
    if ((await indexedHash(tx)) !== hash) {
      await tx.execute('DELETE FROM lesson_search');
      for (const d of docs) {
        await tx.execute({
          sql: 'INSERT INTO lesson_search (slug, anchor, kind, free, title, heading, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
          args: [d.slug, d.anchor, d.kind, d.free ? 1 : 0, d.title, d.heading, d.body],
        });
      }
      await tx.execute({
        sql: `INSERT INTO search_index_state (name, content_hash, built_at) VALUES (?, ?, ?)
              ON CONFLICT(name) DO UPDATE SET content_hash = excluded.content_hash, built_at = excluded.built_at`,
        args: [INDEX_NAME, hash, Date.now()],
      });
    }
    await tx.commit();
  } finally {
    tx.close();
  }
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
