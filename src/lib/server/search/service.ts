/** Lesson search: keeps the FTS index in step with the lessons, and answers queries for a given visitor. */
import { createHash } from 'node:crypto';
import type { Entitlements } from '../../billing/entitlements';
import type { LessonMeta } from '../../content/course';
import { searchDocuments } from '../../search/documents';
import { rankHits, toMatchExpression } from '../../search/query';
import { getCourse, lessonSources } from '../content/service';
import { client, db } from '../platform/db';
import { findHits, replaceIndex } from './queries';

let indexing: Promise<void> | null = null;

async function buildIndex(): Promise<void> {
  const docs = (await lessonSources()).flatMap(({ lesson, body }) => searchDocuments(lesson, body));
  const hash = createHash('sha256').update(JSON.stringify(docs)).digest('hex');
  await replaceIndex(await db(), docs, hash);
}

/** Builds the index once per process, and only rewrites it when the lessons changed since it was built. */
export function ensureSearchIndex(): Promise<void> {
  if (import.meta.env.DEV) return buildIndex();
  indexing ??= buildIndex().catch((error: unknown) => {
    indexing = null;
    throw error;
  });
  return indexing;
}

export interface SearchResult {
  lesson: LessonMeta;
  anchor: string | null;
  heading: string;
  snippetHtml: string;
  matches: number;
}

export async function searchLessons(query: string, entitlements: Entitlements): Promise<SearchResult[]> {
  const match = toMatchExpression(query);
  if (match === null) return [];
  await ensureSearchIndex();
  const hits = await findHits(await client(), match, { member: entitlements.membership, limit: 200 });
  const course = await getCourse();
  return rankHits(hits).flatMap((r) => {
    const lesson = course.bySlug.get(r.slug);
    return lesson ? [{ ...r, lesson }] : [];
  });
}
