import { describe, expect, it } from 'vitest';
import type { LessonMeta } from '../../../src/lib/content/course';
import { searchDocuments } from '../../../src/lib/search/documents';
import { lessonSearch } from '../../../src/lib/search/query';

function lesson(
  slug: string,
  title: string,
  free: boolean,
  summary = 'A lesson about customers.',
): LessonMeta {
  return {
    id: `foundations/01-${slug}`,
    slug,
    title,
    summary,
    module: 'foundations',
    element: null,
    order: 1,
    minutes: 5,
    free,
    objectives: ['Do one thing well', 'Do another thing'],
    words: 100,
    readingMinutes: 1,
  };
}

const docs = [
  ...searchDocuments(
    lesson('promises', 'Small certain promises', true),
    'Intro.\n\n## The callback\n\nCall the customer back tomorrow. A promise kept is a deposit.\n',
  ),
  ...searchDocuments(
    lesson('bad-news', 'Bad news early', true),
    '## Timing\n\nTell the customer the bad news before they find out. Mention the promise once.\n',
  ),
  ...searchDocuments(
    lesson('secret', 'Self-orientation', false, 'How your own interests show.'),
    '## Commission\n\nThe zanzibar test: notice when the commission talks louder than the customer.\n',
  ),
];

const index = lessonSearch(docs);

function search(q: string, member: boolean) {
  return index.search(q, { member });
}

describe('lesson search ranking', () => {
  it('ranks a title match above a body mention', () => {
    const results = search('promise', false);
    expect(results.map((r) => r.slug)).toEqual(['promises', 'bad-news']);
  });

  it('stems words and matches the last word as a prefix', () => {
    expect(search('promising', false).map((r) => r.slug)).toContain('promises');
    expect(search('callba', false).map((r) => [r.slug, r.anchor])).toEqual([['promises', 'the-callback']]);
  });

  it('highlights the matched words in the snippet', () => {
    const [first] = search('tomorrow', false);
    expect(first?.snippetHtml).toContain('<mark>tomorrow</mark>');
  });

  it('finds a member lesson by its title and summary for everyone', () => {
    const results = search('interests', false);
    expect(results.map((r) => r.slug)).toEqual(['secret']);
    expect(results[0]?.snippetHtml).not.toContain('zanzibar');
  });

  it('searches and quotes a member lesson body only for members', () => {
    expect(search('zanzibar', false)).toEqual([]);
    const forMember = search('zanzibar', true);
    expect(forMember.map((r) => r.slug)).toEqual(['secret']);
    expect(forMember[0]?.snippetHtml).toContain('<mark>zanzibar</mark>');
  });

  it('gives one result per lesson, at its best part, counting the parts that matched', () => {
    const results = search('customer', true);
    expect(results.map((r) => r.slug).sort()).toEqual(['bad-news', 'promises', 'secret']);
    const promises = results.find((r) => r.slug === 'promises');
    expect(promises?.matches).toBe(2);
  });

  it('needs every word, and finds nothing for words that are not there', () => {
    expect(search('customer zanzibar', true).map((r) => r.slug)).toEqual(['secret']);
    expect(search('customer zanzibar', false)).toEqual([]);
    expect(search('"*()"', true)).toEqual([]);
  });
});
