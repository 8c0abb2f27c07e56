/**
 * The daily digest sender: once per member and local day, from the digest hour on, one email of what is
 * due, queued in the outbox in the same transaction that claims the day (so a restart, a second run or a
 * second process never sends it twice). Takes its database and membership check as arguments, so tests
 * call it directly.
 */
import { type Database, write } from '@db/client';
import type { Grant } from '../../billing/entitlements';
import { entitlementsFor } from '../../billing/entitlements';
import { DIGEST_HOUR, digestMessage } from '../../ledger/digest';
import { canonicalTimeZone, dayBounds, localDay, localTime } from '../../ledger/time';
import { enqueueEmail } from '../platform/outbox';
import * as q from './queries';

export interface DigestOptions {
  /** The public origin, for the links in the email. */
  siteUrl: URL;
  /** The member's grants: the digest goes to members only, by the one entitlement rule. */
  grantsOf(userId: string): Promise<Grant[]>;
}

/** Queues the digests due at `now`; returns how many were queued. */
export async function queueDigests(database: Database, now: Date, options: DigestOptions): Promise<number> {
  let queued = 0;
  for (const member of await q.digestSubscribers(database)) {
    const timeZone = canonicalTimeZone(member.timeZone) ?? 'UTC';
    if (localTime(now, timeZone).hour < DIGEST_HOUR) continue;
    const day = localDay(now, timeZone);
    // Already done today: skip before asking anything else (the claim below still decides).
    if (member.lastDay === day) continue;
    if (!entitlementsFor({ grants: await options.grantsOf(member.userId) }, now).membership) continue;
    const { end } = dayBounds(now, timeZone);
    const sent = await write(database, async (tx) => {
      // The day is claimed even when nothing is due: the member is not checked again until tomorrow.
      if (!(await q.claimDigestDay(tx, member.userId, day, now))) return false;
      const items = await q.openDueInTx(tx, member.userId, end, 50);
      if (items.length === 0) return false;
      const message = digestMessage(member.email, items, {
        now,
        timeZone,
        ledgerUrl: new URL('/ledger', options.siteUrl).toString(),
        settingsUrl: new URL('/ledger/settings', options.siteUrl).toString(),
      });
      await enqueueEmail(tx, message, now);
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
