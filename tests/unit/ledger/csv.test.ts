import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/lib/csv';
import { MAX_IMPORT_ROWS, parseCustomersCsv } from '../../../src/lib/ledger/csv';

describe('customer import', () => {
  it('reads rows, with defaults for the optional columns', () => {
    const result = parseCustomersCsv(
      'name,company,notes,starting_balance\nAna,Acme,"Burned, twice",-50\nBen,,,\n',
    );
    expect(result).toEqual({
      kind: 'ok',
      rows: [
        { row: 1, name: 'Ana', company: 'Acme', notes: 'Burned, twice', startingBalance: -50, errors: [] },
        { row: 2, name: 'Ben', company: '', notes: '', startingBalance: 0, errors: [] },
      ],
    });
  });

  it('undoes the export’s formula guard, so an export imports back unchanged', () => {
    const text = toCsv(['name', 'company', 'notes', 'starting_balance'], [['=cmd', '-3.5', '@home', -50]]);
    expect(text).toContain("'=cmd,'-3.5,'@home,-50");
    const result = parseCustomersCsv(text);
    expect(result.kind === 'ok' && result.rows[0]).toMatchObject({
      name: '=cmd',
      company: '-3.5',
      notes: '@home',
      startingBalance: -50,
    });
  });

  it('reports problems per row', () => {
    const result = parseCustomersCsv(
      `name,starting_balance\n,0\nAna,-500\nBo,abc\nAna,0\n${'x'.repeat(200)},0\n`,
    );
    if (result.kind !== 'ok') throw new Error(result.message);
    expect(result.rows.map((r) => r.errors.length > 0)).toEqual([true, true, true, true, true]);
    expect(result.rows[0]?.errors.join(' ')).toMatch(/name/);
    expect(result.rows[1]?.errors.join(' ')).toMatch(/from -100 to 100/);
    expect(result.rows[3]?.errors.join(' ')).toMatch(/earlier in the file/);
  });

  it.each([
    ['no name column', 'company\nAcme\n', /“name”/],
    ['empty', '', /empty/],
    ['only a header', 'name\n', /no customers/],
    ['malformed quotes', 'name\n"Ana\n', /could not be read as CSV/],
    [
      `more than ${MAX_IMPORT_ROWS} rows`,
      `name\n${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join('\n')}\n`,
      /more than 1,000/,
    ],
  ])('refuses a file with %s as a whole', (_name, text, message) => {
    const result = parseCustomersCsv(text);
    expect(result.kind).toBe('invalid-file');
    if (result.kind === 'invalid-file') expect(result.message).toMatch(message);
  });
});

describe('unreadable text', () => {
  it('refuses bytes that failed to decode and control characters, per row', () => {
    const result = parseCustomersCsv(
      'name,notes\nAna\uFFFD,ok\nBen,"bell\u0007"\nCy,"two\nlines\tand a tab"\n',
    );
    if (result.kind !== 'ok') throw new Error(result.message);
    expect(result.rows.map((r) => r.errors.length > 0)).toEqual([true, true, false]);
    expect(result.rows[0]?.errors.join(' ')).toMatch(/could not be read/);
  });
});
