/** Browser helpers for conversation practice: playing a run through the pages, checking a page with scripts on. */
import { type Browser, expect, type Page } from '@playwright/test';
import { typeset } from '../../src/lib/content/typography';
import { bestReply } from '../../src/lib/conversations/engine';
import { type ConversationFile, conversationSchema } from '../../src/lib/conversations/schema';
import { expectAccessible } from './axe';
import { readConversationFiles } from './conversations';

// As the site shows them: typeset like every content file when loaded (ids are unchanged).
const conversations = new Map(
  readConversationFiles().map((f) => [f.slug, typeset(conversationSchema.parse(f.data))]),
);

export function conversation(slug: string): ConversationFile {
  const c = conversations.get(slug);
  if (!c) throw new Error(`no conversation ${slug}`);
  return c;
}

/**
 * From a conversation's page, starts a run and answers every turn with the reply `choose` picks (the
 * best by default), as a learner does: tick the radio button, press "Say it". Returns the turns seen.
 */
export async function playThrough(
  page: Page,
  slug: string,
  choose: (turnId: string) => string = (turnId) => {
    const turn = conversation(slug).turns[turnId];
    if (!turn) throw new Error(`no turn ${turnId}`);
    return bestReply(turn).id;
  },
): Promise<string[]> {
  await page.goto(`/practice/${slug}`);
  await page.getByRole('button', { name: /^(Start the conversation|Play again)$/ }).click();
  const turns: string[] = [];
  for (let i = 0; i < 10; i++) {
    const say = page.getByRole('button', { name: 'Say it' });
    const debrief = page.getByRole('heading', { level: 1, name: /^Debrief: / });
    await expect(say.or(debrief)).toBeVisible();
    if (await debrief.isVisible()) return turns;
    const turnId = await page.locator('input[name="turn"]').inputValue();
    turns.push(turnId);
    await page.locator(`input[name="reply"][value="${choose(turnId)}"]`).check();
    await say.click();
  }
  throw new Error('the conversation did not end in 10 turns');
}

/**
 * axe and the sideways-scroll check run scripts in the page, which a JavaScript-off page can't: they look
 * at the same URL, as the same person, at the same size, in a browser with scripts on.
 */
export async function checkWithScripts(page: Page, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  await context.addCookies(await page.context().cookies());
  const same = await context.newPage();
  await same.goto(page.url());
  await expectAccessible(same);
  const overflow = await same.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
}
