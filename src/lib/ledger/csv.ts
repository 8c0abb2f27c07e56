/** CSV for the ledger: customers read back with per-row errors (the files are written by `src/lib/csv.ts`). */
import { parse } from 'csv-parse/sync';
import { CUSTOMER_LIMITS, customerProblems } from './forms';
import { STARTING_BALANCE_RANGE } from './rules';

/** More rows than this is refused as a whole: an import is a list of customers, not a database dump. */
export const MAX_IMPORT_ROWS = 1000;
export const CUSTOMER_COLUMNS = ['name', 'company', 'notes', 'starting_balance'] as const;

/** What the shared CSV writer (`src/lib/csv.ts`) prefixes with an apostrophe, so a spreadsheet shows it as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Undoes the writer's apostrophe, so an exported file imports back to the same text. */
function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

export interface ImportRow {
  /** 1 for the first customer after the header line. */
  row: number;
  name: string;
  company: string;
  notes: string;
  startingBalance: number;
  /** What is wrong with this row; empty when it can be imported. */
  errors: string[];
}

export type CustomerImport = { kind: 'ok'; rows: ImportRow[] } | { kind: 'invalid-file'; message: string };

/**
 * Reads a customers CSV (header `name,company,notes,starting_balance`; only `name` is required) and checks
 * every row. A file that is not CSV, has no `name` column or too many rows is refused as a whole; other
 * problems are reported per row.
 */
export function parseCustomersCsv(text: string): CustomerImport {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 10_000,
      to_line: MAX_IMPORT_ROWS + 50,
    }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid-file', message: `This file could not be read as CSV (${reason.slice(0, 160)}).` };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      kind: 'invalid-file',
      message: 'The file is empty. Add a header line and one customer per line.',
    };
  const columns = header.map((h) => h.trim().toLowerCase().replaceAll(' ', '_'));
  const at = (name: string) => columns.indexOf(name);
  if (at('name') < 0) {
    return {
      kind: 'invalid-file',
      message: `The first line must name the columns, including “name” (expected: ${CUSTOMER_COLUMNS.join(', ')}).`,
    };
  }
  if (body.length > MAX_IMPORT_ROWS || text.split('\n').length > MAX_IMPORT_ROWS + 50) {
    return {
      kind: 'invalid-file',
      message: `That file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} customers. Split it into smaller files and import them one by one.`,
    };
  }
  const cell = (record: string[], name: string) => {
    const i = at(name);
    return i < 0 ? '' : unneutralise((record[i] ?? '').replace(/\r\n?/g, '\n').trim());
  };
  const seen = new Set<string>();
  const rows = body.map((record, index): ImportRow => {
    const name = cell(record, 'name');
    const balanceText = cell(record, 'starting_balance');
    const errors = customerProblems({ name, company: cell(record, 'company'), notes: cell(record, 'notes') });
    let startingBalance = 0;
    if (balanceText !== '') {
      const n = Number(balanceText.replace('−', '-'));
      if (!Number.isInteger(n) || n < STARTING_BALANCE_RANGE.min || n > STARTING_BALANCE_RANGE.max) {
        errors.push(
          `Starting balance must be a whole number from ${STARTING_BALANCE_RANGE.min} to ${STARTING_BALANCE_RANGE.max}.`,
        );
      } else {
        startingBalance = n;
      }
    }
    const key = name.toLowerCase();
    if (name !== '' && seen.has(key)) errors.push('This name appears earlier in the file.');
    seen.add(key);
    return {
      row: index + 1,
      name: name.slice(0, CUSTOMER_LIMITS.name),
      company: cell(record, 'company').slice(0, CUSTOMER_LIMITS.company),
      notes: cell(record, 'notes').slice(0, CUSTOMER_LIMITS.notes),
      startingBalance,
      errors,
    };
  });
  if (rows.length === 0) return { kind: 'invalid-file', message: 'The file has a header but no customers.' };
  return { kind: 'ok', rows };
}
