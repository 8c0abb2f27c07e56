/** Content collections: lessons (MDX, `lessonSchema`), their quizzes (YAML, `quizSchema`), the bibliography and the trust self-assessment. */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { guidanceSchema, itemsSchema } from './lib/assessment/schema';
import { lessonSchema } from './lib/content/schema';
import { conversationSchema } from './lib/conversations/schema';
import { quizSchema } from './lib/quiz/schema';
import { sourceSchema } from './lib/sources/schema';

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

/** The bibliography (`/sources`): one entry per file, `content/sources/<id>.yaml`; lessons link `/sources#<id>`. */
const sources = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/sources' }),
  schema: sourceSchema,
});

/** The trust self-assessment: its statements (one file per version: items.yaml is current, items-v1.yaml …), and what each score band means. */
const assessmentItems = defineCollection({
  loader: glob({ pattern: 'items*.yaml', base: './content/assessment' }),
  schema: itemsSchema,
});
const assessmentGuidance = defineCollection({
  loader: glob({ pattern: 'guidance.yaml', base: './content/assessment' }),
  schema: guidanceSchema,
});

/** Conversation practice (`content/conversations/<slug>.yaml`): the id is the conversation's slug. */
const conversations = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/conversations' }),
  schema: conversationSchema,
});

export const collections = { lessons, quizzes, sources, assessmentItems, assessmentGuidance, conversations };
