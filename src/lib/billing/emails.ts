/** Billing emails' wording. Links are built by the caller from the configured site URL only; no display name (see `src/lib/platform/email.ts`). */
import type { EmailMessage } from '../platform/email';

export function trialStartedMessage(
  to: string,
  endsOn: string,
  courseLink: string,
  afterwards = 'The trial ends by itself; nothing is charged.',
): EmailMessage {
  return {
    to,
    subject: 'Your free Trust Academy trial has started',
    text: `Hello,\n\nYour free membership trial is on until ${endsOn}. Every lesson, every quiz and the trust self-assessment are open to you.\n\nPick up the course here: ${courseLink}\n\n${afterwards}\n`,
  };
}

export function trialEndingMessage(
  to: string,
  endsOn: string,
  billingLink: string,
  willCharge: boolean,
): EmailMessage {
  return {
    to,
    subject: 'Your Trust Academy trial ends in 2 days',
    text: `Hello,\n\nYour free membership trial ends on ${endsOn}. ${
      willCharge
        ? 'Your membership then continues and your card is charged; cancel before then if you would rather not.'
        : 'You have not added a card, so the trial simply ends and nothing is charged. Add one to keep every lesson open.'
    }\n\nManage your membership: ${billingLink}\n`,
  };
}

export function paymentFailedMessage(to: string, accessUntil: string, billingLink: string): EmailMessage {
  return {
    to,
    subject: 'Your Trust Academy payment did not go through',
    text: `Hello,\n\nWe could not take your membership payment. Your lessons stay open until ${accessUntil} while we try again; update your card to keep them open.\n\nUpdate your card: ${billingLink}\n`,
  };
}

export function canceledMessage(to: string, pricingLink: string): EmailMessage {
  return {
    to,
    subject: 'Your Trust Academy membership has ended',
    text: `Hello,\n\nYour membership has ended; nothing more will be charged. The free lessons, your progress and your certificates stay with you.\n\nCome back any time: ${pricingLink}\n`,
  };
}
