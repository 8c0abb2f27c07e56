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

/**
 * A member lesson as its preview splits it (src/lib/content/preview.ts): the opening up to its second
 * `##` section, and the rest without its heading lines (the paywall names those sections).
 */
export function splitAtPreview(file: LessonFile): { opening: LessonFile; rest: LessonFile } {
  const sections = [...file.body.matchAll(/^## /gm)];
  const cut = (sections.length >= 2 ? sections[1] : sections[0])?.index ?? 0;
  return {
    opening: { ...file, body: file.body.slice(0, cut) },
    rest: { ...file, body: file.body.slice(cut).replace(/^#.*$/gm, '') },
  };
}
