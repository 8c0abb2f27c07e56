/**
 * The rules every form on the site shares, in one place: how large a form's body may be, and what a
 * person reads when a field is missing or of the wrong kind. Schemas live in `src/lib/<domain>/forms.ts`
 * and import `z` from here, so the message map is installed before any of them parses.
 */
import { z } from 'astro/zod';

/**
 * The body limit of every action, by action name; anything not listed gets `default`. Enforced by
 * src/middleware.ts before a body is read (its Content-Length, or what arrives), for a page's form
 * (`?_action=`) and for `/_actions/` alike. Astro's own `security.actionBodySizeLimit` (1 MiB) stays
 * above all of these, as an outer bound.
 */
export const FORM_BODY_LIMITS = {
  /** A few short fields: names, codes, a promise, a date. Ten times the largest such form. */
  default: { bytes: 16 * 1024, message: 'That form is far larger than any form on this site.' },
  /** A quiz's answers with their ids (`learning.submitQuiz`): a long quiz of ticked boxes, with room to spare. */
  'learning.submitQuiz': { bytes: 32 * 1024, message: 'That form is far larger than any form on this site.' },
  /** A CSV file of up to 1,000 customers (512 KB), with the multipart envelope around it. */
  'ledger.importCustomers': {
    bytes: 512 * 1024 + 4 * 1024,
    message: 'That file is larger than 512 KB. Split it into smaller files and import them one by one.',
  },
} as const satisfies Record<string, { bytes: number; message: string }>;

/** The largest body any action accepts (Astro's own limit must stay at or above it). */
export const LARGEST_FORM_BODY = Math.max(...Object.values(FORM_BODY_LIMITS).map((l) => l.bytes));

export function bodyLimitOf(action: string): { bytes: number; message: string } {
  return (
    (FORM_BODY_LIMITS as Record<string, { bytes: number; message: string }>)[action] ??
    FORM_BODY_LIMITS.default
  );
}

/**
 * The fallback wording for a field whose schema gives no message of its own. Astro turns an empty or
 * missing form field into `null`, which Zod's own text describes as "Invalid input: expected string,
 * received null"; people read this instead. Schemas still give a message per field where they can say
 * more (tests/unit/platform/form-messages.test.ts checks that none leaks Zod's text).
 */
function humanMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === null || issue.input === undefined || issue.input === ''
        ? 'Fill in this field.'
        : 'This field was not sent as text. Reload the page and try again.';
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'Fill in this field.'
        : `Enter at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}.`;
    case 'too_big':
      return `Enter at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}.`;
    case 'invalid_value':
      return 'Choose one of the options offered.';
    case 'invalid_format':
      return issue.format === 'email'
        ? 'Enter an email address like name@example.com.'
        : 'Check the format of this field.';
    default:
      return 'Check this field and try again.';
  }
}

z.config({ customError: humanMessage });

export { z };

/**
 * A web form's fields as the schema reads them: each name's text as sent ('' stays '', a missing field
 * is undefined), the last value of a repeated name, a chosen file as a File. Astro's own reading of a form
 * for an object schema turns an empty field into null, which every text field would then have to expect;
 * a schema wrapped in `formSchema` never sees null, and reads a form exactly as the services do.
 */
export function formFields(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, FormDataEntryValue> = {};
  for (const [name, value] of input.entries()) fields[name] = value;
  return fields;
}

/** The input schema of a form action: `shape`'s fields read from the form by `formFields`. */
export function formSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(formFields, z.object(shape));
}

/** A text field that must be filled in: `message` when it is missing, empty or not text. */
export function requiredText(message: string) {
  return z.string({ error: message }).trim().min(1, message);
}

/** Field name → first message, for every field with a problem (all of them at once). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  return fields;
}

/** Anything that looks like Zod's own wording rather than a sentence for a person. */
export const RAW_SCHEMA_MESSAGE =
  /Invalid input|expected \w+, received|Too (big|small)|Invalid (option|string|enum)|Required/;
