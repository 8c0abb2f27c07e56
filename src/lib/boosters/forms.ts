/** Booster form schemas, shared by the actions and the service: one source for limits and messages. */
import { z } from 'astro/zod';
import { CONFIDENCE } from './schedule';

/** Boosters per day: the fewest and most a member may choose, and the default. */
export const SESSION_SIZES = { min: 3, max: 10, default: 5 } as const;

const submission = z
  .string()
  .regex(/^[a-z2-7]{26}$/, 'This form is out of date. Reload the page and answer again.');

export const answerForm = z.object({
  /** The item asked (`<kind>:<source>:<ref>`). */
  item: z.string().min(1, 'This form is out of date. Reload the page and answer again.').max(200),
  submission,
  /** How many times the item had been reviewed when the form was shown: a second tab's old form is refused. */
  reps: z.coerce.number().int().min(0).max(100_000),
  /** The option ids chosen (several for "select all that apply"). */
  answer: z
    .array(z.string().max(40))
    .max(6, 'Choose at most six answers.')
    .min(1, 'Choose an answer before you check it.'),
  confidence: z.enum(CONFIDENCE, 'Choose how sure you were from the list.').optional(),
});
export type AnswerForm = z.infer<typeof answerForm>;

export const settingsForm = z.object({
  sessionSize: z.coerce
    .number('Choose how many boosters a day from the list.')
    .int('Choose how many boosters a day from the list.')
    .min(SESSION_SIZES.min, `Choose between ${SESSION_SIZES.min} and ${SESSION_SIZES.max} boosters a day.`)
    .max(SESSION_SIZES.max, `Choose between ${SESSION_SIZES.min} and ${SESSION_SIZES.max} boosters a day.`),
  email: z.boolean().optional(),
});

export const stopForm = z.object({
  member: z.string().regex(/^[a-z2-7]{26}$/, 'This stop link is not complete. Open it from the email again.'),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'This stop link is not complete. Open it from the email again.'),
});

/** The confidence choices as the review form offers them. */
export const CONFIDENCE_CHOICES: readonly { value: (typeof CONFIDENCE)[number]; label: string }[] = [
  { value: 'guessed', label: 'I guessed' },
  { value: 'sure', label: 'I was fairly sure' },
  { value: 'certain', label: 'I knew it at once' },
];
