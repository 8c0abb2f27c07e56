import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SOURCE_ID, sourceSchema } from '../../../src/lib/sources/schema';

const SOURCES_DIR = fileURLToPath(new URL('../../../content/sources', import.meta.url));
const files = readdirSync(SOURCES_DIR).filter((name) => name.endsWith('.yaml'));

describe('the bibliography in content/sources', () => {
  it('has entries', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((name) => [name]))('%s is a valid entry with a kebab-case id', (name) => {
    expect(name.replace(/\.yaml$/, '')).toMatch(SOURCE_ID);
    const result = sourceSchema.safeParse(parse(readFileSync(join(SOURCES_DIR, name), 'utf8')));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
