/** Reads the quiz files straight from disk, for tests that check the content itself. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const QUIZZES_DIR = fileURLToPath(new URL('../../content/quizzes', import.meta.url));

export interface QuizFileOnDisk {
  /** The lesson slug: the file name without `.yaml`. */
  slug: string;
  path: string;
  data: unknown;
}

export function readQuizFiles(): QuizFileOnDisk[] {
  return readdirSync(QUIZZES_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => {
      const path = join(QUIZZES_DIR, name);
      return { slug: name.replace(/\.yaml$/, ''), path, data: parse(readFileSync(path, 'utf8')) };
    });
}
