/** Quiz submissions: reading them strictly, and grading them. Pure; the answer key never leaves the server. */
import { DEFAULT_PASS_PERCENT, type QuestionType, type QuizFile, type QuizQuestion } from './schema';
import { shuffleOptions } from './shuffle';

/** `{ questionId: optionIds }` — what a learner chose. */
export type Answers = Record<string, string[]>;

/** What the browser may see of a question: no `correct`, no explanations. */
export interface PublicQuestion {
  id: string;
  type: QuestionType;
  scenario: string | null;
  prompt: string;
  options: { id: string; text: string }[];
}

/** The options come in file order, or in the order an attempt with this `seed` shows them. */
export function publicQuestion(q: QuizQuestion, seed: string | null = null): PublicQuestion {
  const options = seed === null ? q.options : shuffleOptions(seed, q, q.options);
  return {
    id: q.id,
    type: q.type,
    scenario: q.scenario ?? null,
    prompt: q.prompt,
    options: options.map((o) => ({ id: o.id, text: o.text })),
  };
}

export function passPercent(quiz: QuizFile): number {
  return quiz.passPercent ?? DEFAULT_PASS_PERCENT;
}

export function allowsSeveral(type: QuestionType): boolean {
  return type === 'multiple';
}

/**
 * A question's score from 0 to 1. One-answer questions: 1 for the right option, else 0. Multiple
 * choice: (right ticked − wrong ticked) ÷ right options, never below 0 — every question has a wrong
 * option, so ticking everything can never earn full marks.
 */
export function scoreQuestion(q: Pick<QuizQuestion, 'type' | 'options'>, chosen: readonly string[]): number {
  const right = q.options.filter((o) => o.correct).map((o) => o.id);
  if (!allowsSeveral(q.type)) return chosen.length === 1 && right.includes(chosen[0] ?? '') ? 1 : 0;
  const hits = chosen.filter((id) => right.includes(id)).length;
  const misses = chosen.length - hits;
  return Math.max(0, (hits - misses) / right.length);
}

export interface QuestionResult {
  questionId: string;
  chosen: string[];
  /** 0–1. */
  score: number;
  /** Full marks on this question. */
  correct: boolean;
}

export interface Grade {
  /** 0–100, rounded down so a pass is never rounded into existence. */
  score: number;
  passed: boolean;
  questions: QuestionResult[];
}

export function gradeQuiz(quiz: QuizFile, answers: Answers): Grade {
  const questions = quiz.questions.map((q) => {
    const chosen = answers[q.id] ?? [];
    const score = scoreQuestion(q, chosen);
    return { questionId: q.id, chosen, score, correct: score === 1 };
  });
  const total = questions.reduce((sum, r) => sum + r.score, 0);
  const score = Math.floor((total / quiz.questions.length) * 100 + 1e-9);
  return { score, passed: score >= passPercent(quiz), questions };
}

/** How a quiz changed since an attempt was stored: questions it has no answer to, answers to questions no longer asked. */
export interface Revision {
  /** Questions of today's quiz the attempt has no answer to (added since). */
  added: string[];
  /** Answered questions that today's quiz no longer has (replaced or removed since). */
  removed: string[];
}

/** Compares a stored attempt's answers with today's quiz. Both lists are empty when nothing changed. */
export function revisionSince(quiz: QuizFile, answers: Answers): Revision {
  const current = new Set(quiz.questions.map((q) => q.id));
  return {
    added: quiz.questions.filter((q) => !answers[q.id]?.length).map((q) => q.id),
    removed: Object.keys(answers).filter((id) => !current.has(id)),
  };
}

/** Questions not answered with full marks: what "retake only what I missed" asks again. */
export function missedQuestionIds(grade: Grade): string[] {
  return grade.questions.filter((r) => !r.correct).map((r) => r.questionId);
}

export type ReadResult =
  | { kind: 'ok'; answers: Answers }
  /** Something no form of ours sends (a bad id, a duplicate, two answers to a one-answer question): 400. */
  | { kind: 'bad-request'; message: string }
  /** A genuine form with questions left blank: shown again with the answers kept. */
  | { kind: 'incomplete'; answers: Answers; unanswered: string[] };

/** Field name of a question in the quiz form. */
export const fieldName = (questionId: string): string => `q-${questionId}`;

/** The most values a quiz form can carry; anything larger is not a quiz form. */
const MAX_FIELDS = 200;

/**
 * Reads the answer fields of a submitted form for `asked` (the questions the form showed). Every
 * `q-…` field must name a question that was asked, every value an option of that question, with no
 * repeats and one value for one-answer questions.
 */
export function readAnswers(
  quiz: QuizFile,
  asked: readonly string[],
  entries: [string, string][],
): ReadResult {
  if (entries.length > MAX_FIELDS) return { kind: 'bad-request', message: 'The form has too many fields.' };
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const answers: Answers = {};
  for (const [name, value] of entries) {
    if (!name.startsWith('q-')) continue;
    const id = name.slice(2);
    const question = byId.get(id);
    if (!question || !asked.includes(id)) {
      return { kind: 'bad-request', message: `There is no question “${id.slice(0, 40)}” in this quiz.` };
    }
    if (!question.options.some((o) => o.id === value)) {
      return { kind: 'bad-request', message: `“${value.slice(0, 40)}” is not an option of that question.` };
    }
    const list = answers[id] ?? [];
    if (list.includes(value)) return { kind: 'bad-request', message: 'The same option was sent twice.' };
    if (list.length > 0 && !allowsSeveral(question.type)) {
      return { kind: 'bad-request', message: 'Only one answer is allowed for that question.' };
    }
    answers[id] = [...list, value];
  }
  const unanswered = asked.filter((id) => !answers[id]?.length);
  return unanswered.length > 0 ? { kind: 'incomplete', answers, unanswered } : { kind: 'ok', answers };
}
