import { describe, expect, it } from 'vitest';
import { csvHeaders, toCsv } from '../../src/lib/csv';

const BOM = '\uFEFF';

describe('toCsv', () => {
  it('writes a header and rows with CRLF, quoting what needs it', () => {
    expect(
      toCsv(
        ['name', 'note'],
        [
          ['Ana', 'says "hi", twice'],
          ['Bo', 'two\nlines'],
        ],
      ),
    ).toBe(`${BOM}name,note\r\nAna,"says ""hi"", twice"\r\nBo,"two\nlines"\r\n`);
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('defuses a formula: %j', (value, cell) => {
    expect(toCsv(['v'], [[value]])).toBe(`${BOM}v\r\n${cell}\r\n`);
  });

  it('keeps negative numbers as numbers, but defuses the same text', () => {
    expect(toCsv(['n', 't'], [[-3.5, '-3.5']])).toBe(`${BOM}n,t\r\n-3.5,'-3.5\r\n`);
  });

  it('writes empty cells, numbers and dates plainly', () => {
    const at = new Date('2026-11-29T10:00:00Z');
    expect(toCsv(['a', 'b', 'c'], [[null, 42, at]])).toBe(`${BOM}a,b,c\r\n,42,2026-11-29T10:00:00.000Z\r\n`);
  });

  it('names the file safely', () => {
    expect(csvHeaders('codes "x".csv')['Content-Disposition']).toBe('attachment; filename="codes__x_.csv"');
  });
});
