/**
 * The account emails' wording. Links are built by the caller from the configured site URL only, and no
 * email carries text someone else typed (not even a display name): see `src/lib/platform/email.ts`.
 */
import type { EmailMessage } from '../platform/email';

export function verifyEmailMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: 'Confirm your email for Trust Academy',
    text: `Hello,\n\nPlease confirm this is your email address by opening the link below. It works once, for 24 hours.\n\n${link}\n\nIf you didn't create a Trust Academy account, you can ignore this email.\n`,
  };
}

export function alreadyRegisteredMessage(to: string, loginLink: string, resetLink: string): EmailMessage {
  return {
    to,
    subject: 'You already have a Trust Academy account',
    text: `Someone (probably you) tried to sign up to Trust Academy with this address, which already has an account.\n\nLog in: ${loginLink}\nForgot your password? Reset it: ${resetLink}\n\nIf it wasn't you, nothing has changed and you can ignore this email.\n`,
  };
}

export function resetPasswordMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: 'Reset your Trust Academy password',
    text: `Open the link below to choose a new password. It works once, within the next hour.\n\n${link}\n\nIf you didn't ask for this, you can ignore this email: your password has not changed.\n`,
  };
}
