import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/lib/platform/html';
import {
  highlightSnippet,
  MARK_END,
  MARK_START,
  queryTerms,
  rankHits,
  type SearchHit,
  toMatchExpression,
} from '../../../src/lib/search/query';

describe('toMatchExpression', () => {
  it('quotes every term and lets the last one match as a prefix', () => {
    expect(toMatchExpression('Small promise')).toBe('"small" AND "promise" *');
  });

  it('turns FTS5 syntax into plain words', () => {
    expect(toMatchExpression('title:trust OR "bad" NEAR(x) -news*')).toBe(
      '"title" AND "trust" AND "or" AND "bad" AND "near" AND "x" AND "news" *',
    );
  });

  it('is null when nothing searchable is left', () => {
    expect(toMatchExpression('')).toBeNull();
    expect(toMatchExpression('  "*()" ')).toBeNull();
  });

  it('keeps Unicode words, drops duplicates and caps the number of terms', () => {
    expect(queryTerms('Vertrauen vertrauen über')).toEqual(['vertrauen', 'über']);
    expect(queryTerms(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });
});

describe('highlightSnippet', () => {
  it('escapes the text before marking highlights', () => {
    expect(highlightSnippet(`a <b> & ${MARK_START}"trust"${MARK_END}`)).toBe(
      'a &lt;b&gt; &amp; <mark>&quot;trust&quot;</mark>',
    );
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('rankHits', () => {
  const hit = (slug: string, score: number, anchor: string | null = null): SearchHit => ({
    slug,
    anchor,
    heading: anchor ?? '',
    snippet: `${slug} ${score}`,
    score,
  });

  it('gives one result per lesson, at its best hit, best first (bm25: lower is better)', () => {
    const results = rankHits([
      hit('b', -2, 'b-low'),
      hit('a', -5, 'a-best'),
      hit('b', -9, 'b-best'),
      hit('a', -1),
    ]);
    expect(results.map((r) => [r.slug, r.anchor, r.matches])).toEqual([
      ['b', 'b-best', 2],
      ['a', 'a-best', 2],
    ]);
  });

  it('is empty for no hits', () => {
    expect(rankHits([])).toEqual([]);
  });
});
