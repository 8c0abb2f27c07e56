/** Lesson sources for tests of the course logic: a valid lesson of 460 words in `module` at `order`. */
import type { LessonSource } from '../../src/lib/content/course';
import type { Module } from '../../src/lib/content/elements';

export function lessonSource(module: Module, order: number, slug: string, free = true): LessonSource {
  return {
    id: `${module}/${String(order).padStart(2, '0')}-${slug}`,
    body: 'word '.repeat(460),
    data: {
      title: slug,
      summary: `Summary of ${slug}`,
      module,
      element: module === 'foundations' ? undefined : module,
      order,
      minutes: 5,
      free,
      objectives: ['one objective', 'another objective'],
    },
  };
}
