/** What makes a password acceptable (QUALITY.md "Passwords"): long enough, not common, not too long to hash. */
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 8;
/** Refused before hashing, so nobody can make the server hash megabytes. Long passphrases still fit. */
export const MAX_PASSWORD_BYTES = 1024;

export type PasswordProblem = 'too-short' | 'too-long' | 'common' | 'contains-email';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `Use at least ${MIN_PASSWORD_LENGTH} characters — a few words you'll remember make a strong password.`,
  'too-long': 'That password is too long. Use at most 1,024 bytes (several hundred characters).',
  common: 'That password is on the list of the most commonly used ones. Choose something less predictable.',
  'contains-email': 'Don’t use your email address as your password.',
};

/** Length counts characters as people see them, so a passphrase in any script is judged fairly. */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | null {
  if (new TextEncoder().encode(password).byteLength > MAX_PASSWORD_BYTES) return 'too-long';
  const normalized = password.normalize('NFC');
  if ([...new Intl.Segmenter().segment(normalized)].length < MIN_PASSWORD_LENGTH) return 'too-short';
  const lower = normalized.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  const email = context.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return 'contains-email';
  return null;
}
