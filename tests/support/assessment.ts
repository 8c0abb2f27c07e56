/** Taking the trust self-assessment over HTTP, for tests that need a person with a result. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { pagesOf } from '../../src/lib/assessment/flow';
import { type AssessmentItem, itemsSchema } from '../../src/lib/assessment/schema';
import type { Visitor } from './browser-less';
import { postForm } from './learning';

/** The current version's item set, as the server reads it. */
export const itemSet = itemsSchema.parse(
  parse(readFileSync(new URL('../../content/assessment/items.yaml', import.meta.url), 'utf8')),
);
export const items = itemSet.items;
/** The pages of the flow, in order: `pages[0]` is /assessment/1. */
export const pages = pagesOf(itemSet);

/** An answer as the learner ticks it: 1–5, or 'na' where offered. */
export type Tick = (item: AssessmentItem, indexOnPage: number) => number | 'na';

/** The form fields of one page (1-based), every statement answered with `value`. */
export function pageFields(step: number, value: Tick = () => 4): [string, string][] {
  return (pages[step - 1] ?? []).map((item, i) => [`item-${item.id}`, String(value(item, i))]);
}

/** Answers every page; each must move on. */
export async function answerAll(v: Visitor, value: Tick = () => 4): Promise<void> {
  for (let step = 1; step <= pages.length; step++) {
    const res = await postForm(v, `/assessment/${step}?_action=assessment.savePage`, [
      ['step', String(step)],
      ...pageFields(step, value),
      ['go', 'next'],
    ]);
    expect(res.status).toBe(303);
  }
}

/** Submits the draft from the review page; returns the result's path. */
export async function submitAssessment(v: Visitor): Promise<string> {
  const html = await (await v.get('/assessment/review')).text();
  const id = /name="submission" value="([a-z2-7]{26})"/.exec(html)?.[1] ?? '';
  const res = await postForm(v, '/assessment/review?_action=assessment.submit', [['submission', id]]);
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

/** A typical profile: Truth clearly lowest (25), every other scale 75, so one element stands out. */
export const typical: Tick = (item) => {
  const target = item.scale === 'truth' ? 2 : 4;
  return item.reverse ? 6 - target : target;
};

/**
 * Answers every page and submits; returns the result's path. By default `typical`; `value(i)` answers by
 * the statement's place on its page.
 */
export async function takeAssessment(v: Visitor, value?: (i: number) => number): Promise<string> {
  await answerAll(v, value ? (_item, i) => value(i) : typical);
  return submitAssessment(v);
}
