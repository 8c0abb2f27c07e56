/**
 * The daily booster email: once per member and local day, outside quiet hours in their zone, the first
 * due question and a link, queued in the outbox in the same transaction that claims the day (so a
 * restart, a second run or a second process never sends two). Takes its database and lookups as
 * arguments, so tests call it directly; `startBoosterEmails` (email-loop.ts) runs it every few minutes.
 */
import { type Database, write } from '@db/client';
import { type Entitlements, entitlementsFor, type Grant } from '../../billing/entitlements';
import { boosterEmail, isQuietHour } from '../../boosters/email';
import type { BoosterQuestion } from '../../boosters/items';
import { dayBounds, localDay, localTime } from '../../ledger/time';
import { enqueueEmail } from '../platform/outbox';
import { dueAskable } from './deck';
import * as q from './queries';
import { stopUrl } from './stop-link';

export interface BoosterEmailOptions {
  /** The public origin, for the links in the email. */
  siteUrl: URL;
  /** The member's grants: member lessons' questions are asked only while the member may read them. */
  grantsOf(userId: string): Promise<Grant[]>;
  /** The member's time zone (the ledger's setting). */
  timeZoneOf(userId: string): Promise<string>;
  /** The booster for a deck card, or null when it can't be asked (see the service's `askable`). */
  ask(row: q.CardRow, entitlements: Entitlements): Promise<BoosterQuestion | null>;
}

/** Queues the booster emails due at `now`; returns how many were queued. */
export async function queueBoosterEmails(
  database: Database,
  now: Date,
  options: BoosterEmailOptions,
): Promise<number> {
  let queued = 0;
  for (const member of await q.emailSubscribers(database)) {
    const timeZone = await options.timeZoneOf(member.userId);
    if (isQuietHour(localTime(now, timeZone).hour)) continue;
    const day = localDay(now, timeZone);
    if (member.lastDay === day) continue;
    const entitlements = entitlementsFor({ grants: await options.grantsOf(member.userId) }, now);
    const ask = (row: q.CardRow) => options.ask(row, entitlements);
    // Only what is due by now: a booster due this evening waits for a later run, not a morning email.
    const first = (await dueAskable(database, member.userId, now, ask))[0];
    // Nothing due: no email, and the day stays unclaimed, so a booster falling due later today still gets one.
    if (!first) continue;
    const dueToday = await dueAskable(database, member.userId, dayBounds(now, timeZone).end, ask);
    const message = boosterEmail(member.email, {
      due: Math.max(1, dueToday.length),
      question: {
        scenario: first.question.scenario,
        prompt: first.question.prompt,
        options: first.question.options.map((o) => o.text),
        sourceTitle: first.question.sourceTitle,
      },
      reviewUrl: new URL('/review', options.siteUrl).toString(),
      stopUrl: stopUrl(options.siteUrl, member.userId, member.stopKey),
      settingsUrl: new URL('/review/settings', options.siteUrl).toString(),
    });
    const sent = await write(database, async (tx) => {
      if (!(await q.claimEmailDay(tx, member.userId, day, now))) return false;
      return (await enqueueEmail(tx, message, now)) !== null;
    });
    if (sent) queued += 1;
  }
  return queued;
}
