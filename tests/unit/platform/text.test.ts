import { describe, expect, it } from 'vitest';
import { textProblem } from '../../../src/lib/platform/text';

describe('textProblem: the one rule for free text', () => {
  it.each([
    'Ana López',
    'Łukasz 李雷',
    'Zoë O’Brien-Smith',
    'محمد علي',
    'שרה כהן',
    'Dev 👩‍💻 (she/her)',
    'e\u0301 (a combining accent)',
    'Ana\u200FB',
  ])('accepts %j', (value) => {
    expect(textProblem(value)).toBeNull();
  });

  it.each([
    ['a NUL that cuts a name short', 'Ana\u0000Admin', 'control'],
    ['a bell', 'Ana\u0007', 'control'],
    ['an escape sequence', 'Ana\u001b[31m', 'control'],
    ['DEL', 'Ana\u007f', 'control'],
    ['a C1 control', 'Ana\u009b', 'control'],
    ['a tab in one line', 'Ana\tB', 'control'],
    ['a line feed', 'Hi there.\nYour account is locked', 'line-break'],
    ['a carriage return', 'Ana\rB', 'line-break'],
    ['a line separator', 'Ana\u2028B', 'line-break'],
    ['a paragraph separator', 'Ana\u2029B', 'line-break'],
    ['a next-line control', 'Ana\u0085B', 'line-break'],
    ['a right-to-left override', 'Ana\u202Egnp.exe', 'direction'],
    ['a left-to-right embedding', '\u202AAna', 'direction'],
    ['a pop directional formatting', 'Ana\u202C', 'direction'],
    ['a first-strong isolate', 'Ana\u2068B\u2069', 'direction'],
    ['bytes that failed to decode', 'Ana\uFFFD', 'unreadable'],
    ['half of a character', 'Ana\uD800', 'unreadable'],
  ] as const)('refuses %s', (_label, value, problem) => {
    expect(textProblem(value)).toBe(problem);
  });

  it('allows line breaks and tabs in multi-line text, and nothing else that is refused on one line', () => {
    expect(textProblem('First line\n\tsecond line', { multiline: true })).toBeNull();
    expect(textProblem('Notes\u0000', { multiline: true })).toBe('control');
    expect(textProblem('Notes\u202E', { multiline: true })).toBe('direction');
    expect(textProblem('Notes\uFFFD', { multiline: true })).toBe('unreadable');
  });
});
