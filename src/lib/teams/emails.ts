/**
 * Team emails' wording. The invitation names the manager who sent it the way the survey names a member
 * to a customer (decision 021): their display name only when it reads as a plain name, always beside
 * their confirmed address (every manager has confirmed theirs), so a name can't make our mail say
 * something else. The team's name, which anyone can type, stays out: the join page shows it.
 */
import type { EmailMessage } from '../platform/email';
import { composeEmail, nameForEmail } from '../platform/email-layout';

/** Who sent an invitation: a member of the team allowed to invite (a manager or its owner). */
export interface Inviter {
  displayName: string;
  email: string;
}

export function invitationMessage(
  to: string,
  link: string,
  expiresOn: string,
  inviter: Inviter,
): EmailMessage {
  const name = nameForEmail(inviter.displayName);
  const who = name ? `${name} (${inviter.email})` : inviter.email;
  return composeEmail({
    to,
    subject: `You are invited to a team on Trust Academy by ${name ?? inviter.email}`,
    body: [
      `${who} invited you to join their sales team on Trust Academy, the course on earning customers' trust. The team pays for your membership while you are in it: every lesson, the trust self-assessment and the promise ledger.`,
    ],
    action: { label: 'See the invitation and join', url: link },
    after: [
      `The link works until ${expiresOn}. You log in or create a free account first, with this address.`,
      `If you don't know ${name ?? 'this person'} or were not expecting this, ignore this email: nothing happens unless you join.`,
    ],
  });
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
    ? composeEmail({
        to,
        subject: `Due ${dueOn}: ${title}`,
        body: [`Your team assigned you "${title}" on Trust Academy, due ${dueOn}.`],
        action: { label: 'Pick it up', url: link },
        after: ['You can see everything assigned to you on My learning.'],
      })
    : composeEmail({
        to,
        subject: `Overdue: ${title}`,
        body: [
          `"${title}" was due ${dueOn}, and it isn't finished yet. Your team's managers see which assignments are finished.`,
        ],
        action: { label: 'Finish it now', url: link },
        after: ['You can see everything assigned to you on My learning.'],
      });
}

/**
 * To each member of a team closed because its owner deleted their account. Names neither the team nor
 * the owner (the owner's account is gone, and the team's name is anyone's typing); the outbox greets the
 * member by their own name.
 */
export function teamClosedMessage(to: string, pricingLink: string): EmailMessage {
  return composeEmail({
    to,
    subject: 'Your team on Trust Academy was closed',
    body: [
      'The team you were in on Trust Academy was closed today, because its owner deleted their account. The membership the team paid for has ended.',
      {
        heading: 'Everything of your own stays with you',
        items: [
          'your account and your progress through the course',
          'your quiz results, certificates and self-assessment results',
          'your promise ledger and your customer surveys',
        ],
      },
      'To keep reading the member lessons and using the promise ledger, start a membership of your own. If your company sets up a new team, its manager can invite you again.',
    ],
    action: { label: 'See the membership plans', url: pricingLink },
  });
}
