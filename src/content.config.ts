/** Content collections: lessons (MDX, `lessonSchema`) and their quizzes (YAML, `quizSchema`). */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lib/content/schema';
import { quizSchema } from './lib/quiz/schema';

const lessons = defineCollection({
  // Ids keep the folder: `dependability/01-small-certain-promises`.
  loader: glob({ pattern: '**/[0-9][0-9]-*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

/** One quiz per lesson: `content/quizzes/<lesson-slug>.yaml`, so the id is the lesson's slug. */
const quizzes = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/quizzes' }),
  schema: quizSchema,
});

export const collections = { lessons, quizzes };
