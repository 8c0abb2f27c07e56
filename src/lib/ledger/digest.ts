/** The daily digest email: what is due today and what is overdue, in the member's time zone. */
import type { EmailMessage } from '../platform/email';
import { composeEmail } from '../platform/email-layout';
import { formatLocal } from './time';

/** The digest goes out once a local day, from this local hour on (a member's morning). */
export const DIGEST_HOUR = 7;

export interface DigestItem {
  text: string;
  customerName: string;
  dueAt: Date;
}

export function digestMessage(
  to: string,
  items: readonly DigestItem[],
  options: { now: Date; timeZone: string; ledgerUrl: string; settingsUrl: string },
): EmailMessage {
  const overdue = items.filter((i) => i.dueAt.getTime() < options.now.getTime());
  const today = items.filter((i) => i.dueAt.getTime() >= options.now.getTime());
  const line = (i: DigestItem) =>
    `${i.customerName}: ${i.text} (due ${formatLocal(i.dueAt, options.timeZone)})`;
  return composeEmail({
    to,
    subject: `Promises due today: ${items.length}`,
    body: [
      `You have ${items.length} promise${items.length === 1 ? '' : 's'} to keep.`,
      ...(today.length > 0 ? [{ heading: 'Due today', items: today.map(line) }] : []),
      ...(overdue.length > 0
        ? [{ heading: 'Overdue — tell the customer before they have to ask', items: overdue.map(line) }]
        : []),
    ],
    action: { label: 'Record each outcome in one click', url: options.ledgerUrl },
    after: [
      `You get this email because you turned on the daily digest. Turn it off in your ledger settings: ${options.settingsUrl}`,
    ],
  });
}
