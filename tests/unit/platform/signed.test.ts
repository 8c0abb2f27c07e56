import { describe, expect, it } from 'vitest';
import { formatScore } from '../../../src/lib/assessment/scoring';
import { formatPoints } from '../../../src/lib/ledger/rules';
import { formatSigned, MINUS, spokenSigned } from '../../../src/lib/platform/signed';

describe('formatSigned', () => {
  it.each([
    [10, '+10'],
    [-20, '\u221220'],
    [0, '0'],
    [-0, '0'],
    [1234, '+1234'],
  ])('%d is shown as %s', (value, shown) => {
    expect(formatSigned(value)).toBe(shown);
  });

  it('never shows a hyphen-minus for a loss', () => {
    for (const value of [-1, -2.5, -100]) {
      expect(formatSigned(value, formatScore)).not.toContain('-');
      expect(formatSigned(value, formatScore).startsWith(MINUS)).toBe(true);
    }
  });

  it('writes the magnitude with the caller’s format, and a change that rounds to zero unsigned', () => {
    expect(formatSigned(3.46, formatScore)).toBe('+3.5');
    expect(formatSigned(-2.04, formatScore)).toBe('\u22122');
    expect(formatSigned(-0.04, formatScore)).toBe('0');
    expect(formatSigned(0.04, formatScore)).toBe('0');
    expect(formatSigned(-1500, (n) => n.toLocaleString('en-GB'))).toBe('\u22121,500');
  });
});

describe('spokenSigned', () => {
  it.each([
    [10, 'plus 10'],
    [-20, 'minus 20'],
    [0, '0'],
  ])('%d is read as "%s"', (value, spoken) => {
    expect(spokenSigned(value)).toBe(spoken);
  });
  it('reads the rounded figure the page shows', () => {
    expect(spokenSigned(-3.46, formatScore)).toBe('minus 3.5');
  });
});

describe('the ledger shows points with the one formatter', () => {
  it('formats points as formatSigned does', () => {
    for (const value of [-20, -2, 0, 5, 10]) expect(formatPoints(value)).toBe(formatSigned(value));
  });
});
