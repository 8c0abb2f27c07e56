/**
 * Turns an action's outcome into what the page shows and answers: every field's error at once, a
 * form-level message, and the status code (400 for bad input, 413/415 for a body refused by the
 * middleware, 404 for something not found, 429 with Retry-After when rate-limited). Every form page
 * answers its action this one way (decision 016).
 */
import { ActionError, isInputError } from 'astro:actions';
import type { AstroGlobal } from 'astro';
import { LARGEST_FORM_BODY } from '../../platform/forms';
import { readBounded } from '../platform/form-body';

export interface FormState {
  /** Field name → its message; `form` is a problem of the whole form. */
  fields: Record<string, string>;
  message: string | null;
  /** The status the page answers with (200 when nothing went wrong). */
  status: number;
}

type Outcome = { data?: unknown; error?: unknown } | undefined;

export const CORRECT_FIELDS = 'Please correct the highlighted fields.';

/** Sets the status (and Retry-After) on the response and returns what to show. */
export function formState(Astro: Pick<AstroGlobal, 'response'>, result: Outcome): FormState {
  const state: FormState = { fields: {}, message: null, status: 200 };
  const fail = (status: number, message: string | null) => {
    state.status = status;
    state.message = message;
    Astro.response.status = status;
  };
  if (!result) return state;
  if (result.error) {
    if (isInputError(result.error)) {
      for (const [name, messages] of Object.entries(result.error.fields)) {
        if (messages?.[0]) state.fields[name] = messages[0];
      }
      fail(400, CORRECT_FIELDS);
    } else if (result.error instanceof ActionError && result.error.code !== 'INTERNAL_SERVER_ERROR') {
      // Our own refusals (the body limit, a missing record) carry a sentence written for people.
      fail(result.error.status, result.error.message || 'That form could not be sent. Please try again.');
    } else {
      fail(500, 'Something went wrong while sending the form. Please try again.');
    }
    return state;
  }
  const data = result.data as {
    kind?: string;
    retryAfterSeconds?: number;
    fields?: Record<string, string>;
    message?: string;
    status?: number;
  };
  if (data?.kind === 'rate-limited') {
    const seconds = data.retryAfterSeconds ?? 60;
    Astro.response.headers.set('Retry-After', String(seconds));
    const minutes = Math.ceil(seconds / 60);
    fail(
      429,
      data.message ??
        `Too many attempts. Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`,
    );
  } else if (data?.kind === 'invalid' && data.fields) {
    state.fields = data.fields;
    fail(400, data.fields['form'] ?? data.message ?? CORRECT_FIELDS);
  } else if (data?.kind === 'not-found') {
    fail(404, data.message ?? 'That is not here any more.');
  } else if (data?.kind === 'refused') {
    fail(data.status ?? 400, data.message ?? 'That could not be done.');
  }
  return state;
}

/** Fields whose value is never sent back into a page, whatever the form calls them. */
const SECRET = /password|token|secret/i;

/**
 * The submitted form again, read within the largest body limit: null for a GET or a body that can't be
 * read. For a page that shows back repeated fields (a list of ticked boxes); others use `submittedValues`.
 */
export async function submittedForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null;
  try {
    // Bounded: a body the middleware refused as too large is never read whole here either.
    const bytes = await readBounded(request.clone(), LARGEST_FORM_BODY);
    if (bytes === null) return null;
    const type = request.headers.get('content-type') ?? '';
    return await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

/** What the visitor typed, to put back in the form after an error (never a password). */
export async function submittedValues(request: Request, names: string[]): Promise<Record<string, string>> {
  const form = await submittedForm(request);
  if (form === null) return {};
  return Object.fromEntries(
    names
      .filter((n) => form.has(n) && !SECRET.test(n))
      .map((n) => [n, typeof form.get(n) === 'string' ? String(form.get(n)).slice(0, 5000) : '']),
  );
}
