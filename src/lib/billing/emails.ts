/** Billing emails' wording. Links are built by the caller from the configured site URL only. */
import type { EmailMessage } from '../platform/email';

export function trialStartedMessage(
  to: string,
  name: string,
  endsOn: string,
  courseLink: string,
): EmailMessage {
  return {
    to,
    subject: 'Your free Trust Academy trial has started',
    text: `Hi ${name},\n\nYour free 7-day membership trial is on until ${endsOn}. Every lesson, every quiz and the trust self-assessment are open to you.\n\nPick up the course here: ${courseLink}\n\nThe trial ends by itself; nothing is charged.\n`,
  };
}
