/** Survey form schemas, shared by the actions and the service: one source for limits and messages. */
import { z } from 'astro/zod';
import { plainText } from '../platform/text';
import { CANT_SAY, MAX_COMMENT_LENGTH, SURVEY_ITEMS } from './items';

const id = z.string().regex(/^[a-z2-7]{26}$/, 'Choose a customer from your ledger.');

export const inviteForm = z.object({
  /** Addresses, one or several, separated by commas or new lines. */
  emails: z
    .string()
    .max(10_000, 'That list is too long: invite at most 25 people at a time.')
    .nullish()
    .transform((v) => v ?? ''),
  /** Ledger customers to make personal links for. */
  customers: z.array(id).max(100, 'Choose at most 25 customers at a time.').default([]),
  delivery: z.enum(['email', 'link'], { error: 'Choose how the invitations are sent.' }),
  /** The form's one-time id: the same form sent twice invites once. */
  submission: z.string().regex(/^[a-z2-7]{26}$/, 'This form has expired: reload the page and send it again.'),
  /** Present and "on" to start a new round instead of adding to the open one. */
  newRound: z.literal('on').optional(),
});
export type InviteInput = z.infer<typeof inviteForm>;

export const roundForm = z.object({ round: z.string().regex(/^[a-z2-7]{26}$/, 'There is no such round.') });

export const shareForm = z.object({
  share: z.enum(['on', 'off'], { error: 'Choose whether to share the report.' }),
});

export const itemField = (itemId: string): string => `item-${itemId}`;

const itemAnswer = z
  .enum(['1', '2', '3', '4', '5', CANT_SAY], { error: 'Choose one of the answers.' })
  .optional();

const itemShape: Record<string, typeof itemAnswer> = Object.fromEntries(
  SURVEY_ITEMS.map((item) => [itemField(item.id), itemAnswer]),
);

export const answerForm = z
  .object({
    overall: z.enum(['1', '2', '3', '4', '5'], { error: 'Choose how much you trust them overall.' }),
    comment: z
      .string()
      .trim()
      .max(MAX_COMMENT_LENGTH, `Keep the comment to ${MAX_COMMENT_LENGTH} characters.`)
      .superRefine(plainText({ multiline: true }))
      .nullish(),
  })
  .extend(itemShape);
export type AnswerInput = z.infer<typeof answerForm>;
