/** Turns an action's outcome into what the page shows: field errors, a form-level message, and the status code. */
import { isInputError } from 'astro:actions';
import type { AstroGlobal } from 'astro';

export interface FormState {
  fields: Record<string, string>;
  message: string | null;
}

type Outcome = { data?: unknown; error?: unknown } | undefined;

/** Sets 400 / 429 (+ Retry-After) on the response and returns what to show. */
export function formState(Astro: Pick<AstroGlobal, 'response'>, result: Outcome): FormState {
  const state: FormState = { fields: {}, message: null };
  if (!result) return state;
  if (result.error) {
    Astro.response.status = 400;
    if (isInputError(result.error)) {
      for (const [name, messages] of Object.entries(result.error.fields)) {
        if (messages?.[0]) state.fields[name] = messages[0];
      }
      state.message = 'Please correct the highlighted fields.';
    } else {
      state.message = 'Something went wrong while sending the form. Please try again.';
    }
    return state;
  }
  const data = result.data as {
    kind?: string;
    retryAfterSeconds?: number;
    fields?: Record<string, string>;
    message?: string;
  };
  if (data.kind === 'rate-limited') {
    const seconds = data.retryAfterSeconds ?? 60;
    Astro.response.status = 429;
    Astro.response.headers.set('Retry-After', String(seconds));
    const minutes = Math.ceil(seconds / 60);
    state.message =
      data.message ??
      `Too many attempts. Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`;
  } else if (data.kind === 'invalid' && data.fields) {
    Astro.response.status = 400;
    state.fields = data.fields;
    state.message = 'Please correct the highlighted fields.';
  }
  return state;
}

/** What the visitor typed, to put back in the form after an error (never the password). */
export async function submittedValues(request: Request, names: string[]): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  try {
    const form = await request.clone().formData();
    return Object.fromEntries(
      names.filter((n) => form.has(n)).map((n) => [n, String(form.get(n)).slice(0, 300)]),
    );
  } catch {
    return {};
  }
}
