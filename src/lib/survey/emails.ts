/**
 * The survey invitation's wording. The one email that names a member to someone else (the customer must
 * know who asks): the name only when it reads as a plain name (`nameForEmail`), always with the member's
 * confirmed address, so a display name can't make our mail say something else (decision 021).
 */

import { formatLongDate } from '../platform/dates';
import type { EmailMessage } from '../platform/email';
import { composeEmail, nameForEmail } from '../platform/email-layout';

/** How every invitation's subject ends: the outbox's waiting invitations are found by it. */
export const INVITATION_SUBJECT_END = 'a two-minute survey';

export function invitationMessage(
  to: string,
  member: { displayName: string; email: string },
  link: string,
  optOutLink: string,
  expiresAt: Date,
): EmailMessage {
  const name = nameForEmail(member.displayName);
  const who = name ? `${name} (${member.email})` : member.email;
  return composeEmail({
    to,
    subject: `${name ?? member.email} would like your honest view: ${INVITATION_SUBJECT_END}`,
    body: [
      `${who} uses Trust Academy, a course for salespeople on earning their customers' trust, and asked us to send you this invitation because you are one of their customers. They would like your honest view of how they work with you.`,
      `It takes under two minutes, needs no account, and is anonymous: ${name ?? 'they'} will only ever see averages once at least three customers have answered, and comments without names, in random order.`,
    ],
    action: { label: 'Answer the survey', url: link },
    after: [
      `The link works once, until ${formatLongDate(expiresAt)}.`,
      `Don't want to hear from us again? Never email me again:\n${optOutLink}`,
      `If you don't know ${name ?? 'this person'}, you can ignore this email.`,
    ],
  });
}
