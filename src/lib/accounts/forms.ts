/** Form schemas shared by the account pages and their actions: one source for limits and messages. */
import { z } from 'astro/zod';
import { plainText } from '../platform/text';
import { emailSchema } from './email';
import { MAX_PASSWORD_BYTES } from './password-policy';

/** Passwords are checked against the policy by the service; here only the transport limits apply. */
const password = z
  .string()
  .max(MAX_PASSWORD_BYTES * 2, 'That password is too long.')
  .min(1, 'Enter your password.');

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Tell us what to call you.')
  .max(80, 'Use at most 80 characters for your name.')
  .superRefine(plainText());

export const signUpForm = z.object({
  displayName: displayNameSchema,
  email: emailSchema,
  password,
});

export const logInForm = z.object({
  email: emailSchema,
  password,
  next: z.string().max(2048).optional(),
});

export const forgotPasswordForm = z.object({ email: emailSchema });

export const resetPasswordForm = z.object({ password });

export const displayNameForm = z.object({ displayName: displayNameSchema });

export const changeEmailForm = z.object({ email: emailSchema, currentPassword: password });

export const changePasswordForm = z.object({ currentPassword: password, newPassword: password });

export const deleteAccountForm = z.object({ password });
