/** The lesson-quiz file schema (`content/quizzes/<lesson-slug>.yaml`): the reference for quiz authors. */
import { z } from 'astro/zod';
import { ELEMENTS } from '../content/elements';

export const QUESTION_TYPES = ['single', 'multiple', 'true-false', 'scenario'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The pass mark when a quiz names none, in percent. */
export const DEFAULT_PASS_PERCENT = 80;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string().regex(KEBAB, 'use lowercase letters, digits and hyphens').max(40);

export const optionSchema = z
  .object({
    /** Stable id inside its question (`a`, `b`…; `true` / `false` for true-false). Stored with attempts. */
    id,
    /** What the learner reads next to the radio button or checkbox. */
    text: z.string().trim().min(1).max(300),
    /** Whether choosing this option is right. Stays on the server. */
    correct: z.boolean(),
    /** Why the option is right or wrong, in one or two sentences; shown after grading. */
    explanation: z.string().trim().min(10).max(500),
  })
  .strict();

export const questionSchema = z
  .object({
    /** Stable id inside the quiz (`q1`, `q2`…). Never renumber a published quiz: attempts refer to it. */
    id,
    /** single: one right option · multiple: "select all that apply", one right option up to all but one · true-false · scenario: a situation, then one best response. */
    type: z.enum(QUESTION_TYPES),
    /** The trust element the question exercises. */
    element: z.enum(ELEMENTS),
    /** Scenario questions only: the customer situation, told in one to four sentences. */
    scenario: z.string().trim().min(20).max(800).optional(),
    /** The question itself, ending with a question mark or a colon (true-false: a statement). */
    prompt: z.string().trim().min(10).max(400),
    /** The id of the lesson heading (`## …`, as its anchor) that covers this question; feedback links to it. */
    section: z.string().regex(KEBAB, 'use the heading’s anchor').max(100),
    /** The choices. Shown in an order shuffled per attempt (true-false keeps True, False); the file order is not what learners see. */
    options: z.array(optionSchema).min(2).max(6),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (message: string, path: (string | number)[] = ['options']): void => {
      ctx.addIssue({ code: 'custom', message, path });
    };
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) issue('option ids must be unique within a question');
    const right = q.options.filter((o) => o.correct).length;
    const wrong = q.options.length - right;
    if (q.type === 'scenario' && q.scenario === undefined)
      issue('a scenario question needs a scenario', ['scenario']);
    if (q.type !== 'scenario' && q.scenario !== undefined)
      issue('only scenario questions have a scenario', ['scenario']);
    if (q.type === 'true-false') {
      if (ids.join(',') !== 'true,false')
        issue('a true-false question has exactly the options `true` and `false`, in that order');
      if (right !== 1) issue('a true-false question has exactly one right option');
    } else if (q.type === 'multiple') {
      if (q.options.length < 3) issue('a multiple-choice question has at least three options');
      // One right option is allowed (the count must vary, or "tick three" passes unread); at least one
      // wrong option, so that ticking every box can never earn full marks.
      if (right < 1 || wrong < 1)
        issue('a multiple-choice question has at least one right and one wrong option');
    } else {
      if (q.options.length < 3) issue(`a ${q.type} question has at least three options`);
      if (right !== 1) issue(`a ${q.type} question has exactly one right option`);
    }
  });

export const quizSchema = z
  .object({
    /** Percent needed to pass; 80 when omitted. */
    passPercent: z.number().int().min(1).max(100).optional(),
    /** Four to eight questions, in the order shown. */
    questions: z.array(questionSchema).min(4).max(8),
  })
  .strict()
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: 'custom',
        message: 'question ids must be unique within a quiz',
        path: ['questions'],
      });
    }
  });

export type QuizFile = z.infer<typeof quizSchema>;
export type QuizQuestion = z.infer<typeof questionSchema>;
export type QuizOption = z.infer<typeof optionSchema>;
