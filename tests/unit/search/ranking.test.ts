import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonMeta } from '../../../src/lib/content/course';
import { searchDocuments } from '../../../src/lib/search/documents';
import { rankHits, toMatchExpression } from '../../../src/lib/search/query';
import { findHits, indexedHash, replaceIndex } from '../../../src/lib/server/search/queries';
import { type TestDatabase, testDatabase } from '../../support/database';

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

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
  await replaceIndex(db.db, docs, 'hash-1');
});
afterAll(() => db.dispose());

async function search(q: string, member: boolean) {
  const match = toMatchExpression(q);
  if (!match) throw new Error('no query');
  return rankHits(await findHits(db.client, match, { member, limit: 50 }));
}

describe('lesson search ranking (FTS5)', () => {
  it('ranks a title match above a body mention', async () => {
    const results = await search('promise', false);
    expect(results.map((r) => r.slug)).toEqual(['promises', 'bad-news']);
  });

  it('stems words and matches the last word as a prefix', async () => {
    expect((await search('promising', false)).map((r) => r.slug)).toContain('promises');
    expect((await search('callba', false)).map((r) => [r.slug, r.anchor])).toEqual([
      ['promises', 'the-callback'],
    ]);
  });

  it('highlights the matched words in the snippet', async () => {
    const [first] = await search('tomorrow', false);
    expect(first?.snippetHtml).toContain('<mark>tomorrow</mark>');
  });

  it('finds a member lesson by its title and summary for everyone', async () => {
    const results = await search('interests', false);
    expect(results.map((r) => r.slug)).toEqual(['secret']);
    expect(results[0]?.snippetHtml).not.toContain('zanzibar');
  });

  it('searches and quotes a member lesson body only for members', async () => {
    expect(await search('zanzibar', false)).toEqual([]);
    const forMember = await search('zanzibar', true);
    expect(forMember.map((r) => r.slug)).toEqual(['secret']);
    expect(forMember[0]?.snippetHtml).toContain('<mark>zanzibar</mark>');
  });

  it('rebuilds only when the content hash changes', async () => {
    await replaceIndex(db.db, docs.slice(0, 1), 'hash-1');
    expect((await search('zanzibar', true)).length).toBe(1);
    await replaceIndex(db.db, docs.slice(0, 1), 'hash-2');
    expect(await search('zanzibar', true)).toEqual([]);
    expect(await indexedHash(db.db)).toBe('hash-2');
  });
});
