/**
 * Lesson search, in memory (decision 018): what a visitor typed becomes stemmed terms, matched against
 * an index of the lessons built once per process, ranked, one result per lesson, with a highlighted
 * snippet. The lessons are fixed per build, so the index needs no database and no rebuilds.
 */
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { escapeHtml } from '../platform/html';
import type { SearchDocument } from './documents';

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;
/** Words in a snippet, as FTS5's `snippet(…, 24)` gave before. */
const SNIPPET_WORDS = 24;
/** A title match weighs most, then a heading, then body text. */
const BOOST = { title: 10, heading: 4, body: 1 } as const;
const WORD = /[\p{L}\p{N}]+/gu;

/** Words of at least one letter or digit, lower-cased; everything else (operators, quotes, punctuation) is dropped. */
export function queryTerms(input: string): string[] {
  const words = input.slice(0, MAX_QUERY_LENGTH).toLowerCase().match(WORD) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * A word as the index keeps it: lower case, without diacritics ("über" is "uber"), Porter-stemmed
 * ("promising" and "promises" are "promis").
 */
export function stem(word: string): string {
  return stemmer(
    word
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, ''),
  );
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

export interface LessonSearch {
  /** One result per lesson, at its best-matching part, best first; empty when nothing is searchable. */
  search(input: string, options: { member: boolean }): RankedResult[];
}

/**
 * Every term must match (the last one also as a prefix, for people who search while still typing).
 * Without membership, body sections of member lessons are not searched at all, so they can never be
 * quoted; their title, summary and objectives (the `lesson` document) are public.
 */
export function lessonSearch(docs: readonly SearchDocument[]): LessonSearch {
  const index = new MiniSearch<SearchDocument & { id: number }>({
    fields: ['title', 'heading', 'body'],
    tokenize: (text) => text.match(WORD) ?? [],
    processTerm: (term) => stem(term),
  });
  index.addAll(docs.map((d, id) => ({ ...d, id })));
  // Each body's words and stems, worked out the first time the body is quoted.
  const bodyWords = new Map<number, TextWord[]>();
  const wordsOf = (id: number, body: string): TextWord[] => {
    let words = bodyWords.get(id);
    if (!words) {
      words = textWords(body);
      bodyWords.set(id, words);
    }
    return words;
  };
  return {
    search(input, { member }) {
      const terms = queryTerms(input);
      if (terms.length === 0) return [];
      const hits = index.search(terms.join(' '), {
        combineWith: 'AND',
        prefix: (_term, i, all) => i === all.length - 1,
        boost: BOOST,
        filter: (hit) => {
          const doc = docs[hit.id as number];
          return doc !== undefined && (member || doc.free || doc.kind === 'lesson');
        },
      });
      const results = new Map<string, RankedResult>();
      for (const hit of hits) {
        const doc = docs[hit.id as number];
        if (!doc) continue;
        const existing = results.get(doc.slug);
        if (existing) {
          existing.matches += 1;
          continue;
        }
        results.set(doc.slug, {
          slug: doc.slug,
          anchor: doc.anchor,
          heading: doc.heading,
          snippetHtml: snippetHtml(doc.body, terms, wordsOf(hit.id as number, doc.body)),
          matches: 1,
        });
      }
      return [...results.values()];
    },
  };
}

/** A word of a text: where it is, and its stem. */
export interface TextWord {
  start: number;
  end: number;
  lower: string;
  stem: string;
}

/** The words of a text with their stems, worked out once per text (stemming is the costly part). */
export function textWords(text: string): TextWord[] {
  return [...text.matchAll(WORD)].map((m) => {
    const lower = m[0].toLowerCase();
    return { start: m.index, end: m.index + m[0].length, lower, stem: stem(lower) };
  });
}

/**
 * The stretch of `text` of at most 24 words with the most matching words (the earliest such), escaped,
 * with each matching word in `<mark>` and `…` where the text goes on. A text with no match gives its
 * first words. `words` are the text's `textWords`, when they are kept.
 */
export function snippetHtml(
  text: string,
  terms: readonly string[],
  words: readonly TextWord[] = textWords(text),
): string {
  const stems = terms.map(stem);
  const last = terms.length - 1;
  const isMatch = (w: TextWord): boolean =>
    stems.some(
      (t, i) => w.stem === t || (i === last && (w.stem.startsWith(t) || w.lower.startsWith(terms[i] ?? ''))),
    );
  const hits = words.map(isMatch);
  if (words.length === 0) return escapeHtml(text);
  // Sliding window: the count of matching words among words[from … from + 23].
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i += 1) {
    if (hits[i]) count += 1;
    const from = i - SNIPPET_WORDS + 1;
    if (from > 0 && hits[from - 1]) count -= 1;
    if (count > bestCount && (from >= 0 || i === words.length - 1)) {
      bestCount = count;
      best = Math.max(0, from);
    }
  }
  const shown = words.slice(best, best + SNIPPET_WORDS);
  let html = best > 0 ? '…' : '';
  let at = shown[0]?.start ?? 0;
  shown.forEach((w, k) => {
    html += escapeHtml(text.slice(at, w.start));
    const word = escapeHtml(text.slice(w.start, w.end));
    html += hits[best + k] ? `<mark>${word}</mark>` : word;
    at = w.end;
  });
  const end = shown.at(-1)?.end ?? text.length;
  // Keep the sentence's closing punctuation right after the last word.
  const tail = /^[^\p{L}\p{N}\s]*/u.exec(text.slice(end))?.[0] ?? '';
  html += escapeHtml(tail);
  if (best + SNIPPET_WORDS < words.length) html += '…';
  return html;
}
