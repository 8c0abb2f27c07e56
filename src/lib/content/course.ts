/** The course as data: lesson metadata, the order of lessons, navigation between them, and the rules a course must satisfy. */
import { ELEMENTS, type Element, MODULE_INFO, MODULES, type Module, type ModuleInfo } from './elements';
import { countWords, plainText, readingMinutes } from './text';
import { typesetText } from './typography';

/** What everyone may know about a lesson (never its body). */
export interface LessonMeta {
  /** Collection id: `<module>/<NN-slug>`. */
  id: string;
  slug: string;
  title: string;
  summary: string;
  module: Module;
  element: Element | null;
  order: number;
  minutes: number;
  free: boolean;
  objectives: string[];
  /** Words in the body and the reading time they imply (the body itself stays on the server). */
  words: number;
  readingMinutes: number;
}

export interface LessonSource {
  id: string;
  body: string;
  data: {
    title: string;
    summary: string;
    module: Module;
    element?: Element | undefined;
    order: number;
    minutes: number;
    free: boolean;
    objectives: string[];
  };
}

export interface ModuleOutline {
  info: ModuleInfo;
  lessons: LessonMeta[];
}

export interface Course {
  /** Every lesson in course order. */
  lessons: LessonMeta[];
  modules: ModuleOutline[];
  bySlug: ReadonlyMap<string, LessonMeta>;
}

const ID_PATTERN = /^([a-z]+)\/(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** `dependability/01-small-certain-promises` → `small-certain-promises`. */
export function slugFromId(id: string): string {
  const match = ID_PATTERN.exec(id);
  if (!match?.[3]) throw new Error(`Lesson file name "${id}" must look like <module>/<NN>-<slug>.mdx`);
  return match[3];
}

export function toLessonMeta(source: LessonSource): LessonMeta {
  const words = countWords(plainText(source.body));
  return {
    id: source.id,
    slug: slugFromId(source.id),
    // Curly quotes and apostrophes, as the lesson bodies get from Markdown.
    title: typesetText(source.data.title),
    summary: typesetText(source.data.summary),
    module: source.data.module,
    element: source.data.element ?? null,
    order: source.data.order,
    minutes: source.data.minutes,
    free: source.data.free,
    objectives: source.data.objectives.map(typesetText),
    words,
    readingMinutes: readingMinutes(words),
  };
}

function compareLessons(a: LessonMeta, b: LessonMeta): number {
  return MODULES.indexOf(a.module) - MODULES.indexOf(b.module) || a.order - b.order;
}

/** Builds the course, refusing one that breaks a rule of `courseProblems`. */
export function buildCourse(sources: readonly LessonSource[]): Course {
  const lessons = sources.map(toLessonMeta).sort(compareLessons);
  const problems = courseProblems(lessons);
  if (problems.length > 0) throw new Error(`The course is not valid:\n- ${problems.join('\n- ')}`);
  return {
    lessons,
    modules: MODULES.map((m) => ({ info: MODULE_INFO[m], lessons: lessons.filter((l) => l.module === m) })),
    bySlug: new Map(lessons.map((l) => [l.slug, l])),
  };
}

/** Every rule a course must satisfy; an empty list means it is valid. */
export function courseProblems(lessons: readonly LessonMeta[]): string[] {
  const problems: string[] = [];
  const seenSlugs = new Map<string, string>();
  const seenOrders = new Map<string, string>();
  for (const lesson of lessons) {
    const match = ID_PATTERN.exec(lesson.id);
    const folder = match?.[1];
    const number = Number(match?.[2]);
    if (folder !== lesson.module)
      problems.push(`${lesson.id}: module "${lesson.module}" does not match its folder`);
    if (number !== lesson.order)
      problems.push(`${lesson.id}: order ${lesson.order} does not match its file number`);
    const slugOwner = seenSlugs.get(lesson.slug);
    if (slugOwner) problems.push(`${lesson.id}: slug "${lesson.slug}" is already used by ${slugOwner}`);
    seenSlugs.set(lesson.slug, lesson.id);
    const orderKey = `${lesson.module}#${lesson.order}`;
    const orderOwner = seenOrders.get(orderKey);
    if (orderOwner) problems.push(`${lesson.id}: order ${lesson.order} is already used by ${orderOwner}`);
    seenOrders.set(orderKey, lesson.id);
  }
  for (const module of MODULES) {
    const inModule = lessons.filter((l) => l.module === module);
    if (inModule.length === 0) problems.push(`module "${module}" has no lessons`);
    else if (!inModule.some((l) => l.free)) problems.push(`module "${module}" has no free lesson`);
  }
  for (const element of ELEMENTS) {
    if (!lessons.some((l) => l.element === element)) problems.push(`no lesson teaches "${element}"`);
  }
  return problems;
}

export interface Neighbours {
  previous: LessonMeta | null;
  next: LessonMeta | null;
}

/** The lessons before and after `slug` in course order, across module boundaries. */
export function neighbours(course: Course, slug: string): Neighbours {
  const index = course.lessons.findIndex((l) => l.slug === slug);
  if (index < 0) return { previous: null, next: null };
  return { previous: course.lessons[index - 1] ?? null, next: course.lessons[index + 1] ?? null };
}

export function totalMinutes(lessons: readonly LessonMeta[]): number {
  return lessons.reduce((sum, l) => sum + l.minutes, 0);
}
