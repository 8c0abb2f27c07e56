import { write } from '@db/client';
import { outbox } from '@db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMOVED_LINK } from '../../../src/lib/platform/email';
import { smtpTransport } from '../../../src/lib/server/platform/email-transport';
import {
  deliverDue,
  enqueueEmail,
  MAX_ATTEMPTS,
  nextAttemptDelayMs,
  outboxBacklog,
} from '../../../src/lib/server/platform/outbox';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';
import { type SmtpSink, startSmtpSink } from '../../support/smtp';

let t: TestDatabase;
let smtp: SmtpSink;

beforeAll(async () => {
  t = await testDatabase();
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  await t.dispose();
});

describe('email outbox', () => {
  it('delivers queued mail over SMTP once, and only once', async () => {
    const now = new Date('2026-05-04T10:00:00Z');
    await write(t.db, (tx) =>
      enqueueEmail(
        tx,
        { to: 'ana@example.com', subject: 'Confirm your email', text: 'Open http://x/verify?t=1' },
        now,
      ),
    );
    const transport = smtpTransport(smtp.url, 'Trust Academy <hello@academy.test>');
    expect(await deliverDue(t.db, transport, now)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(t.db, transport, now)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.messages).toEqual([
      {
        to: 'ana@example.com',
        subject: 'Confirm your email',
        // As mailparser reads the text part of a multipart message: without the final line break.
        text: 'Open http://x/verify?t=1',
        html: expect.stringContaining('Open http://x/verify?t=1'),
      },
    ]);
    expect(await outboxBacklog(t.db)).toBe(0);
  });

  it('keeps mail when the transport is down and retries it with back-off', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    await write(t.db, async (tx) => {
      await tx.delete(outbox);
      await enqueueEmail(tx, { to: 'ben@example.com', subject: 'Reset', text: 'link' }, now);
    });
    const down = smtpTransport('smtp://127.0.0.1:1', 'hello@academy.test');
    expect(await deliverDue(t.db, down, now)).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.db.select().from(outbox);
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBeTruthy();
    expect(row?.nextAttemptAt.getTime()).toBe(now.getTime() + nextAttemptDelayMs(1));
    // Not due again before the back-off ends.
    expect(await deliverDue(t.db, down, new Date(now.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
    const up = smtpTransport(smtp.url, 'hello@academy.test');
    expect(await deliverDue(t.db, up, new Date(now.getTime() + 61_000))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages.at(-1)?.to).toBe('ben@example.com');
  });

  it('backs off 1, 5, 30 minutes, then 2 and 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextAttemptDelayMs(n) / 60_000)).toEqual([1, 5, 30, 120, 720, 720]);
  });

  it('keeps no working link after delivery, and none in a message it gave up on', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const text = (token: string) =>
      `Hi,\n\nOpen https://academy.test/reset-password?token=${token} within the hour.\nOr log in: https://academy.test/login\n`;
    const [delivered, abandoned] = await write(t.db, async (tx) => {
      await tx.delete(outbox);
      return [
        await enqueueEmail(tx, { to: 'cy@example.com', subject: 'Reset', text: text('deliveredtoken') }, now),
        await enqueueEmail(tx, { to: 'di@example.com', subject: 'Reset', text: text('abandonedtoken') }, now),
      ];
    });
    // One message goes out; the other fails on every attempt until the outbox gives up on it.
    await t.db
      .update(outbox)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(outbox.id, abandoned ?? ''));
    const recipients = new Set<string>();
    const picky = {
      send: async (m: { to: string }) => {
        recipients.add(m.to);
        if (m.to === 'di@example.com') throw new Error('mailbox unavailable');
      },
    };
    expect(await deliverDue(t.db, picky, now)).toEqual({ sent: 1, failed: 1 });
    expect(recipients).toEqual(new Set(['cy@example.com', 'di@example.com']));
    const rows = await t.db.select().from(outbox);
    expect(rows.map((r) => r.text).join('\n')).not.toMatch(/token=|deliveredtoken|abandonedtoken/);
    const sent = rows.find((r) => r.id === delivered);
    // What an operator needs stays: who, what, when, and the harmless parts of the text.
    expect(sent).toMatchObject({ to: 'cy@example.com', subject: 'Reset', createdAt: now });
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(sent?.text).toBe(
      `Hi,\n\nOpen ${REMOVED_LINK} within the hour.\nOr log in: https://academy.test/login\n`,
    );
    expect(rows.find((r) => r.id === abandoned)).toMatchObject({
      lastError: 'mailbox unavailable',
      sentAt: null,
    });
  });

  it('keeps the link of a message that will be retried, so the retry still works', async () => {
    const now = new Date('2026-03-03T10:00:00Z');
    await write(t.db, async (tx) => {
      await tx.delete(outbox);
      await enqueueEmail(
        tx,
        { to: 'ed@example.com', subject: 'Confirm', text: 'https://a.test/v?token=keepme' },
        now,
      );
    });
    const down = { send: async () => Promise.reject(new Error('down')) };
    expect(await deliverDue(t.db, down, now)).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.db.select().from(outbox);
    expect(row?.text).toBe('https://a.test/v?token=keepme');
  });

  it('drops mail to the address of an account that has not confirmed it, unless the mail confirms it', async () => {
    const now = new Date('2026-03-04T10:00:00Z');
    const unconfirmed = await createUser(t.db, now, { email: 'victim@example.com', verified: false });
    await createUser(t.db, now, { email: 'member@example.com', verified: true });
    const ids = await write(t.db, async (tx) => {
      await tx.delete(outbox);
      return [
        await enqueueEmail(tx, { to: unconfirmed.email, subject: 'Your trial ends', text: 'x' }, now),
        await enqueueEmail(tx, { to: unconfirmed.email, subject: 'Confirm', text: 'y' }, now, {
          confirmsAddress: true,
        }),
        await enqueueEmail(tx, { to: 'member@example.com', subject: 'Digest', text: 'z' }, now),
      ];
    });
    expect(ids[0]).toBeNull();
    expect((await t.db.select().from(outbox)).map((r) => [r.to, r.subject])).toEqual([
      ['victim@example.com', 'Confirm'],
      ['member@example.com', 'Digest'],
    ]);
  });
});
