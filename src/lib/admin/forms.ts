/**
 * The admin area's form schemas, read by its actions (src/actions/admin.ts) and taken by the services as
 * parsed. A code's own rules (kinds, percents, dates) are `newCodeFrom`'s, shared with `npm run codes`:
 * here only what a form field may carry.
 */
import { formSchema, z } from '../platform/forms';

const REASON_REQUIRED = 'Say why, in a few words (it goes into the audit log).';
const reason = (message: string) => z.string({ error: message }).trim().min(1, message).max(500, message);
/** A learner or code a form acts on, from its hidden field (a malformed one is simply not found). */
const target = z
  .string({ error: 'Reload the page and try again.' })
  .max(64, 'Reload the page and try again.');
/** One of the create form's fields as typed (the code's rules check it); an empty field is left out. */
const field = (label: string, max = 64) =>
  z
    .string({ error: `“${label}” was not sent as text. Reload the page and try again.` })
    .trim()
    .max(max, `“${label}” is longer than any value it takes.`)
    .optional();

export const grantForm = formSchema({
  learner: target,
  days: z
    .string({ error: 'Enter a whole number of days from 1 to 3650, or leave it empty for “until revoked”.' })
    .trim()
    .default('')
    .refine(
      (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 3650),
      'Enter a whole number of days from 1 to 3650, or leave it empty for “until revoked”.',
    )
    .transform((v) => (v === '' ? null : Number(v))),
  reason: reason(REASON_REQUIRED),
});
export type GrantInput = z.infer<typeof grantForm>;

export const revokeForm = formSchema({ learner: target, revokeReason: reason(REASON_REQUIRED) });
export const learnerForm = formSchema({ learner: target });

export const createCodeForm = formSchema({
  kind: z.string({ error: 'Choose what the code gives.' }).trim().max(32, 'Choose what the code gives.'),
  code: field('Code', 32),
  days: field('Trial days'),
  product: field('Product'),
  percent: field('Percent off'),
  amount: field('Amount off'),
  duration: field('For how long'),
  months: field('Months'),
  expires: field('Expires'),
  max: field('At most'),
  active: z.enum(['on'], { message: 'Tick “Active” or leave it empty.' }).optional(),
});
export type CreateCodeInput = z.infer<typeof createCodeForm>;

export const codeStatusForm = formSchema({
  code: target,
  intent: z.enum(['disable', 'enable'], { message: 'Reload the page and try again.' }),
});
