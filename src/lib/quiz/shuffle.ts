/**
 * The order a quiz attempt shows each question's options in. Pure and deterministic: the same seed
 * (one per attempt, held by the server) always deals the same order, so a re-render, a form shown again
 * with errors and a "retake only what I missed" all match what the learner first saw, while grading
 * stays by option id. The order carries no information about which option is right.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { QuestionType } from './schema';

const encoder = new TextEncoder();

/** A uniform shuffle: each option gets an independent pseudo-random key from the seed, and keys are sorted. */
function sortKey(seed: string, questionId: string, optionId: string): string {
  return encodeHexLowerCase(sha256(encoder.encode(`${seed}\u0000${questionId}\u0000${optionId}`)));
}

/**
 * `options` in the order this attempt shows them. True-false questions keep `True` then `False`: a
 * reversed pair reads as a trick, not as a fairer question.
 */
export function shuffleOptions<T extends { id: string }>(
  seed: string,
  question: { id: string; type: QuestionType },
  options: readonly T[],
): T[] {
  if (question.type === 'true-false') return [...options];
  return options
    .map((option, index) => ({ option, index, key: sortKey(seed, question.id, option.id) }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.index - y.index))
    .map(({ option }) => option);
}
