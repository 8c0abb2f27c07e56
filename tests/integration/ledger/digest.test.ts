import { write } from '@db/client';
import { grants, ledgerCustomers, ledgerPromises, ledgerSettings, outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grant } from '../../../src/lib/billing/entitlements';
import { newId } from '../../../src/lib/server/accounts/tokens';
import { queueDigests } from '../../../src/lib/server/ledger/digest';
import { smtpTransport } from '../../../src/lib/server/platform/email-transport';
import { deliverDue } from '../../../src/lib/server/platform/outbox';
import { grantMembership } from '../../factories/grants';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';
import { type SmtpSink, startSmtpSink } from '../../support/smtp';

let t: TestDatabase;
let smtp: SmtpSink;
const siteUrl = new URL('https://academy.example');
const grantsOf = async (userId: string): Promise<Grant[]> =>
  t.db
    .select({
      product: grants.product,
      source: grants.source,
      startsAt: grants.startsAt,
      endsAt: grants.endsAt,
    })
    .from(grants)
    .where(eq(grants.userId, userId));

beforeAll(async () => {
  t = await testDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  await t.dispose();
});

/** A member (or not) with the digest on in `timeZone` and one promise due at `dueAt`. */
async function subscriber(timeZone: string, dueAt: Date, member = true) {
  // Everything exists from a fixed day well before the days the digests are asked about.
  const now = new Date('2026-01-01T00:00:00Z');
  const user = await createUser(t.db, now, { verified: true });
  if (member) await grantMembership(t.db, user.id, { from: now });
  const customerId = newId();
  await write(t.db, async (tx) => {
    await tx.insert(ledgerSettings).values({ userId: user.id, timeZone, digest: true, updatedAt: now });
    await tx
      .insert(ledgerCustomers)
      .values({ id: customerId, userId: user.id, name: 'Ana', createdAt: now, startingBalance: -50 });
    await tx.insert(ledgerPromises).values({
      id: newId(),
      userId: user.id,
      customerId,
      text: 'Call Ana with the shipping date',
      channel: 'call',
      madeAt: now,
      dueAt,
      createdAt: now,
    });
  });
  return user;
}

describe('the daily digest', () => {
  it('queues one email per member and local day, from 7:00 their time, and delivers it over SMTP', async () => {
    // 06:30 in Berlin (05:30 UTC): too early.
    const early = new Date('2026-12-01T05:30:00Z');
    const member = await subscriber('Europe/Berlin', new Date('2026-12-01T16:00:00Z'));
    const outsider = await subscriber('Europe/Berlin', new Date('2026-12-01T16:00:00Z'), false);
    expect(await queueDigests(t.db, early, { siteUrl, grantsOf })).toBe(0);

    const morning = new Date('2026-12-01T07:30:00Z');
    expect(await queueDigests(t.db, morning, { siteUrl, grantsOf })).toBe(1);
    // A restart or a second process later the same day: nothing more.
    expect(await queueDigests(t.db, new Date('2026-12-01T15:00:00Z'), { siteUrl, grantsOf })).toBe(0);
    const queued = await t.db.select().from(outbox);
    expect(queued.map((m) => m.to)).toEqual([member.email]);

    const transport = smtpTransport(smtp.url, 'Trust Academy <hello@academy.test>');
    expect(await deliverDue(t.db, transport, morning)).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor(member.email);
    expect(mail.subject).toBe('Promises due today: 1');
    expect(mail.text).toContain('Ana: Call Ana with the shipping date (due Tue, 1 Dec 2026, 5 pm)');
    expect(mail.text).toContain('https://academy.example/ledger');
    expect(smtp.messages.some((m) => m.to === outsider.email)).toBe(false);

    // The next local day, the member is due a digest again.
    expect(await queueDigests(t.db, new Date('2026-12-02T07:30:00Z'), { siteUrl, grantsOf })).toBe(1);
  });

  it('sends nothing when nothing is due, and nothing to members who turned it off', async () => {
    await write(t.db, (tx) => tx.delete(outbox));
    const idle = await subscriber('UTC', new Date('2026-12-20T16:00:00Z'));
    const off = await subscriber('UTC', new Date('2026-12-10T10:00:00Z'));
    await write(t.db, (tx) =>
      tx.update(ledgerSettings).set({ digest: false }).where(eq(ledgerSettings.userId, off.id)),
    );
    await queueDigests(t.db, new Date('2026-12-10T08:00:00Z'), { siteUrl, grantsOf });
    const queued = await t.db.select().from(outbox);
    expect(queued.map((m) => m.to)).not.toContain(idle.email);
    expect(queued.map((m) => m.to)).not.toContain(off.email);
  });
});
