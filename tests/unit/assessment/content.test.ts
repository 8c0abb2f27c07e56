import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guidanceSchema, itemsSchema, SCALES } from '../../../src/lib/assessment/schema';

const readYaml = (name: string): unknown =>
  parse(readFileSync(new URL(`../../../content/assessment/${name}`, import.meta.url), 'utf8'));

const items = itemsSchema.safeParse(readYaml('items.yaml'));
const guidance = guidanceSchema.safeParse(readYaml('guidance.yaml'));

describe('content/assessment/items.yaml', () => {
  const list = items.success ? items.data.items : [];
  const texts = list.map((i) => i.text);

  it('matches the items schema', () => {
    expect(items.success ? [] : items.error.issues).toEqual([]);
  });

  it('has no two statements with the same text', () => {
    const repeated = texts.filter(
      (t, n) => texts.findIndex((u) => u.toLowerCase() === t.toLowerCase()) !== n,
    );
    expect(repeated).toEqual([]);
  });

  it('ends every statement with a full stop', () => {
    expect(texts.filter((t) => !t.endsWith('.'))).toEqual([]);
  });

  it.each(SCALES.map((s) => [s]))('numbers the %s ids 1–5 after their scale', (scale) => {
    const ids = list.filter((i) => i.scale === scale).map((i) => i.id);
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => `${scale}-${n}`));
  });
});

describe('content/assessment/guidance.yaml', () => {
  it('matches the guidance schema, with an entry for every scale', () => {
    expect(guidance.success ? [] : guidance.error.issues).toEqual([]);
    expect(Object.keys(guidance.success ? guidance.data.scales : {}).sort()).toEqual([...SCALES].sort());
  });
});
