import { describe, expect, it } from 'vitest';
import { countWords, plainText, readingMinutes, splitSections } from '../../../src/lib/content/text';

const body = `Intro paragraph with **bold** and a [link](https://example.com).

## Keep the *small* promise

<Scenario title="Late parts">
Dana waited three days.
</Scenario>

<Say>"I'll call you tomorrow by ten."</Say>

### What to say

- first point
- second point

## Keep the small promise

Same heading again.
`;

describe('splitSections', () => {
  it('splits at headings and gives each section the anchor Astro gives its heading', () => {
    const sections = splitSections(body);
    expect(sections.map((s) => [s.heading, s.anchor])).toEqual([
      [null, null],
      ['Keep the small promise', 'keep-the-small-promise'],
      ['What to say', 'what-to-say'],
      ['Keep the small promise', 'keep-the-small-promise-1'],
    ]);
  });

  it('keeps the words a reader sees and drops markup', () => {
    const [intro, promise, say] = splitSections(body);
    expect(intro?.text).toBe('Intro paragraph with bold and a link.');
    expect(promise?.text).toBe('Dana waited three days.\n\n"I\'ll call you tomorrow by ten."');
    expect(say?.text).toBe('first point\n\nsecond point');
  });

  it('ignores fenced code headings and imports', () => {
    const sections = splitSections("import X from './x';\n\n```\n## not a heading\n```\n\nText");
    expect(sections).toEqual([{ heading: null, anchor: null, text: 'Text' }]);
  });
});

describe('countWords and readingMinutes', () => {
  it('counts words, including contractions and hyphenated words as one', () => {
    expect(countWords("Don't over-promise — deliver, then repeat.")).toBe(5);
    expect(countWords(plainText(body))).toBe(35);
  });

  it('rounds to whole minutes and never says zero', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(1000)).toBe(4);
  });
});
