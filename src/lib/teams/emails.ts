/**
 * Team emails' wording. Nothing a person typed goes into them — not the team's name, not the inviter's
 * name (see `src/lib/platform/email.ts`): the link leads to a page that says who invited them.
 */
import type { EmailMessage } from '../platform/email';

export function invitationMessage(to: string, link: string, expiresOn: string): EmailMessage {
  return {
    to,
    subject: 'You are invited to a team on Trust Academy',
    text: `Hello,\n\nA sales manager invited you to join their team on Trust Academy, the course on earning customers' trust. The team pays for your membership while you are in it.\n\nSee who invited you and join (the link works until ${expiresOn}):\n${link}\n\nIf you were not expecting this, ignore this email: nothing happens unless you join.\n`,
  };
}
