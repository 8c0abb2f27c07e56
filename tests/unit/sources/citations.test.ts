import { describe, expect, it } from 'vitest';
import {
  citationsBySource,
  citedIds,
  sourceItems,
  sourceLinkProblems,
} from '../../../src/lib/sources/citations';

const lesson = (sources: string, after = '') => `## Why it works

Body text that links [elsewhere](/sources#not-in-the-list).

<Takeaways>

- A takeaway, not a source.

</Takeaways>

## Sources

${sources}
${after}`;

const GOOD =
  lesson(`- [Mayer, Davis & Schoorman (1995)](/sources#mayer-davis-schoorman-1995): ability, benevolence and
  integrity as the grounds of trust.
- [Tax, Brown & Chandrashekaran (1998)](/sources#tax-brown-chandrashekaran-1998): fair handling of complaints.`);

describe('sourceItems', () => {
  it('reads the items of the Sources list only, with the id each starts with', () => {
    expect(sourceItems(GOOD)).toEqual([
      {
        text: '[Mayer, Davis & Schoorman (1995)](/sources#mayer-davis-schoorman-1995): ability, benevolence and',
        id: 'mayer-davis-schoorman-1995',
      },
      {
        text: '[Tax, Brown & Chandrashekaran (1998)](/sources#tax-brown-chandrashekaran-1998): fair handling of complaints.',
        id: 'tax-brown-chandrashekaran-1998',
      },
    ]);
  });

  it('stops at the next heading of the same level', () => {
    const body = lesson('- [A (2000)](/sources#a-2000): one.', '\n## Afterword\n\n- Not a source.');
    expect(sourceItems(body).map((i) => i.id)).toEqual(['a-2000']);
  });

  it('gives null for an item that does not start with a /sources link', () => {
    const body = lesson(
      '- Morton Deutsch (ed.), *The Handbook* — a definition.\n- See [Mayer (1995)](/sources#mayer-1995).\n- [Mayer (1995)](https://doi.org/x): elsewhere.',
    );
    expect(sourceItems(body).map((i) => i.id)).toEqual([null, null, null]);
  });

  it('finds nothing in a lesson without a Sources section', () => {
    expect(sourceItems('## Only\n\n- a list')).toEqual([]);
  });
});

describe('citations', () => {
  it('lists each cited id once, in order', () => {
    const body = lesson(
      '- [A (2000)](/sources#a-2000): one.\n- [B (2001)](/sources#b-2001): two.\n- [A (2000)](/sources#a-2000): again.',
    );
    expect(citedIds(body)).toEqual(['a-2000', 'b-2001']);
  });

  it('maps each source to the lessons citing it', () => {
    const cited = citationsBySource([
      { slug: 'one', body: GOOD },
      { slug: 'two', body: lesson('- [Mayer (1995)](/sources#mayer-davis-schoorman-1995): again.') },
      { slug: 'three', body: '## Sources\n\n- Nothing linked.' },
    ]);
    expect(Object.fromEntries(cited)).toEqual({
      'mayer-davis-schoorman-1995': ['one', 'two'],
      'tax-brown-chandrashekaran-1998': ['one'],
    });
  });
});

describe('sourceLinkProblems', () => {
  const ids = new Set(['mayer-davis-schoorman-1995', 'tax-brown-chandrashekaran-1998']);

  it('finds none when every item links an existing entry', () => {
    expect(sourceLinkProblems([{ slug: 'one', body: GOOD }], ids)).toEqual([]);
  });

  it('names a missing list, an item without a leading link and an unknown id', () => {
    expect(
      sourceLinkProblems(
        [
          { slug: 'none', body: '## Intro\n\nText.' },
          { slug: 'plain', body: lesson('- Morton Deutsch, *The Handbook of Conflict Resolution*.') },
          { slug: 'unknown', body: lesson('- [Gallup (2019)](/sources#gallup-2019): a quote.') },
        ],
        ids,
      ),
    ).toEqual([
      'none: the ## Sources section has no list items',
      'plain: a Sources item does not start with a link to /sources#<id>: “Morton Deutsch, *The Handbook of Conflict Resolution*.”',
      'unknown: /sources#gallup-2019 is not an entry in content/sources',
    ]);
  });
});
