/** Form schemas shared by the account pages and their actions: one source for limits and messages. */
import { formSchema, z } from '../platform/forms';
import { plainText } from '../platform/text';
import { emailSchema } from './email';
import { MAX_PASSWORD_BYTES, PASSWORD_MESSAGES, passwordProblem } from './password-policy';

/** Passwords are checked against the policy by the service; here only the transport limits apply. */
const password = z
  .string({ error: 'Enter your password.' })
  .max(MAX_PASSWORD_BYTES * 2, 'That password is too long.')
  .min(1, 'Enter your password.');

/**
 * A password being chosen: the policy's length and common-password rules here too, so a short one is
 * reported with every other field's problem at once (the service still checks, with the email).
 */
const newPassword = password.superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES[problem] });
});

export const displayNameSchema = z
  .string({ error: 'Tell us what to call you.' })
  .trim()
  .min(1, 'Tell us what to call you.')
  .max(80, 'Use at most 80 characters for your name.')
  .superRefine(plainText());

export const signUpForm = formSchema({
  displayName: displayNameSchema,
  email: emailSchema,
  password: newPassword,
});

export const logInForm = formSchema({
  email: emailSchema,
  password,
  next: z
    .string({ error: 'Reload the page and log in again.' })
    .max(2048, 'Reload the page and log in again.')
    .optional(),
});

export const forgotPasswordForm = formSchema({ email: emailSchema });

export const resetPasswordForm = formSchema({ password });

export const displayNameForm = formSchema({ displayName: displayNameSchema });

export const changeEmailForm = formSchema({ email: emailSchema, currentPassword: password });

export const changePasswordForm = formSchema({ currentPassword: password, newPassword });

export const deleteAccountForm = formSchema({ password });
