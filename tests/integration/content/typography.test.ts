/**
 * Quizzes and conversations are YAML shown as plain text: they reach the page with the same curly
 * quotes and apostrophes as the lessons' Markdown (review item 21), typeset once where they are loaded.
 */
import { describe, expect, it } from 'vitest';
import { conversationSchema } from '../../../src/lib/conversations/schema';
import { quizSchema } from '../../../src/lib/quiz/schema';
import { readConversationFiles } from '../../support/conversations';
import { startRun } from '../../support/conversations-http';
import { useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';
import { readQuizFiles } from '../../support/quizzes';

const ctx = useLearningServer();
const QUIZ_SLUG = 'trust-is-expectations-met';
const CONVERSATION = 'the-inherited-promise';

/** Texts of a content file (as written) that have a straight quote or apostrophe. */
function straight(texts: string[]): string[] {
  const found = texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => /['"]/.test(t));
  if (found.length === 0) throw new Error('the content has no straight quote to test with');
  return found;
}

describe('quiz and practice text', () => {
  it('shows a quiz’s questions and options with curly quotes and apostrophes', async () => {
    const quiz = quizSchema.parse(readQuizFiles().find((f) => f.slug === QUIZ_SLUG)?.data);
    const written = straight(
      quiz.questions.flatMap((q) => [q.prompt, q.scenario ?? '', ...q.options.map((o) => o.text)]),
    );
    const { v } = await ctx.person();
    const text = visibleText(await (await v.get(`/lessons/${QUIZ_SLUG}/quiz`)).text());
    for (const t of written) {
      expect(text).not.toContain(t);
      expect(text).toContain(t.replace(/'/g, '’').replace(/"(\S)/g, '“$1').replace(/"/g, '”'));
    }
  });

  it('shows a conversation’s customer lines and replies with curly apostrophes', async () => {
    const file = readConversationFiles().find((f) => f.slug === CONVERSATION);
    const conversation = conversationSchema.parse(file?.data);
    const first = conversation.turns[conversation.start];
    if (!first) throw new Error('no first turn');
    const written = straight([first.customer, ...first.replies.map((r) => r.text)]);
    const { v } = await ctx.person({ member: false });
    const text = visibleText(await (await v.get(await startRun(v, CONVERSATION))).text());
    for (const t of written) {
      expect(text).not.toContain(t);
      expect(text).toContain(t.replace(/'/g, '’'));
    }
  });
});
