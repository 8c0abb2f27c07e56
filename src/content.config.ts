/** Content collections: lessons are MDX files under content/lessons, validated by `lessonSchema`. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lib/content/schema';

const lessons = defineCollection({
  // Ids keep the folder: `dependability/01-small-certain-promises`.
  loader: glob({ pattern: '**/[0-9][0-9]-*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
