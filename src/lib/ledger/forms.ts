/** Ledger form schemas, shared by the pages, the service and the CSV import: one source for limits and messages. */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { safeNextPath } from '../accounts/next-url';
import { formSchema, z } from '../platform/forms';
import { plainText } from '../platform/text';
import { CHANNELS, CORRECTABLE_OUTCOMES, OUTCOMES, STARTING_BALANCE_RANGE } from './rules';
import { parseLocalInput } from './time';

export const CUSTOMER_LIMITS = { name: 120, company: 120, notes: 2000 } as const;
export const PROMISE_TEXT_LIMIT = 300;

/**
 * The most customers one ledger holds. Generous for one salesperson's book (a territory rarely passes a
 * few hundred accounts), and bounded so that what a page or an export reads of one member stays bounded
 * (issue 16, H1).
 */
export const MAX_CUSTOMERS = 5000;
/** The customer picker offers the most recently used customers; anyone else is found on the customers page. */
export const PICKER_LIMIT = 50;
/** Customers listed per page of the customers page. */
export const CUSTOMERS_PER_PAGE = 100;

const count = (n: number) => n.toLocaleString('en-GB');

/** Why adding `adding` customers to a ledger holding `existing` is refused, or null when they fit. */
export function customerCapProblem(existing: number, adding: number): string | null {
  if (existing + adding <= MAX_CUSTOMERS) return null;
  const room = Math.max(0, MAX_CUSTOMERS - existing);
  const advice =
    room === 0
      ? 'Delete customers you no longer work with to make room.'
      : `There is room for ${count(room)} more: import fewer rows, or delete customers you no longer work with.`;
  return `A ledger holds at most ${count(MAX_CUSTOMERS)} customers, and yours has ${count(existing)}. ${advice}`;
}

const id = z.string().regex(/^[a-z2-7]{26}$/, 'Choose a customer from your ledger.');

export const customerSchema = z.object({
  name: z
    .string({ error: 'Give the customer a name.' })
    .trim()
    .min(1, 'Give the customer a name.')
    .max(CUSTOMER_LIMITS.name, `Use at most ${CUSTOMER_LIMITS.name} characters for the name.`)
    .superRefine(plainText()),
  company: z
    .string({ error: 'Give the company as text, or leave it empty.' })
    .trim()
    .max(CUSTOMER_LIMITS.company, `Use at most ${CUSTOMER_LIMITS.company} characters for the company.`)
    .superRefine(plainText())
    .default(''),
  notes: z
    .string({ error: 'Give the notes as text, or leave them empty.' })
    // Browsers send a textarea's line breaks as CRLF; stored as LF.
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(CUSTOMER_LIMITS.notes, `Use at most ${CUSTOMER_LIMITS.notes} characters for notes.`)
        .superRefine(plainText({ multiline: true })),
    )
    .default(''),
  startingBalance: z.coerce
    .number({ message: 'Choose where the balance starts.' })
    .int('Choose where the balance starts.')
    .min(STARTING_BALANCE_RANGE.min, `The starting balance is at least ${STARTING_BALANCE_RANGE.min}.`)
    .max(STARTING_BALANCE_RANGE.max, `The starting balance is at most ${STARTING_BALANCE_RANGE.max}.`)
    .default(0),
});
export type CustomerInput = z.infer<typeof customerSchema>;

const localTime = (message: string) =>
  z
    .string({ error: message })
    .refine((v) => parseLocalInput(v) !== null, message)
    .transform((v) => parseLocalInput(v) ?? { year: 0, month: 0, day: 0, hour: 0, minute: 0 });

export const promiseSchema = z.object({
  customerId: id,
  text: z
    .string({ error: 'Say what you promised.' })
    .trim()
    .min(1, 'Say what you promised.')
    .max(PROMISE_TEXT_LIMIT, `Keep the promise to ${PROMISE_TEXT_LIMIT} characters.`)
    .superRefine(plainText()),
  /** Local wall-clock time in the member's zone. */
  due: localTime('Give the due date and time (e.g. 2026-12-01 17:00).'),
  /** When it was made; empty means now. */
  made: z
    .string({ error: 'Give when you made it as a date and time, or leave it empty for now.' })
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return null;
      const parsed = parseLocalInput(v);
      if (!parsed)
        ctx.addIssue({
          code: 'custom',
          message: 'Give when you made it as a date and time, or leave it empty for now.',
        });
      return parsed;
    }),
  channel: z.enum(CHANNELS, { message: 'Choose call, email or meeting.' }).default('call'),
});
export type PromiseInput = z.infer<typeof promiseSchema>;

/** The id a create form carries (made when the form is shown): the same form sent twice creates one thing. */
export const SUBMISSION_ID = /^[a-z2-7]{26}$/;
export const MISSING_SUBMISSION =
  'This form is missing its submission id. Reload the page and send it again; nothing was saved.';

/** A fresh submission id for a create form: 128 random bits, in the alphabet `SUBMISSION_ID` accepts. */
export function newSubmissionId(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(16)));
}

export const outcomeSchema = z.object({
  outcome: z.enum(OUTCOMES, { message: 'Choose what happened to the promise.' }),
});

export const correctionSchema = z.object({
  outcome: z.enum(CORRECTABLE_OUTCOMES, { message: 'Choose what really happened.' }),
});

export const renegotiationSchema = z.object({
  /** The new due time agreed with the customer, local wall-clock time in the member's zone. */
  due: localTime('Give the new due date and time you agreed (e.g. 2026-12-01 17:00).'),
});

export type SettingsInput = z.infer<typeof settingsSchema>;
export type LocalTime = z.infer<typeof renegotiationSchema>['due'];
export type CorrectableOutcome = z.infer<typeof correctionSchema>['outcome'];

export const settingsSchema = z.object({
  timeZone: z
    .string({ error: 'Choose a time zone from the list.' })
    .trim()
    .max(64, 'Choose a time zone from the list.'),
  digest: z.enum(['on'], { message: 'Tick the box for the daily email, or leave it empty.' }).optional(),
});

export { fieldErrors } from '../platform/forms';

// The forms' actions (src/actions/ledger.ts) read these; each service takes what its schema gives.

const submission = z.string({ error: MISSING_SUBMISSION }).regex(SUBMISSION_ID, MISSING_SUBMISSION);
/** Where the form goes back to afterwards (a ledger path; anything else is the today view). */
const back = z
  .string({ error: 'Reload the page and send the form again.' })
  .max(2048, 'Reload the page and send the form again.')
  .optional()
  .transform((v) => ledgerBack(v));
/** The record a form acts on, from its hidden field; a malformed one is "not in your ledger", like anyone else's. */
const recordId = z
  .string({ error: 'Reload the page and send the form again.' })
  .max(64, 'Reload the page and send the form again.');

export const addCustomerForm = formSchema({ ...customerSchema.shape, submission });
export type AddCustomerInput = z.infer<typeof addCustomerForm>;
export const editCustomerForm = formSchema({ ...customerSchema.shape, customer: recordId });
export const removeCustomerForm = formSchema({
  customer: recordId,
  confirm: z.literal('yes', {
    error: 'Tick the box to confirm that this customer and their promises are deleted.',
  }),
});
/**
 * The browser's own zone, filled in by the form's script while the member has chosen none: the promise's
 * times are read in it and it becomes their zone. Empty without JavaScript; anything unlisted is ignored.
 */
const browserZone = z
  .string()
  .trim()
  .max(64)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : null));
export const addPromiseForm = formSchema({ ...promiseSchema.shape, submission, back, browserZone });
/** "Use this zone" from a ledger page's note: the zone alone, and the page to go back to. */
export const timeZoneForm = formSchema({ timeZone: settingsSchema.shape.timeZone, back });
/** The zone alone, from the account page: everyone's, member or not. */
export const accountTimeZoneForm = formSchema({ timeZone: settingsSchema.shape.timeZone });
export type AddPromiseInput = Omit<z.infer<typeof addPromiseForm>, 'back'>;
export const outcomeForm = formSchema({ ...outcomeSchema.shape, promise: recordId, back });
export const undoForm = formSchema({ promise: recordId, back });
export const correctionForm = formSchema({ ...correctionSchema.shape, promise: recordId, back });
export const renegotiationForm = formSchema({ ...renegotiationSchema.shape, promise: recordId, back });
export const settingsForm = formSchema(settingsSchema.shape);
export const feedForm = formSchema({
  intent: z.enum(['feed-create', 'feed-revoke'], { message: 'Reload the page and choose again.' }),
});

/** The problems of a customer row (for imports), as sentences. */
export function customerProblems(row: { name: string; company: string; notes: string }): string[] {
  const parsed = customerSchema.safeParse(row);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

/** A form's entries as an object (the last value of a repeated name wins; unknown names are dropped by the schemas). */
export function formObject(entries: readonly [string, string][]): Record<string, string> {
  return Object.fromEntries(entries);
}

/** Where a ledger form goes back to: a ledger path of this site, else the today view. */
export function ledgerBack(raw: string | null | undefined): string {
  const path = safeNextPath(raw, '/ledger');
  return path === '/ledger' || path.startsWith('/ledger/') || path.startsWith('/ledger?') ? path : '/ledger';
}

/** `path` with one more query parameter. */
export function withParam(path: string, name: string, value: string): string {
  const [base = '', hash] = path.split('#');
  const joined = `${base}${base.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/**
 * The import form: a chosen CSV file, or its text pasted; `step` is the preview (check) or the import
 * itself. The body limit that bounds the file is src/lib/platform/forms.ts's `ledger.importCustomers`.
 */
export const importForm = formSchema({
  step: z
    .enum(['preview', 'import'], { message: 'Reload the page and send the file again.' })
    .default('preview'),
  file: z.instanceof(File, { message: 'Choose a CSV file (or paste its text) to import.' }).optional(),
  csv: z.string({ error: 'Paste the CSV as text.' }).default(''),
});
