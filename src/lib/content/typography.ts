/**
 * The lessons get curly quotes, dashes and ellipses from Markdown's smartypants at build time; the
 * quizzes and conversations are YAML, rendered as plain text, so they get the same treatment here, once,
 * where their files are loaded. Pure.
 */
import { smartypantsu } from 'smartypants';

/**
 * Typographic quotes, apostrophes, dashes and ellipses in one string, with smartypants' defaults (`--`
 * is an em dash), as the lessons' Markdown has them.
 */
export function typesetText(text: string): string {
  return smartypantsu(text, '1');
}

/**
 * Every string inside a content file, typeset. Ids, anchors and enum values are kebab-case by their
 * schemas (no quotes, dots or double hyphens), so typesetting leaves them as they are; object keys are
 * never touched.
 */
export function typeset<T>(value: T): T {
  if (typeof value === 'string') return typesetText(value) as T;
  if (Array.isArray(value)) return value.map((v) => typeset(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeset(v)])) as T;
  }
  return value;
}
