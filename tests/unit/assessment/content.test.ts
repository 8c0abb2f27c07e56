import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CURRENT_VERSION, guidanceSchema, itemsSchema, SCALES } from '../../../src/lib/assessment/schema';

const readYaml = (name: string): unknown =>
  parse(readFileSync(new URL(`../../../content/assessment/${name}`, import.meta.url), 'utf8'));

const current = itemsSchema.safeParse(readYaml('items.yaml'));
const v1 = itemsSchema.safeParse(readYaml('items-v1.yaml'));
const guidance = guidanceSchema.safeParse(readYaml('guidance.yaml'));

describe.each([
  ['items.yaml', current],
  ['items-v1.yaml', v1],
])('content/assessment/%s', (_file, parsed) => {
  const list = parsed.success ? parsed.data.items : [];
  const texts = list.map((i) => i.text);

  it('matches the items schema', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
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
});

describe('the versions', () => {
  const v1Items = v1.success ? v1.data.items : [];
  const currentItems = current.success ? current.data.items : [];

  it('has items.yaml as the current version and items-v1.yaml as version 1', () => {
    expect(current.success && current.data.version).toBe(CURRENT_VERSION);
    expect(v1.success && v1.data.version).toBe(1);
  });

  it.each(SCALES.map((s) => [s]))('keeps version 1’s %s ids 1–5 (stored results refer to them)', (scale) => {
    expect(v1Items.filter((i) => i.scale === scale).map((i) => i.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `${scale}-${n}`),
    );
  });

  it.each(SCALES.map((s) => [s]))(
    'numbers version 2’s %s ids 6–11, never reusing one of version 1',
    (scale) => {
      const ids = currentItems.filter((i) => i.scale === scale).map((i) => i.id);
      expect([...ids].sort()).toEqual([6, 7, 8, 9, 10, 11].map((n) => `${scale}-${n}`).sort());
    },
  );

  it('repeats no statement of version 1 word for word except where it moved scale or answer scale', () => {
    const old = new Map(v1Items.map((i) => [i.text.toLowerCase(), i]));
    const kept = currentItems.filter((i) => {
      const before = old.get(i.text.toLowerCase());
      return before && before.scale === i.scale && before.response === i.response;
    });
    expect(kept.map((i) => i.id)).toEqual([]);
  });

  it('asks how often for most statements, and how much you agree for a few', () => {
    const agreement = currentItems.filter((i) => i.response === 'agreement').length;
    expect(agreement).toBeGreaterThan(0);
    expect(agreement).toBeLessThanOrEqual(currentItems.length / 4);
  });
});

describe('content/assessment/guidance.yaml', () => {
  it('matches the guidance schema, with an entry for every scale', () => {
    expect(guidance.success ? [] : guidance.error.issues).toEqual([]);
    expect(Object.keys(guidance.success ? guidance.data.scales : {}).sort()).toEqual([...SCALES].sort());
  });
});
