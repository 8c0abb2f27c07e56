/**
 * A failed form's outcome carried across a redirect (post, redirect, get), for a page that must land on a
 * clean address after a POST — no `?_action=` to resubmit on reload or to bookmark. The sign-up page uses
 * it: what went wrong, the status the page answers with, and what was typed (never a password), in a
 * short-lived cookie only that page gets, read once.
 */
import type { AstroGlobal } from 'astro';
import { z } from 'astro/zod';
import { pageCookie } from '../platform/cookies';
import type { FormState } from './form-result';

const COOKIE = 'form_outcome';
/** Long enough for the redirect, short enough that a later visit starts clean. */
const LIFETIME_SECONDS = 120;
/** Each typed value is cut to this before it is carried, so the cookie stays well under 4 KB. */
const MAX_VALUE = 300;

const carried = z.object({
  fields: z.record(z.string(), z.string().max(MAX_VALUE)),
  message: z.string().max(MAX_VALUE).nullable(),
  status: z.number().int().min(400).max(599),
  retryAfter: z.number().int().positive().nullable(),
  values: z.record(z.string(), z.string().max(MAX_VALUE)),
});

export type CarriedForm = z.infer<typeof carried>;

/** Keeps a failed outcome (`state` from `formState`) for the page at `path` to show after the redirect. */
export function carryForm(
  Astro: Pick<AstroGlobal, 'cookies' | 'response'>,
  path: string,
  state: FormState,
  values: Record<string, string>,
): void {
  const cut = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.slice(0, MAX_VALUE)]));
  const retryAfter = Number(Astro.response.headers.get('Retry-After') ?? Number.NaN);
  const outcome: CarriedForm = {
    fields: cut(state.fields),
    message: state.message?.slice(0, MAX_VALUE) ?? null,
    status: state.status,
    retryAfter: Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : null,
    values: cut(values),
  };
  Astro.cookies.set(COOKIE, JSON.stringify(outcome), { ...pageCookie(path), maxAge: LIFETIME_SECONDS });
}

/**
 * The carried outcome, once (the cookie is cleared as it is read), with the page's status and
 * Retry-After set as the POST would have answered; null when there is none or it is not one of ours.
 */
export function takeCarriedForm(
  Astro: Pick<AstroGlobal, 'cookies' | 'response'>,
  path: string,
): CarriedForm | null {
  const raw = Astro.cookies.get(COOKIE)?.value;
  if (raw === undefined) return null;
  Astro.cookies.set(COOKIE, '', { ...pageCookie(path), maxAge: 0 });
  let parsed: CarriedForm;
  try {
    const result = carried.safeParse(JSON.parse(raw));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  Astro.response.status = parsed.status;
  if (parsed.retryAfter !== null) Astro.response.headers.set('Retry-After', String(parsed.retryAfter));
  return parsed;
}
