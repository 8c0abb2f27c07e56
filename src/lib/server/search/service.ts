/** Lesson search: the in-memory index of this build's lessons (decision 018), built once per process. */
import type { Entitlements } from '../../billing/entitlements';
import type { LessonMeta } from '../../content/course';
import { searchDocuments } from '../../search/documents';
import { type LessonSearch, lessonSearch } from '../../search/query';
import { getCourse, lessonSources } from '../content/service';

let building: Promise<LessonSearch> | null = null;

/**
 * The index, built on first use (readiness builds it before the first request is served). A failed
 * build is forgotten, so the next caller tries again.
 */
export function ensureSearchIndex(): Promise<LessonSearch> {
  const build = async () =>
    lessonSearch((await lessonSources()).flatMap(({ lesson, body }) => searchDocuments(lesson, body)));
  if (import.meta.env.DEV) return build();
  building ??= build().catch((error: unknown) => {
    building = null;
    throw error;
  });
  return building;
}

export interface SearchResult {
  lesson: LessonMeta;
  anchor: string | null;
  heading: string;
  snippetHtml: string;
  matches: number;
}

export async function searchLessons(query: string, entitlements: Entitlements): Promise<SearchResult[]> {
  const [index, course] = await Promise.all([ensureSearchIndex(), getCourse()]);
  return index.search(query, { member: entitlements.membership }).flatMap((r) => {
    const lesson = course.bySlug.get(r.slug);
    return lesson ? [{ ...r, lesson }] : [];
  });
}
