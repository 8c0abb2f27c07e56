/**
 * How each kind of deck item is asked as a booster. Quiz questions come from the lesson quizzes; other
 * kinds (conversation turns) are registered by the domain that owns their content, with
 * `registerItemKind`, so the deck stores keys only and never a copy of the content.
 */
import type { BoosterQuestion, ItemKind } from '../../boosters/items';
import { getCourse, getQuiz, lessonSections } from '../content/service';

/** The booster for an item, or null when its content no longer exists (a question replaced since). */
export type ItemResolver = (source: string, ref: string) => Promise<BoosterQuestion | null>;

async function quizQuestion(source: string, ref: string): Promise<BoosterQuestion | null> {
  const [course, quiz] = await Promise.all([getCourse(), getQuiz(source)]);
  const lesson = course.bySlug.get(source);
  const question = quiz?.questions.find((q) => q.id === ref);
  if (!lesson || !question) return null;
  const section = (await lessonSections(source)).get(question.section) ?? null;
  return {
    kind: 'quiz-question',
    id: question.id,
    type: question.type,
    scenario: question.scenario ?? null,
    prompt: question.prompt,
    options: question.options.map((o) => ({ ...o })),
    sourceTitle: lesson.title,
    reviewHref: `/lessons/${source}${section ? `#${question.section}` : ''}`,
    reviewLabel: section,
    lessonSlug: source,
  };
}

const resolvers = new Map<ItemKind, ItemResolver>([['quiz-question', quizQuestion]]);

/** Teaches the deck how to ask items of `kind` (the conversations domain registers its turns at start-up). */
export function registerItemKind(kind: ItemKind, resolver: ItemResolver): void {
  resolvers.set(kind, resolver);
}

export async function resolveItem(
  kind: string,
  source: string,
  ref: string,
): Promise<BoosterQuestion | null> {
  const resolver = resolvers.get(kind as ItemKind);
  return resolver ? resolver(source, ref) : null;
}
