/** Billing emails' wording. Links are built by the caller from the configured site URL only; the outbox greets the confirmed recipient by name. */
import type { EmailMessage } from '../platform/email';
import { composeEmail } from '../platform/email-layout';

export function trialStartedMessage(
  to: string,
  endsOn: string,
  courseLink: string,
  afterwards = 'The trial ends by itself; nothing is charged.',
): EmailMessage {
  return composeEmail({
    to,
    subject: 'Your free Trust Academy trial has started',
    body: [
      `Your free membership trial is on until ${endsOn}. Every lesson, every quiz and the trust self-assessment are open to you.`,
      'So are the promise ledger, where you note what you promise each customer and watch their trust balance, and every practice conversation, where you talk a customer through a hard moment turn by turn.',
    ],
    action: { label: 'Pick up the course', url: courseLink },
    after: [afterwards],
  });
}

export function trialEndingMessage(
  to: string,
  endsOn: string,
  billingLink: string,
  willCharge: boolean,
): EmailMessage {
  return composeEmail({
    to,
    subject: 'Your Trust Academy trial ends in 2 days',
    body: [
      `Your free membership trial ends on ${endsOn}. ${
        willCharge
          ? 'Your membership then continues and your card is charged; cancel before then if you would rather not.'
          : 'You have not added a card, so the trial simply ends and nothing is charged. Add one to keep every lesson open.'
      }`,
    ],
    action: { label: 'Manage your membership', url: billingLink },
  });
}

export function paymentFailedMessage(to: string, accessUntil: string, billingLink: string): EmailMessage {
  return composeEmail({
    to,
    subject: 'Your Trust Academy payment did not go through',
    body: [
      `We could not take your membership payment. Your lessons stay open until ${accessUntil} while we try again; update your card to keep them open.`,
    ],
    action: { label: 'Update your card', url: billingLink },
  });
}

export function canceledMessage(to: string, pricingLink: string): EmailMessage {
  return composeEmail({
    to,
    subject: 'Your Trust Academy membership has ended',
    body: [
      'Your membership has ended; nothing more will be charged. The free lessons, your progress and your certificates stay with you.',
    ],
    action: { label: 'Come back any time', url: pricingLink },
  });
}

/** A subscription Stripe completed that the one-trial or one-membership rule refused (see `subscriptionRefusal`). */
export function refusedMessage(
  to: string,
  reason: 'second-trial' | 'second-membership',
  charged: boolean,
  billingLink: string,
): EmailMessage {
  const what =
    reason === 'second-trial'
      ? 'The free trial is once per person, and you have had yours, so we did not start the second trial you just signed up for and have cancelled it.'
      : 'You already have a Trust Academy membership, so we cancelled the second one you just signed up for.';
  const money = charged
    ? 'Its payment is refunded in full; your bank shows the refund within 5 to 10 days.'
    : 'Nothing was charged for it.';
  return composeEmail({
    to,
    subject: 'We cancelled a duplicate Trust Academy membership',
    body: [`${what} ${money} Your membership as it was is unchanged.`],
    action: { label: 'See your plan', url: billingLink },
  });
}
