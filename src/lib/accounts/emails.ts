/**
 * The account emails' wording. Links are built by the caller from the configured site URL only. The
 * greeting names the person only at a confirmed address (the outbox adds it, see decision 019).
 */
import type { EmailMessage } from '../platform/email';
import { composeEmail } from '../platform/email-layout';

export function verifyEmailMessage(to: string, link: string): EmailMessage {
  return composeEmail({
    to,
    subject: 'Confirm your email for Trust Academy',
    body: ['Please confirm that this is your email address, so that we can send you what you ask for.'],
    action: { label: 'Confirm my email', url: link },
    after: [
      'The link works once, for 24 hours.',
      "If you didn't create a Trust Academy account, you can ignore this email.",
    ],
  });
}

export function alreadyRegisteredMessage(to: string, loginLink: string, resetLink: string): EmailMessage {
  return composeEmail({
    to,
    subject: 'You already have a Trust Academy account',
    body: [
      'Someone (probably you) tried to sign up to Trust Academy with this address, which already has an account.',
    ],
    action: { label: 'Log in', url: loginLink },
    after: [
      `Forgot your password? Choose a new one here: ${resetLink}`,
      "If it wasn't you, nothing has changed and you can ignore this email.",
    ],
  });
}

/** `name`: the account's display name, given only when its address is confirmed; null greets no one by name. */
export function resetPasswordMessage(to: string, link: string, name: string | null = null): EmailMessage {
  return composeEmail({
    to,
    subject: 'Reset your Trust Academy password',
    name,
    body: ['We received a request to reset the password of your Trust Academy account.'],
    action: { label: 'Choose a new password', url: link },
    after: [
      'The link works once, within the next hour.',
      "If you didn't ask for this, you can ignore this email: your password has not changed.",
    ],
  });
}
