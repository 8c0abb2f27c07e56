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

/** A reminder of assigned training; the title is the course's own (a lesson, a module, the assessment). */
export function reminderMessage(
  to: string,
  kind: 'soon' | 'overdue',
  title: string,
  dueOn: string,
  link: string,
): EmailMessage {
  return kind === 'soon'
    ? {
        to,
        subject: `Due ${dueOn}: ${title}`,
        text: `Hello,\n\nYour team assigned you "${title}" on Trust Academy, due ${dueOn}.\n\nPick it up here: ${link}\n\nYou can see everything assigned to you on My learning.\n`,
      }
    : {
        to,
        subject: `Overdue: ${title}`,
        text: `Hello,\n\n"${title}" was due ${dueOn}, and it isn't finished yet. Your team's managers see which assignments are finished.\n\nPick it up here: ${link}\n`,
      };
}
