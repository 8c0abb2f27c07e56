/**
 * Every CSV download (the admin's exports, the member's ledger): RFC 4180 via csv-stringify. Text that a
 * spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is
 * prefixed with `'`; the ledger's import takes it off again.
 */
import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | Date | null;

/** Numbers stay numbers: a negative number is data, not a formula, and csv-stringify leaves it be. */
const plain = (cell: Cell): string | number => {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  return typeof cell === 'number' ? cell : String(cell);
};

/** The file's text: a byte-order mark (so spreadsheets read UTF-8), the header, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header.map(plain), ...rows.map((row) => row.map(plain))], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
    // csv-stringify quotes only the record delimiter itself (CRLF); a lone CR or LF must be quoted too.
    quoted_match: /[\r\n]/,
  });
}

/** A download: `Content-Disposition: attachment` with a safe file name. */
export function csvHeaders(fileName: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  };
}
