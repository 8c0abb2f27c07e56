/**
 * The quiz form's schema, read by src/actions/learning.ts. It checks the form's shape; which questions
 * and options are real is the quiz's to say (`readAnswers`, which the action calls with these answers).
 */
import { formFields, z } from '../platform/forms';

const RELOAD = 'Reload the quiz and answer again.';
const ID = /^[a-z2-7]{26}$/;

/** The most answer values a quiz form can carry; anything larger is not a quiz form. */
export const MAX_ANSWER_FIELDS = 200;

/**
 * The form's fields as `formFields` reads them, plus every `q-…` answer in order as `answers`: a question
 * of several answers sends its name once per ticked box, so the last value alone would lose ticks.
 */
export function quizFields(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const answers: [string, string][] = [];
  for (const [name, value] of input.entries())
    if (name.startsWith('q-')) answers.push([name, typeof value === 'string' ? value : '']);
  return { ...(formFields(input) as Record<string, unknown>), answers };
}

export const quizForm = z.preprocess(
  quizFields,
  z.object({
    lesson: z.string({ error: RELOAD }).min(1, RELOAD).max(200, RELOAD),
    submission: z
      .string({ error: 'This form is missing its submission id. Reload the quiz and answer again.' })
      .regex(ID, 'This form is missing its submission id. Reload the quiz and answer again.'),
    /** The attempt whose misses this form retakes, or '' for the whole quiz. */
    retake: z.union([z.literal(''), z.string().regex(ID)], { error: RELOAD }).default(''),
    answers: z
      .array(z.tuple([z.string(), z.string()]), { error: RELOAD })
      .max(MAX_ANSWER_FIELDS, 'The form has too many answers. Nothing was saved; answer the quiz again.')
      .default([]),
  }),
);
