/** Email addresses as the product stores and compares them. */
import { z } from 'astro/zod';

export const MAX_EMAIL_LENGTH = 254;

/** Trimmed and lower-cased: one account per mailbox however it is typed. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .max(MAX_EMAIL_LENGTH, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'))
  .transform(normalizeEmail);
