import { describe, expect, it } from 'vitest';
import {
  authorList,
  compareSources,
  formatReference,
  initialsFirst,
  referenceText,
  shortCitation,
} from '../../../src/lib/sources/format';
import { type Source, sourceSchema } from '../../../src/lib/sources/schema';

const mayer: Source = sourceSchema.parse({
  kind: 'article',
  authors: ['Mayer, R. C.', 'Davis, J. H.', 'Schoorman, F. D.'],
  year: 1995,
  title: 'An integrative model of organizational trust',
  container: 'Academy of Management Review',
  volume: '20',
  issue: '3',
  pages: '709–734',
  url: 'https://doi.org/10.5465/amr.1995.9508080335',
  note: 'Ability, benevolence and integrity as the grounds of trust.',
});

const book = (extra: Record<string, unknown> = {}): Source =>
  sourceSchema.parse({
    kind: 'book',
    authors: ['Maister, D. H.', 'Green, C. H.', 'Galford, R. M.'],
    year: 2000,
    title: 'The trusted advisor',
    publisher: 'Free Press',
    note: 'The trust equation, read as a heuristic.',
    ...extra,
  });

const chapter = (extra: Record<string, unknown> = {}): Source =>
  sourceSchema.parse({
    kind: 'chapter',
    authors: ['Lewicki, R. J.'],
    year: 2006,
    title: 'Trust, trust development, and trust repair',
    container: 'The handbook of conflict resolution: Theory and practice',
    editors: ['Deutsch, M.', 'Coleman, P. T.', 'Marcus, E. C.'],
    edition: '2nd',
    pages: '92–119',
    publisher: 'Jossey-Bass',
    note: 'How trust develops and how it is repaired.',
    ...extra,
  });

describe('formatReference (APA style)', () => {
  it('formats a journal article, journal and volume in italics', () => {
    expect(referenceText(mayer)).toBe(
      'Mayer, R. C., Davis, J. H., & Schoorman, F. D. (1995). An integrative model of organizational trust. Academy of Management Review, 20(3), 709–734.',
    );
    expect(formatReference(mayer).filter((r) => r.italic)).toEqual([
      { text: 'Academy of Management Review, 20', italic: true },
    ]);
  });

  it('formats an article without an issue', () => {
    const { issue: _issue, ...rest } = mayer;
    expect(referenceText(sourceSchema.parse(rest))).toContain('Academy of Management Review, 20, 709–734.');
  });

  it('formats a book, its title in italics, with the edition when there is one', () => {
    expect(referenceText(book())).toBe(
      'Maister, D. H., Green, C. H., & Galford, R. M. (2000). The trusted advisor. Free Press.',
    );
    expect(formatReference(book()).find((r) => r.italic)?.text).toBe('The trusted advisor.');
    expect(referenceText(book({ edition: '2nd' }))).toBe(
      'Maister, D. H., Green, C. H., & Galford, R. M. (2000). The trusted advisor (2nd ed.). Free Press.',
    );
  });

  it('formats a chapter: editors initials first, book title in italics, edition and pages', () => {
    expect(referenceText(chapter())).toBe(
      'Lewicki, R. J. (2006). Trust, trust development, and trust repair. In M. Deutsch, P. T. Coleman, & E. C. Marcus (Eds.), The handbook of conflict resolution: Theory and practice (2nd ed., pp. 92–119). Jossey-Bass.',
    );
    expect(formatReference(chapter()).find((r) => r.italic)?.text).toBe(
      'The handbook of conflict resolution: Theory and practice',
    );
  });

  it('formats a chapter with one editor, or none, and no pages', () => {
    expect(referenceText(chapter({ editors: ['Kramer, R. M.'], edition: undefined, pages: undefined }))).toBe(
      'Lewicki, R. J. (2006). Trust, trust development, and trust repair. In R. M. Kramer (Ed.), The handbook of conflict resolution: Theory and practice. Jossey-Bass.',
    );
    expect(referenceText(chapter({ editors: ['Kramer, R. M.', 'Tyler, T. R.'] }))).toContain(
      'In R. M. Kramer & T. R. Tyler (Eds.), ',
    );
    expect(referenceText(chapter({ editors: [] }))).toContain('repair. In The handbook');
  });

  it('formats a report, leaving out the publisher when it is the author', () => {
    const report = sourceSchema.parse({
      kind: 'report',
      authors: ['Salesforce Research'],
      year: 2018,
      title: 'Trends in customer trust',
      publisher: 'Salesforce Research',
      note: 'What customers say about companies they trust.',
    });
    expect(referenceText(report)).toBe('Salesforce Research. (2018). Trends in customer trust.');
    const inSeries = sourceSchema.parse({
      kind: 'report',
      authors: ['Smith, A.'],
      year: 2020,
      title: 'Buyers and trust',
      container: 'Working Paper No. 12',
      publisher: 'Example Institute',
      note: 'A note long enough.',
    });
    expect(referenceText(inSeries)).toBe(
      'Smith, A. (2020). Buyers and trust (Working Paper No. 12). Example Institute.',
    );
  });

  it('formats a web page with its website', () => {
    const web = sourceSchema.parse({
      kind: 'web',
      authors: ['Nielsen, J.'],
      year: 2010,
      title: 'Why people don’t trust websites?',
      container: 'Example Group',
      url: 'https://example.com/trust',
      note: 'A note long enough.',
    });
    // A title that ends with a question mark takes no extra full stop.
    expect(referenceText(web)).toBe('Nielsen, J. (2010). Why people don’t trust websites? Example Group.');
  });
});

describe('author lists and short citations', () => {
  it('joins authors APA-style', () => {
    expect(authorList(['Deutsch, M.'])).toBe('Deutsch, M.');
    expect(authorList(['Doney, P. M.', 'Cannon, J. P.'])).toBe('Doney, P. M., & Cannon, J. P.');
    expect(authorList(['A, B.', 'C, D.', 'E, F.', 'G, H.'])).toBe('A, B., C, D., E, F., & G, H.');
  });

  it('turns names initials first, and leaves an organisation alone', () => {
    expect(initialsFirst('Deutsch, M.')).toBe('M. Deutsch');
    expect(initialsFirst('Salesforce Research')).toBe('Salesforce Research');
  });

  it('makes the short form lessons link with', () => {
    expect(shortCitation(mayer)).toBe('Mayer, Davis & Schoorman (1995)');
    expect(shortCitation(book({ authors: ['Doney, P. M.', 'Cannon, J. P.'], year: 1997 }))).toBe(
      'Doney & Cannon (1997)',
    );
    expect(shortCitation(book({ authors: ['A, B.', 'C, D.', 'E, F.', 'G, H.'] }))).toBe('A et al. (2000)');
  });
});

describe('compareSources', () => {
  it('orders by first author, then year, then title', () => {
    const entries = [
      { id: 'tax-1998', data: { ...mayer, authors: ['Tax, S. S.'], year: 1998 } },
      { id: 'mayer-2007', data: { ...mayer, year: 2007 } },
      { id: 'deutsch-1958', data: { ...mayer, authors: ['Deutsch, M.'], year: 1958 } },
      { id: 'mayer-1995', data: mayer },
      { id: 'doney-1997', data: { ...mayer, authors: ['doney, P. M.'], year: 1997 } },
    ];
    expect([...entries].sort(compareSources).map((e) => e.id)).toEqual([
      'deutsch-1958',
      'doney-1997',
      'mayer-1995',
      'mayer-2007',
      'tax-1998',
    ]);
  });
});

describe('sourceSchema', () => {
  const base = {
    kind: 'article',
    authors: ['Mayer, R. C.'],
    year: 1995,
    title: 'A title',
    container: 'A journal',
    volume: '20',
    pages: '1–2',
    note: 'What the course takes from it.',
  };
  const issues = (value: unknown) => {
    const result = sourceSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts the example entry and an article without an issue or url', () => {
    expect(issues(mayer)).toEqual([]);
    expect(issues(base)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { ...base, doi: '10.1/x' }, /doi|Unrecognized/i],
    [
      'an article without a journal',
      { ...base, container: undefined },
      /container: an article needs a container/,
    ],
    ['an article without a volume', { ...base, volume: undefined }, /volume: an article needs a volume/],
    ['an article without pages', { ...base, pages: undefined }, /pages: an article needs pages/],
    ['an article with a publisher', { ...base, publisher: 'X' }, /publisher: an article has no publisher/],
    ['an article with editors', { ...base, editors: ['A, B.'] }, /editors: an article has no editors/],
    [
      'a book without a publisher',
      { ...base, kind: 'book', container: undefined, volume: undefined, pages: undefined },
      /a book needs a publisher/,
    ],
    [
      'a book with a container',
      { ...base, kind: 'book', publisher: 'X', volume: undefined, pages: undefined },
      /a book has no container/,
    ],
    [
      'a chapter without its book',
      { kind: 'chapter', authors: ['A, B.'], year: 2000, title: 'T', publisher: 'P', note: 'A note here.' },
      /a chapter needs a container/,
    ],
    [
      'a web page without a url',
      { kind: 'web', authors: ['A'], year: 2000, title: 'T', container: 'Site', note: 'A note here.' },
      /url: a web page needs a url/,
    ],
    ['an http link', { ...base, url: 'http://example.com' }, /https/],
    ['no authors', { ...base, authors: [] }, /authors/],
    ['an unquoted year', { ...base, year: '1995' }, /year/],
    ['a numeric volume', { ...base, volume: 20 }, /volume/],
    ['an unknown kind', { ...base, kind: 'podcast' }, /kind/],
    ['no note', { ...base, note: undefined }, /note/],
  ])('rejects %s', (_name, value, expected) => {
    const found = issues(value);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(expected);
  });
});
