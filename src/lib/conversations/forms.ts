/** Conversation practice form schemas, shared by the actions and the service; messages a learner can act on. */
import { z } from 'astro/zod';

const slug = z
  .string({ error: 'Choose a conversation from the practice page.' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Choose a conversation from the practice page.')
  .max(80, 'Choose a conversation from the practice page.');
const runId = z
  .string({ error: 'That conversation was not found. Start it again from the practice page.' })
  .regex(/^[a-z2-7]{26}$/, 'That conversation was not found. Start it again from the practice page.');

/** "Start the conversation": the form's one-time id makes a double click start one run. */
export const startRunForm = z.object({
  slug,
  submission: z
    .string({ error: 'The form has expired. Please reload the page and start again.' })
    .regex(/^[a-z2-7]{26}$/, 'The form has expired. Please reload the page and start again.'),
});

/**
 * One turn's answer. `step` is the number of turns answered when the form was shown and `turn` the turn
 * it showed: a resubmitted old form is recognised as old instead of answering the current turn.
 */
export const replyForm = z.object({
  run: runId,
  step: z.coerce
    .number({ error: 'The form was incomplete. Please choose your reply again.' })
    .int('The form was incomplete. Please choose your reply again.')
    .min(0, 'The form was incomplete. Please choose your reply again.')
    .max(20, 'The form was incomplete. Please choose your reply again.'),
  turn: z
    .string({ error: 'The form was incomplete. Please choose your reply again.' })
    .regex(/^[a-z0-9-]{1,40}$/, 'The form was incomplete. Please choose your reply again.'),
  reply: z
    .string({ error: 'Choose one of the replies.' })
    .regex(/^[a-z0-9-]{1,40}$/, 'Choose one of the replies.'),
});

export type StartRunInput = z.infer<typeof startRunForm>;
export type ReplyInput = z.infer<typeof replyForm>;
