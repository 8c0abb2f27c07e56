/** The daily booster email: the first due question and a link to answer it, sent outside quiet hours in the member's zone. Pure. */
import type { EmailMessage } from '../platform/email';
import { composeEmail } from '../platform/email-layout';

/**
 * Quiet hours, in the member's own time zone: nothing is sent from 21:00 until 08:00. The email goes out
 * at the first run after 08:00 (once a local day), or later in the day if that is when a booster falls due.
 */
export const QUIET_HOURS = { from: 21, until: 8 } as const;

export function isQuietHour(localHour: number): boolean {
  return localHour >= QUIET_HOURS.from || localHour < QUIET_HOURS.until;
}

export interface BoosterEmailContent {
  due: number;
  question: { scenario: string | null; prompt: string; options: string[]; sourceTitle: string };
  reviewUrl: string;
  stopUrl: string;
  settingsUrl: string;
}

export function boosterEmail(to: string, c: BoosterEmailContent): EmailMessage {
  const others = c.due - 1;
  return composeEmail({
    to,
    subject: 'Your trust booster for today',
    body: [
      `Your trust booster for today, from “${c.question.sourceTitle}”:`,
      ...(c.question.scenario ? [c.question.scenario] : []),
      c.question.prompt,
      { heading: 'Choose one', items: c.question.options },
    ],
    action: { label: 'Answer it and see why', url: c.reviewUrl },
    after: [
      ...(others > 0
        ? [
            `${others} more ${others === 1 ? 'booster is' : 'boosters are'} due; a session takes a few minutes.`,
          ]
        : []),
      `You get this email because you turned on the daily booster email. Stop it with one click: ${c.stopUrl}`,
      `Or change it in your booster settings: ${c.settingsUrl}`,
    ],
  });
}
