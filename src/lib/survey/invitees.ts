/**
 * Who a member may invite: addresses typed one or several at once, and the refusals and flags against
 * a member surveying themselves (ballot stuffing). Pure.
 */
import { z } from 'astro/zod';
import { MAX_EMAIL_LENGTH, mailboxKey, normalizeEmail } from '../accounts/email';

/** Invitations in one go; more are refused with a message, nothing is half-sent. */
export const MAX_PER_BATCH = 25;

/**
 * Mail providers whose addresses belong to anyone: two people at gmail.com are not colleagues. An
 * address at the member's own domain otherwise most likely belongs to a colleague, not a customer.
 */
const PUBLIC_PROVIDERS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'zoho.com',
  'fastmail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  'hey.com',
]);

const single = z.email();

export interface ParsedAddresses {
  /** Normalised, one per mailbox, in the order typed. */
  addresses: string[];
  /** What didn't read as an address, as typed (cut short). */
  invalid: string[];
}

/** Splits on commas, semicolons, spaces and line breaks; `Name <address>` keeps the address. */
export function parseAddresses(text: string): ParsedAddresses {
  const addresses: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  const cleaned = text.replace(/[^<>\s,;]*<([^<>]+)>/g, ' $1 ');
  for (const token of cleaned.split(/[\s,;]+/)) {
    if (token === '') continue;
    const address = normalizeEmail(token.replace(/^[<"']+|[>"']+$/g, ''));
    if (address.length > MAX_EMAIL_LENGTH || !single.safeParse(address).success) {
      invalid.push(token.slice(0, 60));
      continue;
    }
    const key = mailboxKey(address);
    if (seen.has(key)) continue;
    seen.add(key);
    addresses.push(address);
  }
  return { addresses, invalid };
}

export type SelfLike = 'own-address' | 'same-domain';

/** Whether `address` looks like the member themselves: their own mailbox, or their own company's domain. */
export function selfLike(memberEmail: string, address: string): SelfLike | null {
  const own = mailboxKey(memberEmail);
  const theirs = mailboxKey(address);
  if (own === theirs) return 'own-address';
  const ownDomain = own.split('@').pop() ?? '';
  const theirDomain = theirs.split('@').pop() ?? '';
  if (ownDomain === theirDomain && !PUBLIC_PROVIDERS.has(ownDomain)) return 'same-domain';
  return null;
}
