/** Email addresses as the product stores and compares them. */
import { z } from 'astro/zod';

export const MAX_EMAIL_LENGTH = 254;

/** Trimmed and lower-cased: one account per mailbox however it is typed. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(MAX_EMAIL_LENGTH, 'That email address is too long.')
  .pipe(z.email('Enter an email address like name@example.com.'))
  .transform(normalizeEmail);

/** Providers whose addresses ignore dots in the local part, and their other domain names. */
const DOTLESS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * One key per mailbox, for rules that hold once per person (the free trial): `Ana.Lopez+trial@GoogleMail.com`
 * and `analopez@gmail.com` reach the same inbox. Case doesn't matter, a `+tag` is dropped everywhere
 * (the common sub-addressing convention), and dots only where the provider ignores them.
 */
export function mailboxKey(email: string): string {
  const normal = normalizeEmail(email);
  const at = normal.lastIndexOf('@');
  if (at < 0) return normal;
  const domain = normal.slice(at + 1).replace(/\.$/, '');
  let local = normal.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOTLESS[domain];
  if (canonical) return `${local.replaceAll('.', '')}@${canonical}`;
  return `${local}@${domain}`;
}

/** Every domain whose addresses can share a mailbox key with `email`'s (gmail.com and googlemail.com). */
export function mailboxDomains(email: string): string[] {
  const domain = mailboxKey(email).split('@').pop() ?? '';
  const aliases = Object.entries(DOTLESS)
    .filter(([, canonical]) => canonical === domain)
    .map(([alias]) => alias);
  return aliases.length > 0 ? aliases : [domain];
}
