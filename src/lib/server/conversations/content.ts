/** The course's conversations, read once per build from the content collection (answer keys included: server only). */
import { getCollection } from 'astro:content';
import { MODULES, type Module } from '../../content/elements';
import { typeset } from '../../content/typography';
import type { ConversationFile } from '../../conversations/schema';

export interface ConversationEntry {
  slug: string;
  conversation: ConversationFile;
}

interface Loaded {
  /** In module order, then by `order`. */
  all: ConversationEntry[];
  bySlug: ReadonlyMap<string, ConversationEntry>;
  byModule: ReadonlyMap<Module, readonly string[]>;
}

let loaded: Promise<Loaded> | null = null;

async function load(): Promise<Loaded> {
  const all = (await getCollection('conversations'))
    // Shown with curly quotes and dashes, like the lessons' Markdown.
    .map((e) => ({ slug: e.id, conversation: typeset(e.data) }))
    .sort(
      (a, b) =>
        MODULES.indexOf(a.conversation.module) - MODULES.indexOf(b.conversation.module) ||
        a.conversation.order - b.conversation.order,
    );
  const byModule = new Map<Module, string[]>();
  for (const c of all)
    byModule.set(c.conversation.module, [...(byModule.get(c.conversation.module) ?? []), c.slug]);
  return { all, bySlug: new Map(all.map((c) => [c.slug, c])), byModule };
}

/** Content does not change while a build runs, so it is read once (in dev, on every call). */
function conversations(): Promise<Loaded> {
  if (import.meta.env.DEV) return load();
  loaded ??= load();
  return loaded;
}

export async function allConversations(): Promise<ConversationEntry[]> {
  return (await conversations()).all;
}

export async function getConversation(slug: string): Promise<ConversationEntry | null> {
  return (await conversations()).bySlug.get(slug) ?? null;
}

/** Each module's conversations by slug, as progress counts them. */
export async function conversationsByModule(): Promise<ReadonlyMap<Module, readonly string[]>> {
  return (await conversations()).byModule;
}
