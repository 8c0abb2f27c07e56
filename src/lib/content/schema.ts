/** The lesson frontmatter schema: the reference for lesson authors (docs/lesson-authoring.md). */
import { z } from 'astro/zod';
import { ELEMENTS, MODULES } from './elements';

export const lessonSchema = z
  .object({
    /** The lesson's heading and page title; plain text, no trailing full stop. */
    title: z.string().trim().min(3).max(90),
    /** One sentence for the outline, search results and link previews. */
    summary: z.string().trim().min(20).max(160),
    /** The module (course section) the lesson belongs to; must match its folder. */
    module: z.enum(MODULES),
    /** Which of the five trust elements this lesson teaches; omitted in foundations lessons. */
    element: z.enum(ELEMENTS).optional(),
    /** Position inside the module, starting at 1; must match the NN prefix of the file name. */
    order: z.number().int().min(1).max(99),
    /** Estimated minutes to read the lesson and do its exercise. */
    minutes: z.number().int().min(1).max(60),
    /** Free lessons are public; the others show their body to members only. */
    free: z.boolean(),
    /** What the learner will be able to do afterwards: two to four short statements. */
    objectives: z.array(z.string().trim().min(5).max(160)).min(2).max(4),
  })
  .strict()
  .refine((d) => (d.module === 'foundations') === (d.element === undefined), {
    message: 'foundations lessons have no element; every other lesson names the element of its module',
    path: ['element'],
  })
  .refine((d) => d.module === 'foundations' || d.element === d.module, {
    message: 'element must equal the module for element modules',
    path: ['element'],
  });

export type LessonFrontmatter = z.infer<typeof lessonSchema>;
