/**
 * The conversation check over every file in content/conversations: each explored path by path, each
 * rule failing on its own and naming what to fix.
 */
import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_CHECKS,
  conversationProblems,
  conversationReport,
} from '../../../src/lib/conversations/course-check';
import { conversationSchema } from '../../../src/lib/conversations/schema';
import { lessonAnchors, readConversationFiles } from '../../support/conversations';

const files = readConversationFiles();
const parsed = files.map((file) => ({ file, result: conversationSchema.safeParse(file.data) }));
const conversations = parsed.flatMap(({ file, result }) =>
  result.success ? [{ slug: file.slug, conversation: result.data }] : [],
);
const problems = conversationProblems(conversations, lessonAnchors());

describe('the conversation check over every conversation', () => {
  it('parses every file against the schema', () => {
    console.log(`\nConversation check (content/conversations)\n${conversationReport(conversations)}\n`);
    const errors = parsed.flatMap(({ file, result }) =>
      result.success ? [] : result.error.issues.map((i) => `${file.slug}: ${i.path.join('.')}: ${i.message}`),
    );
    expect(errors).toEqual([]);
    expect(conversations.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CONVERSATION_CHECKS.map((check) => [check]))('%s', (check) => {
    expect(problems.filter((p) => p.check === check).map((p) => p.message)).toEqual([]);
  });
});
