/** The assessment's form schemas, read by src/actions/assessment.ts. */
import { formFields, z } from '../platform/forms';

const RELOAD = 'Reload the page and try again.';
const ID = /^[a-z2-7]{26}$/;

/**
 * One page's fields as `formFields` reads them, plus every `item-…` answer in order as `answers`, so
 * the service sees a statement answered twice (and refuses it) rather than the last value alone.
 */
export function pageFields(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const answers: [string, string][] = [];
  for (const [name, value] of input.entries())
    if (name.startsWith('item-')) answers.push([name, typeof value === 'string' ? value : '']);
  return { ...(formFields(input) as Record<string, unknown>), answers };
}

/** One page of statements: which page, its answers, and whether to go on or back. */
export const assessmentPageForm = z.preprocess(
  pageFields,
  z.object({
    step: z.string({ error: RELOAD }).regex(/^[1-9][0-9]?$/, RELOAD),
    go: z.enum(['next', 'back'], { error: RELOAD }).default('next'),
    answers: z
      .array(z.tuple([z.string(), z.string()]), { error: RELOAD })
      .max(100, RELOAD)
      .default([]),
  }),
);

/** Submitting the reviewed answers, once: the submission id makes a second press the same result. */
export const assessmentSubmitForm = z.preprocess(
  formFields,
  z.object({
    submission: z
      .string({ error: 'This form is missing its submission id. Reload the page and submit again.' })
      .regex(ID, 'This form is missing its submission id. Reload the page and submit again.'),
  }),
);

/** Sharing a result: on (a link is made) or off (the link stops working). */
export const shareForm = z.preprocess(
  formFields,
  z.object({
    result: z.string({ error: RELOAD }).min(1, RELOAD).max(64, RELOAD),
    share: z.enum(['on', 'off'], { error: 'Choose whether to share this profile.' }),
  }),
);
