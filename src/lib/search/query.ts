/** Turning what a visitor typed into a safe FTS5 query, and search hits into ranked, highlighted results. */
import { escapeHtml } from '../platform/html';

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;
/** Control characters that mark highlights inside FTS5 snippets; they cannot occur in lesson text. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Words of at least one letter or digit; everything else (FTS5 operators, quotes, punctuation) is dropped. */
export function queryTerms(input: string): string[] {
  const words =
    input
      .slice(0, MAX_QUERY_LENGTH)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * An FTS5 MATCH expression in which every term is a quoted string (so no input can be read as syntax)
 * and the last term also matches as a prefix, for people who search while still typing a word.
 * Null when there is nothing to search for.
 */
export function toMatchExpression(input: string): string | null {
  const terms = queryTerms(input);
  if (terms.length === 0) return null;
  return terms.map((t, i) => (i === terms.length - 1 ? `"${t}" *` : `"${t}"`)).join(' AND ');
}

/** Escapes a snippet, then turns its highlight markers into `<mark>` elements. */
export function highlightSnippet(snippet: string): string {
  return escapeHtml(snippet).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

export interface SearchHit {
  slug: string;
  anchor: string | null;
  heading: string;
  snippet: string;
  /** FTS5 bm25: lower is better. */
  score: number;
}

export interface RankedResult {
  slug: string;
  /** The best-matching section, to link straight to it. */
  anchor: string | null;
  heading: string;
  snippetHtml: string;
  /** How many parts of the lesson matched. */
  matches: number;
}

/** One result per lesson, at the position of its best hit, best first. */
export function rankHits(hits: readonly SearchHit[]): RankedResult[] {
  const sorted = [...hits].sort((a, b) => a.score - b.score);
  const results = new Map<string, RankedResult>();
  for (const hit of sorted) {
    const existing = results.get(hit.slug);
    if (existing) {
      existing.matches += 1;
      continue;
    }
    results.set(hit.slug, {
      slug: hit.slug,
      anchor: hit.anchor,
      heading: hit.heading,
      snippetHtml: highlightSnippet(hit.snippet),
      matches: 1,
    });
  }
  return [...results.values()];
}
