/** Taking the trust self-assessment over HTTP, for tests that need a person with a result. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { itemsSchema, SCALES } from '../../src/lib/assessment/schema';
import type { Visitor } from './browser-less';
import { postForm } from './learning';

const { items } = itemsSchema.parse(
  parse(readFileSync(new URL('../../content/assessment/items.yaml', import.meta.url), 'utf8')),
);

/** Answers every page (4 unless `value` says otherwise) and submits; returns the result's path. */
export async function takeAssessment(v: Visitor, value: (i: number) => number = () => 4): Promise<string> {
  for (let step = 1; step <= SCALES.length; step++) {
    const fields = items
      .filter((item) => item.scale === SCALES[step - 1])
      .map((item, i): [string, string] => [`item-${item.id}`, String(value(i))]);
    const res = await postForm(v, `/assessment/${step}`, [...fields, ['go', 'next']]);
    expect(res.status).toBe(303);
  }
  const html = await (await v.get('/assessment/review')).text();
  const id = /name="submission" value="([a-z2-7]{26})"/.exec(html)?.[1] ?? '';
  const res = await postForm(v, '/assessment/review', [['submission', id]]);
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}
