/** Helpers for the customer survey's tests: a self-assessment result, and answering a survey link over HTTP. */
import { type Database, write } from '@db/client';
import { assessmentResults } from '@db/schema';
import { expect } from 'vitest';
import { newId } from '../../src/lib/server/accounts/tokens';
import { SURVEY_ITEMS } from '../../src/lib/survey/items';
import type { Visitor } from './browser-less';

/** A stored self-assessment result with these element scores (straight into the database). */
export async function selfAssessment(
  db: Database,
  userId: string,
  scores: Record<'dependability' | 'competence' | 'empathy' | 'truth' | 'rapport', number>,
  at: Date,
): Promise<void> {
  await write(db, (tx) =>
    tx.insert(assessmentResults).values({
      id: newId(),
      userId,
      submissionId: newId(),
      answers: '{}',
      scores: JSON.stringify({ ...scores, 'self-orientation': 30 }),
      trustIndex: 50,
      shareToken: null,
      createdAt: at,
      code: null,
    }),
  );
}

/** Every statement answered `value`, the overall question too, and an optional comment. */
export function answerFields(value: number, comment = ''): Record<string, string> {
  return {
    overall: String(value),
    ...Object.fromEntries(SURVEY_ITEMS.map((i) => [`item-${i.id}`, String(value)])),
    comment,
  };
}

/** Opens a survey link as a browser does: the token moves into a cookie, the page loads without it. */
export async function openSurveyLink(v: Visitor, link: string): Promise<Response> {
  const url = new URL(link);
  const res = await v.get(`${url.pathname}${url.search}`);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(url.pathname);
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  return v.get(url.pathname);
}

export function submitAnswers(v: Visitor, fields: Record<string, string>): Promise<Response> {
  return v.post('/survey/answer?_action=survey.answer', fields);
}
