/** Reads the conversation files straight from disk, for tests that check the content itself. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { slugFromId } from '../../src/lib/content/course';
import { splitSections } from '../../src/lib/content/text';
import type { LessonAnchors } from '../../src/lib/conversations/course-check';
import { readLessonFiles } from './lessons';

export const CONVERSATIONS_DIR = fileURLToPath(new URL('../../content/conversations', import.meta.url));

export interface ConversationFileOnDisk {
  slug: string;
  path: string;
  data: unknown;
}

export function readConversationFiles(): ConversationFileOnDisk[] {
  return readdirSync(CONVERSATIONS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => {
      const path = join(CONVERSATIONS_DIR, name);
      return { slug: name.replace(/\.yaml$/, ''), path, data: parse(readFileSync(path, 'utf8')) };
    });
}

/** Every lesson's slug, module and section anchors, as the conversation check needs them. */
export function lessonAnchors(): LessonAnchors {
  return new Map(
    readLessonFiles().map((l) => [
      slugFromId(l.id),
      {
        module: l.id.split('/')[0] ?? '',
        anchors: new Set(
          splitSections(l.body)
            .map((s) => s.anchor)
            .filter((a): a is string => a !== null),
        ),
      },
    ]),
  );
}
