/** Driving conversation runs over HTTP, as a browser without JavaScript does. */

import { expect } from 'vitest';
import { typeset } from '../../src/lib/content/typography';
import { bestReply } from '../../src/lib/conversations/engine';
import { type ConversationFile, conversationSchema } from '../../src/lib/conversations/schema';
import type { Visitor } from './browser-less';
import { readConversationFiles } from './conversations';
import { postForm } from './learning';

// As the site shows them: typeset like every content file when loaded.
const conversations = new Map(
  readConversationFiles().map((f) => [f.slug, typeset(conversationSchema.parse(f.data))]),
);

export function conversationOf(slug: string): ConversationFile {
  const c = conversations.get(slug);
  if (!c) throw new Error(`no conversation ${slug}`);
  return c;
}

export interface TurnForm {
  run: string;
  step: string;
  turn: string;
  /** Reply ids in the order the page shows them. */
  replies: string[];
}

/** The hidden fields and reply choices of a rendered turn; null when the page shows no turn form. */
export function turnFormIn(html: string): TurnForm | null {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  const run = field('run');
  const step = field('step');
  const turn = field('turn');
  if (!run || !step || !turn) return null;
  const replies = [...html.matchAll(/name="reply" value="([a-z0-9-]+)"/g)].map((m) => m[1] ?? '');
  return { run, step, turn, replies };
}

/** Starts a run of `slug` and returns its page's path. */
export async function startRun(v: Visitor, slug: string): Promise<string> {
  const html = await (await v.get(`/practice/${slug}`)).text();
  const submission = /name="submission" value="([a-z2-7]{26})"/.exec(html)?.[1];
  if (!submission) throw new Error('no start form');
  const res = await postForm(v, `/practice/${slug}?_action=conversations.start`, [
    ['slug', slug],
    ['submission', submission],
  ]);
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^/practice/${slug}/[a-z2-7]{26}$`));
  return location;
}

export function sendReply(v: Visitor, path: string, form: TurnForm, reply: string): Promise<Response> {
  return postForm(v, `${path.split('?')[0]}?_action=conversations.reply`, [
    ['run', form.run],
    ['step', form.step],
    ['turn', form.turn],
    ['reply', reply],
  ]);
}

/**
 * Plays a run to its ending, choosing at each turn with `choose` (the best reply by default); returns the
 * location of the last redirect (the debrief) and the turns seen.
 */
export async function playToEnd(
  v: Visitor,
  path: string,
  slug: string,
  choose: (turnId: string) => string = (turnId) => {
    const turn = conversationOf(slug).turns[turnId];
    if (!turn) throw new Error(`no turn ${turnId}`);
    return bestReply(turn).id;
  },
): Promise<{ location: string; turns: string[] }> {
  const turns: string[] = [];
  let location = path;
  for (let i = 0; i < 10; i++) {
    const html = await (await v.get(location)).text();
    const form = turnFormIn(html);
    if (!form) return { location, turns };
    turns.push(form.turn);
    const res = await sendReply(v, location, form, choose(form.turn));
    expect(res.status).toBe(303);
    location = res.headers.get('location') ?? '';
  }
  throw new Error('the run did not end in 10 turns');
}
