/**
 * The one place that says how boosters are scheduled: FSRS (ts-fsrs) per learner and item, the rating an
 * answer earns, when an item retires, and what the retention figure means. Pure: every function takes
 * the time from its caller.
 */
import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';

/**
 * Default FSRS parameters (90% requested retention). No fuzz, so a due date follows from the answers
 * alone (and tests can state it); no short-term learning steps, since boosters come back on days, never
 * minutes later in the same session.
 */
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/**
 * An item retires once a right answer leaves its stability at 120 days or more: FSRS then expects it
 * recalled with 90% probability four months on, so asking it again would cost more time than it saves.
 */
export const RETIRE_STABILITY_DAYS = 120;

/** How sure the learner says they were; optional on the form. */
export const CONFIDENCE = ['guessed', 'sure', 'certain'] as const;
export type Confidence = (typeof CONFIDENCE)[number];

/** The FSRS memory state of one item, as stored. */
export interface MemoryState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

const toCard = (m: MemoryState): Card => ({
  due: m.due,
  stability: m.stability,
  difficulty: m.difficulty,
  elapsed_days: m.elapsedDays,
  scheduled_days: m.scheduledDays,
  learning_steps: m.learningSteps,
  reps: m.reps,
  lapses: m.lapses,
  state: m.state as State,
  ...(m.lastReview ? { last_review: m.lastReview } : {}),
});

const fromCard = (c: Card): MemoryState => ({
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  elapsedDays: c.elapsed_days,
  scheduledDays: c.scheduled_days,
  learningSteps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  lastReview: c.last_review ?? null,
});

/**
 * The rating an answer earns: a wrong (or partly wrong) answer is Again; a right one is Good, or Hard
 * when the learner says they guessed, or Easy when they say they were certain.
 */
export function ratingFor(correct: boolean, confidence: Confidence | null): Grade {
  if (!correct) return Rating.Again;
  if (confidence === 'guessed') return Rating.Hard;
  if (confidence === 'certain') return Rating.Easy;
  return Rating.Good;
}

export interface Reviewed {
  memory: MemoryState;
  /** This answer makes the item well known: it leaves the deck's reviews. */
  retires: boolean;
  /** FSRS's predicted chance of recall just before the answer, 0–1. */
  retrievability: number;
}

/** Applies one answer at `now` to an item's memory state. */
export function review(memory: MemoryState, rating: Grade, now: Date): Reviewed {
  const card = toCard(memory);
  const retrievability = card.state === State.New ? 0 : scheduler.get_retrievability(card, now, false);
  const next = fromCard(scheduler.next(card, now, rating).card);
  return {
    memory: next,
    retires: rating !== Rating.Again && next.stability >= RETIRE_STABILITY_DAYS,
    retrievability,
  };
}

/**
 * An item entering the deck when its quiz is passed. The quiz answer is its first review: a right one
 * brings it back in a few days, a wrong one (a quiz passes with a miss or two) tomorrow.
 */
export function firstMemory(correctInQuiz: boolean, now: Date): MemoryState {
  return review(fromCard(createEmptyCard(now)), ratingFor(correctInQuiz, null), now).memory;
}

/** What the chance of recall depends on: how stable the memory is, its state and when it was last reviewed. */
export type RecallState = Pick<MemoryState, 'stability' | 'state' | 'lastReview'>;

/** The rest of a card, which FSRS's retrievability never reads. */
const RECALL_ONLY = createEmptyCard(new Date(0));

/** FSRS's predicted chance, 0–1, that the learner would answer the item right at `now`. */
export function retrievabilityAt(memory: RecallState, now: Date): number {
  if (memory.state === State.New) return 0;
  return scheduler.get_retrievability(
    {
      ...RECALL_ONLY,
      stability: memory.stability,
      state: memory.state as State,
      ...(memory.lastReview ? { last_review: memory.lastReview } : {}),
    },
    now,
    false,
  );
}

/**
 * The retention figure: the average, over every item in the learner's deck (retired ones included),
 * of FSRS's predicted chance of answering it right today. Null for an empty deck. "You still know 87% of
 * what you learned" means exactly this, rounded to a whole percent.
 */
export function retentionPercent(memories: readonly RecallState[], now: Date): number | null {
  if (memories.length === 0) return null;
  const sum = memories.reduce((total, m) => total + retrievabilityAt(m, now), 0);
  return Math.round((100 * sum) / memories.length);
}
