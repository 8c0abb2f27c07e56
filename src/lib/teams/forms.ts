/** Form schemas shared by the team pages' actions and the team service: one source for limits and messages. */
import { z } from 'astro/zod';
import { emailSchema } from '../accounts/email';
import { plainText } from '../platform/text';

export const teamNameSchema = z
  .string('Give the team a name, such as “West region sales”.')
  .trim()
  .min(1, 'Give the team a name, such as “West region sales”.')
  .max(80, 'Use at most 80 characters for the team’s name.')
  .superRefine(plainText());

export const createTeamForm = z.object({ name: teamNameSchema });

export const renameTeamForm = z.object({ name: teamNameSchema });

export const inviteRoleSchema = z.enum(
  ['member', 'manager'],
  'Choose whether they join as a rep or a manager.',
);

export const inviteForm = z.object({
  email: z.string('Enter the email address of the person to invite.').pipe(emailSchema),
  role: inviteRoleSchema.default('member'),
});

/** The largest invitation list read at once: a team, not a company directory. */
export const MAX_INVITE_ROWS = 200;

export const inviteListForm = z.object({
  /** Pasted addresses or CSV text; a file, when chosen, is read instead. */
  list: z
    .string('Paste the addresses as text.')
    .max(200_000, 'That list is too long. Invite at most 200 people at a time.')
    .nullish()
    .transform((v) => v ?? ''),
  file: z
    .instanceof(File, { message: 'Choose a CSV file.' })
    .refine((f) => f.size <= 200_000, 'That file is too large. Invite at most 200 people at a time.')
    .optional(),
});

const id = z.string().regex(/^[a-z2-7]{26}$/, 'That person or invitation was not found.');

export const memberForm = z.object({ userId: id });

export const memberRoleForm = z.object({
  userId: id,
  role: z.enum(['member', 'manager'], 'Choose manager or rep.'),
});

export const invitationForm = z.object({ invitationId: id });

/** The member who takes over the team from its owner. */
export const transferForm = z.object({
  userId: z
    .string('Choose who takes over the team.')
    .regex(/^[a-z2-7]{26}$/, 'Choose who takes over the team from the list.'),
});

export const sharingForm = z.object({
  sharesAssessment: z.literal('on').optional(),
  sharesKeptRate: z.literal('on').optional(),
});

export const summaryEmailForm = z.object({
  weeklySummary: z.literal('on').optional(),
});

export const seatsForm = z.object({
  seats: z.coerce
    .number('Enter the number of seats, such as 5.')
    .int('Enter a whole number of seats.')
    .min(1, 'A team needs at least one seat.')
    .max(1000, 'A team plan holds at most 1,000 seats.'),
});
