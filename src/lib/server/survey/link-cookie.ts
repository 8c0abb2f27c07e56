/**
 * The survey's emailed links, handled as the account links are (src/lib/server/accounts/link-token.ts):
 * the first request moves the token into an HttpOnly cookie scoped to the page and redirects to the
 * clean URL under `Referrer-Policy: no-referrer`, so the form page holds no secret in its address and
 * its POST carries a real Origin. What the cookie unlocks is safe in a stranger's browser: one answer
 * to one survey, or one address's opt-out.
 */
import type { AstroCookies } from 'astro';
import { pageCookie } from '../platform/cookies';

export type SurveyLinkPage = '/survey/answer' | '/survey/never-email';
const COOKIE: Record<SurveyLinkPage, string> = {
  '/survey/answer': 'survey_token',
  '/survey/never-email': 'survey_opt_out',
};
/** A day: long enough to open the link, be interrupted, and come back to the page. */
const MAX_AGE = 86_400;

/** A redirect to the clean URL when this request carries a token, else null. */
export function stashSurveyToken(page: SurveyLinkPage, url: URL, cookies: AstroCookies): Response | null {
  const token = url.searchParams.get('token');
  if (token === null) return null;
  if (/^[a-z2-7]{32}$/.test(token)) {
    cookies.set(COOKIE[page], token, { ...pageCookie(page), maxAge: MAX_AGE });
  }
  return new Response(null, {
    status: 303,
    headers: { Location: page, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
  });
}

export function surveyToken(page: SurveyLinkPage, cookies: AstroCookies): string | null {
  return cookies.get(COOKIE[page])?.value ?? null;
}
