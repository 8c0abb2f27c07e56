/**
 * What free text a person types may contain: one rule for every text field (names, customers,
 * promises, notes), so a name can't hide line breaks, control characters or direction overrides that
 * make it read differently in a page, an email, a CSV file or a calendar than it was written.
 */
import type { z } from 'astro/zod';

export type TextProblem = 'unreadable' | 'control' | 'direction' | 'line-break';

export const TEXT_MESSAGES: Record<TextProblem, string> = {
  unreadable: 'This has characters that could not be read. Type it again (a file must be saved as UTF-8).',
  control: 'This has invisible control characters. Type it again without them.',
  direction:
    'This has invisible characters that change the direction of the text. Type it again without them.',
  'line-break': 'Keep this to one line.',
};

/** Embedding, override and isolate controls: they reorder what follows them on screen (“Trojan Source”). */
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/u;
/** Bytes that failed to decode (U+FFFD), and halves of a character (from a client that split one). */
const UNREADABLE = /\uFFFD|\p{Cs}/u;
const LINE_BREAK = /[\n\r\u2028\u2029\u0085\v\f]/u;

/** Why `value` isn't acceptable text, or null. `multiline`: line breaks and tabs are allowed (notes). */
export function textProblem(value: string, options: { multiline?: boolean } = {}): TextProblem | null {
  if (UNREADABLE.test(value)) return 'unreadable';
  if (!options.multiline && LINE_BREAK.test(value)) return 'line-break';
  for (const c of value) {
    if (options.multiline && (c === '\n' || c === '\t')) continue;
    if (/\p{Cc}/u.test(c)) return 'control';
  }
  if (DIRECTION.test(value)) return 'direction';
  return null;
}

/** The check as a Zod refinement, with the shared message: `.superRefine(plainText())`. */
export function plainText(options: { multiline?: boolean } = {}) {
  return (value: string, ctx: z.RefinementCtx<string>): void => {
    const problem = textProblem(value, options);
    if (problem) ctx.addIssue({ code: 'custom', message: TEXT_MESSAGES[problem] });
  };
}
