/**
 * An email as the product composes it; how it is delivered is the server's business.
 *
 * The rules for every email (issue 16, M5): its words and links are ours — nothing a person typed goes
 * into an email to anyone else, so nobody can make our mail say "your account is locked, visit …". A
 * person's own text goes only to their own confirmed address: their ledger in the digest, and their name
 * in the greeting of every email to it (decision 019). Two emails name a member to someone else (the
 * survey and team invitations): a plain name only, beside their confirmed address (decision 021). Every email is composed by `composeEmail` and sent as
 * text and HTML, where everything typed is escaped and never becomes a link. Mail goes only to confirmed addresses, except what confirms one (`enqueueEmail`),
 * and every email a person can cause is rate-limited per account and per recipient.
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** What replaces a link that carried a secret, once the email has been delivered or given up on. */
export const REMOVED_LINK = '[link removed after delivery]';

/**
 * The text as the outbox keeps it after delivery: every link with a query or fragment (where our emails
 * carry their tokens: confirmation, reset) replaced by a marker, so no copy of the database — a backup,
 * an export — holds a working link. Plain links (to /login, /lessons) stay readable for an operator.
 */
export function withoutSecrets(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s?#]*[?#]\S*/gi, REMOVED_LINK);
}
