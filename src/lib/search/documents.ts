/** What the lesson search indexes: one document per lesson (public facts) and one per section of its body. */
import type { LessonMeta } from '../content/course';
import { splitSections } from '../content/text';

export interface SearchDocument {
  slug: string;
  /** The section's heading id, or null for the lesson itself and its introduction. */
  anchor: string | null;
  /** `lesson` rows hold what everyone may see; `section` rows hold body text. */
  kind: 'lesson' | 'section';
  free: boolean;
  title: string;
  heading: string;
  body: string;
}

export function searchDocuments(lesson: LessonMeta, mdxBody: string): SearchDocument[] {
  const docs: SearchDocument[] = [
    {
      slug: lesson.slug,
      anchor: null,
      kind: 'lesson',
      free: lesson.free,
      title: lesson.title,
      heading: '',
      // Objectives are phrases without end punctuation; give them one so snippets read as sentences.
      body: [lesson.summary, ...lesson.objectives.map((o) => (/[.!?]$/.test(o) ? o : `${o}.`))].join(' '),
    },
  ];
  for (const section of splitSections(mdxBody)) {
    if (!section.text) continue;
    docs.push({
      slug: lesson.slug,
      anchor: section.anchor,
      kind: 'section',
      free: lesson.free,
      title: '',
      heading: section.heading ?? '',
      body: section.text,
    });
  }
  return docs;
}
