/**
 * Every form schema (each export of src/lib/**\/forms.ts that reads a form) answers missing, empty and
 * wrong-type input with sentences for people, never Zod's own text such as "Invalid input: expected
 * string, received null"; and it reports every field's problem at once.
 */
import { describe, expect, it } from 'vitest';
import { formFields, RAW_SCHEMA_MESSAGE, z } from '../../../src/lib/platform/forms';

const modules = import.meta.glob<Record<string, unknown>>('../../../src/lib/**/forms.ts', { eager: true });

/** The object a schema reads its fields from: the schema itself, or the one a form action's preprocess feeds. */
function objectOf(schema: unknown): z.ZodObject | null {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) return objectOf(schema.def.out) ?? objectOf(schema.def.in);
  return null;
}

const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => objectOf(value) !== null)
    .map(([name, value]) => [`${file.replace(/^.*src\//, 'src/')} ${name}`, value as z.ZodType] as const),
);

/** What a browser, a bot or Astro's own form reading may hand a field. */
const BAD_VALUES: [string, unknown][] = [
  ['missing', undefined],
  ['null (Astro’s reading of an empty field)', null],
  ['empty', ''],
  ['only spaces', '   '],
  ['a number', 42],
  ['a list', ['a', 'b']],
  ['an object', { a: 1 }],
  ['a boolean', true],
];

describe('form schemas speak to people', () => {
  it('finds the schemas (so this test cannot pass by finding none)', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(15);
    expect(schemas.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('addPromiseForm'),
        expect.stringContaining('signUpForm'),
      ]),
    );
  });

  it.each(schemas)('%s: every field’s message is a sentence, whatever arrives', (_name, schema) => {
    const fields = Object.keys(objectOf(schema)?.shape ?? {});
    for (const [, value] of BAD_VALUES) {
      for (const field of fields) {
        const parsed = schema.safeParse(Object.fromEntries([[field, value]]));
        for (const issue of parsed.success ? [] : parsed.error.issues) {
          expect(issue.message, `${field} = ${JSON.stringify(value)}`).not.toMatch(RAW_SCHEMA_MESSAGE);
          expect(issue.message.length).toBeGreaterThan(8);
        }
      }
      const all = schema.safeParse(Object.fromEntries(fields.map((f) => [f, value])));
      for (const issue of all.success ? [] : all.error.issues)
        expect(issue.message).not.toMatch(RAW_SCHEMA_MESSAGE);
    }
  });

  it('reports every field at once, not the first only', async () => {
    const { addPromiseForm } = await import('../../../src/lib/ledger/forms');
    const form = new FormData();
    form.set('text', '');
    form.set('due', 'soon');
    const parsed = addPromiseForm.safeParse(form);
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error?.issues.map((i) => String(i.path[0])));
    expect([...fields].sort()).toEqual(['customerId', 'due', 'submission', 'text']);
    expect(parsed.error?.issues.find((i) => i.path[0] === 'text')?.message).toBe('Say what you promised.');
  });

  it('reads a web form as the services do: empty stays empty, the last of a repeated name wins', () => {
    const form = new FormData();
    form.append('a', '');
    form.append('b', 'one');
    form.append('b', 'two');
    expect(formFields(form)).toEqual({ a: '', b: 'two' });
  });

  it('the fallback wording covers a schema that gives no message of its own', () => {
    const parsed = z
      .object({ name: z.string(), size: z.number(), kind: z.enum(['a', 'b']) })
      .safeParse({ name: null, size: 'x', kind: 'c' });
    expect(parsed.success).toBe(false);
    for (const issue of parsed.error?.issues ?? []) expect(issue.message).not.toMatch(RAW_SCHEMA_MESSAGE);
  });
});
