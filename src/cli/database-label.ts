/**
 * Which database a tool wrote to, for its output: an operator who forgot DATABASE_URL must see at once
 * that the change went to the embedded default, not to production. A file is named by its full path; a
 * remote database by its address, without credentials or query.
 */
import { isAbsolute, resolve } from 'node:path';
import { embeddedPath } from '@db/client';

export function databaseLabel(url: string, set: boolean, cwd = process.cwd()): string {
  let where: string;
  const path = embeddedPath(url);
  if (path !== null) where = isAbsolute(path) ? path : resolve(cwd, path);
  else {
    try {
      const parsed = new URL(url);
      where = `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
    } catch {
      where = 'the database named by DATABASE_URL';
    }
  }
  return set
    ? `Database: ${where} (DATABASE_URL)`
    : `Database: ${where} — the embedded default, because DATABASE_URL is not set. Set DATABASE_URL to change another database.`;
}
