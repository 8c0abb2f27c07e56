import { describe, expect, it } from 'vitest';
import { queryTerms, snippetHtml, stem } from '../../../src/lib/search/query';

describe('queryTerms', () => {
  it('turns search syntax into plain lower-case words', () => {
    expect(queryTerms('title:trust OR "bad" NEAR(x) -news*')).toEqual([
      'title',
      'trust',
      'or',
      'bad',
      'near',
      'x',
      'news',
    ]);
  });

  it('is empty when nothing searchable is left', () => {
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('  "*()" ')).toEqual([]);
  });

  it('keeps Unicode words, drops duplicates and caps the number of terms', () => {
    expect(queryTerms('Vertrauen vertrauen über')).toEqual(['vertrauen', 'über']);
    expect(queryTerms(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });
});

describe('stem', () => {
  it('gives the forms of a word one stem, whatever the case and diacritics', () => {
    expect(stem('Promising')).toBe(stem('promises'));
    expect(stem('listening')).toBe(stem('listened'));
    expect(stem('Über')).toBe(stem('uber'));
  });
});

describe('snippetHtml', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');

  it('escapes the text and marks every form of the searched words', () => {
    expect(snippetHtml(`a <b> & "Promises" kept; promising.`, ['promise'])).toBe(
      'a &lt;b&gt; &amp; &quot;<mark>Promises</mark>&quot; kept; <mark>promising</mark>.',
    );
  });

  it('marks a word the last term begins, as someone still typing it means', () => {
    expect(snippetHtml('Call back with the callback number.', ['callba'])).toBe(
      'Call back with the <mark>callback</mark> number.',
    );
  });

  it('shows the 24 words with the most matches, with … where the text goes on', () => {
    const text = `${words(40)} trust here and trust there ${words(40, 100)}.`;
    const html = snippetHtml(text, ['trust']);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html.match(/<mark>trust<\/mark>/g)).toHaveLength(2);
    expect(html.replace(/<\/?mark>|…/g, '').split(' ')).toHaveLength(24);
  });

  it('begins at the start, without …, when the best stretch is the first', () => {
    const html = snippetHtml(`Trust first. ${words(60)}`, ['trust']);
    expect(html.startsWith('<mark>Trust</mark> first.')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('gives the first words of a text without a match, and a short text whole', () => {
    expect(snippetHtml(words(30), ['absent'])).toBe(`${words(24)}…`);
    expect(snippetHtml('Short and sweet!', ['absent'])).toBe('Short and sweet!');
  });
});
