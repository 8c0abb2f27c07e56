/** Reads the lesson files straight from disk, for tests that check the content itself. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const LESSONS_DIR = fileURLToPath(new URL('../../content/lessons', import.meta.url));

export interface LessonFile {
  /** Collection id, as Astro's glob loader makes it: `<module>/<NN-slug>`. */
  id: string;
  path: string;
  frontmatter: unknown;
  body: string;
}

export function readLessonFiles(): LessonFile[] {
  const files: LessonFile[] = [];
  for (const module of readdirSync(LESSONS_DIR)) {
    for (const name of readdirSync(join(LESSONS_DIR, module))) {
      if (!name.endsWith('.mdx')) continue;
      const path = join(LESSONS_DIR, module, name);
      const source = readFileSync(path, 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
      if (!match) throw new Error(`${path} has no frontmatter`);
      files.push({
        id: relative(LESSONS_DIR, path).replace(/\.mdx$/, ''),
        path,
        frontmatter: parse(match[1] ?? ''),
        body: match[2] ?? '',
      });
    }
  }
  return files;
}
