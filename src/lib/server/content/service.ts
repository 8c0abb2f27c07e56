/** Reads lessons from the content collection and decides, on the server, what of a lesson a visitor receives. */
import { type CollectionEntry, getCollection, render } from 'astro:content';
import type { MarkdownHeading } from 'astro';
import type { Entitlements } from '../../billing/entitlements';
import { type LessonAccess, lessonAccess } from '../../content/access';
import { buildCourse, type Course, type LessonMeta, type Neighbours, neighbours } from '../../content/course';
import { splitSections } from '../../content/text';
import { typeset } from '../../content/typography';
import { quizProblems } from '../../quiz/course-quizzes';
import type { QuizFile } from '../../quiz/schema';
import { citationsBySource } from '../../sources/citations';
import { compareSources } from '../../sources/format';
import type { Source } from '../../sources/schema';

type LessonEntry = CollectionEntry<'lessons'>;
type ContentComponent = Awaited<ReturnType<typeof render>>['Content'];

interface Loaded {
  course: Course;
  entries: ReadonlyMap<string, LessonEntry>;
  /** By lesson slug. Answer keys included: server only. */
  quizzes: ReadonlyMap<string, QuizFile>;
  /** Each lesson's section headings by anchor, worked out the first time they are asked for. */
  sections: Map<string, ReadonlyMap<string, string>>;
}

let loaded: Promise<Loaded> | null = null;
/**
 * `render()` output per lesson version: the component and headings never change within a build. Keys
 * come only from the content collection, never from a request, so there is one entry per lesson of the
 * build and nothing can grow it; it holds compiled components rather than bytes, so it is the one
 * in-process cache that is not a BoundedCache (decision 012).
 */
const rendered = new Map<string, ReturnType<typeof render>>();

async function load(): Promise<Loaded> {
  const entries = await getCollection('lessons');
  const course = buildCourse(entries.map((e) => ({ id: e.id, body: e.body ?? '', data: e.data })));
  const bySlug = new Map(
    course.lessons.map((l) => [l.slug, entries.find((e) => e.id === l.id) as LessonEntry]),
  );
  const quizzes = new Map((await getCollection('quizzes')).map((q) => [q.id, q.data]));
  const problems = quizProblems(
    course.lessons.map((lesson) => ({ lesson, body: bySlug.get(lesson.slug)?.body ?? '' })),
    quizzes,
  );
  if (problems.length > 0) throw new Error(`The quizzes are not valid:\n- ${problems.join('\n- ')}`);
  // Checked as written, shown with curly quotes and dashes like the lessons (and as boosters).
  return {
    course,
    entries: bySlug,
    quizzes: new Map([...quizzes].map(([slug, quiz]) => [slug, typeset(quiz)])),
    sections: new Map(),
  };
}

/** Lessons do not change while a build runs, so they are read once (in dev, on every call). */
function lessons(): Promise<Loaded> {
  if (import.meta.env.DEV) return load();
  loaded ??= load();
  return loaded;
}

export async function getCourse(): Promise<Course> {
  return (await lessons()).course;
}

/** A lesson's quiz, answer key included (server only); null for an unknown lesson. */
export async function getQuiz(slug: string): Promise<QuizFile | null> {
  return (await lessons()).quizzes.get(slug) ?? null;
}

/** A lesson's `##`/`###` section headings by anchor, for links from quiz feedback. */
export async function lessonSections(slug: string): Promise<ReadonlyMap<string, string>> {
  const { entries, sections } = await lessons();
  const known = sections.get(slug);
  if (known) return known;
  const entry = entries.get(slug);
  const found: ReadonlyMap<string, string> = new Map(
    splitSections(entry?.body ?? '').flatMap((s) =>
      s.anchor && s.heading ? [[s.anchor, s.heading] as const] : [],
    ),
  );
  // Only lessons of the build are kept (keys from the collection, never from a request): bounded.
  if (entry) sections.set(slug, found);
  return found;
}

/** Which lessons have a quiz (every lesson, by the course rules — but the predicate does not assume it). */
export async function quizSlugs(): Promise<Pick<ReadonlySet<string>, 'has'>> {
  return (await lessons()).quizzes;
}

/** Source text of every lesson, for the search index (server only). */
export async function lessonSources(): Promise<{ lesson: LessonMeta; body: string }[]> {
  const { course, entries } = await lessons();
  return course.lessons.map((lesson) => ({ lesson, body: entries.get(lesson.slug)?.body ?? '' }));
}

export interface LessonBody {
  Content: ContentComponent;
  headings: MarkdownHeading[];
  /** Changes whenever the lesson's source changes; keys the rendered-HTML cache. */
  cacheKey: string;
}

export interface OpenedLesson {
  lesson: LessonMeta;
  neighbours: Neighbours;
  access: LessonAccess;
  /** Present only when `access` is `full`: a member lesson's body never leaves the server otherwise. */
  body: LessonBody | null;
  /**
   * Present only when `access` is `preview`: the whole body, for the page to cut its opening from
   * (src/lib/content/preview.ts) on the server; only the opening is ever sent.
   */
  preview: LessonBody | null;
}

export async function openLesson(slug: string, entitlements: Entitlements): Promise<OpenedLesson | null> {
  const { course, entries } = await lessons();
  const lesson = course.bySlug.get(slug);
  const entry = entries.get(slug);
  if (!lesson || !entry) return null;
  const access = lessonAccess(lesson, entitlements);
  const cacheKey = `${entry.id}:${entry.digest ?? ''}`;
  let result = rendered.get(cacheKey);
  if (!result) {
    result = render(entry);
    if (!import.meta.env.DEV) rendered.set(cacheKey, result);
  }
  const { Content, headings } = await result;
  const rendering: LessonBody = { Content, headings, cacheKey };
  return {
    lesson,
    neighbours: neighbours(course, slug),
    access,
    body: access === 'full' ? rendering : null,
    preview: access === 'preview' ? rendering : null,
  };
}

export interface BibliographyEntry {
  /** The file name, and the entry's anchor on `/sources`. */
  id: string;
  data: Source;
  /** The lessons whose Sources list links this entry, in course order. */
  citedIn: LessonMeta[];
}

let bibliographyLoaded: Promise<BibliographyEntry[]> | null = null;

async function loadBibliography(): Promise<BibliographyEntry[]> {
  const [entries, { course, entries: bodies }] = await Promise.all([getCollection('sources'), lessons()]);
  const cited = citationsBySource(
    course.lessons.map((lesson) => ({ slug: lesson.slug, body: bodies.get(lesson.slug)?.body ?? '' })),
  );
  return entries
    .map((e) => ({
      id: e.id,
      data: e.data,
      citedIn: (cited.get(e.id) ?? []).flatMap((slug) => course.bySlug.get(slug) ?? []),
    }))
    .sort(compareSources);
}

/** Every bibliography entry in bibliography order, with the lessons citing it (read once per build). */
export function bibliography(): Promise<BibliographyEntry[]> {
  if (import.meta.env.DEV) return loadBibliography();
  bibliographyLoaded ??= loadBibliography();
  return bibliographyLoaded;
}
