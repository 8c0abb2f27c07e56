import { describe, expect, it } from 'vitest';
import { databaseLabel } from '../../../src/cli/database-label';

describe('databaseLabel', () => {
  it('names the embedded default by its full path and says DATABASE_URL is not set', () => {
    expect(databaseLabel('file:./data/academy.db', false, '/srv/academy')).toBe(
      'Database: /srv/academy/data/academy.db — the embedded default, because DATABASE_URL is not set. Set DATABASE_URL to change another database.',
    );
  });

  it('names a database given in DATABASE_URL, a file or a server, without credentials', () => {
    expect(databaseLabel('file:/var/lib/academy.db', true)).toBe(
      'Database: /var/lib/academy.db (DATABASE_URL)',
    );
    expect(databaseLabel('file:///var/lib/academy.db', true)).toBe(
      'Database: /var/lib/academy.db (DATABASE_URL)',
    );
    expect(databaseLabel('libsql://user:secret@db.example.com/main?authToken=abc', true)).toBe(
      'Database: libsql://db.example.com/main (DATABASE_URL)',
    );
  });
});
