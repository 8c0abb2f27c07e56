import { write } from '@db/client';
import { outbox } from '@db/schema';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../../src/lib/server/platform/email-transport';
import {
  deliverDue,
  enqueueEmail,
  nextAttemptDelayMs,
  outboxBacklog,
} from '../../../src/lib/server/platform/outbox';
import { type TestDatabase, testDatabase } from '../../support/database';
import { freePort } from '../../support/server';

interface Received {
  to: string;
  subject: string;
  text: string;
}

let t: TestDatabase;
let smtp: SMTPServer;
let port: number;
const inbox: Received[] = [];

beforeAll(async () => {
  t = await testDatabase();
  port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            to: String(mail.to && 'text' in mail.to ? mail.to.text : ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  t.dispose();
});

describe('email outbox', () => {
  it('delivers queued mail over SMTP once, and only once', async () => {
    const now = new Date();
    await write(t.db, (tx) =>
      enqueueEmail(
        tx,
        { to: 'ana@example.com', subject: 'Confirm your email', text: 'Open http://x/verify?t=1' },
        now,
      ),
    );
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'Trust Academy <hello@academy.test>');
    expect(await deliverDue(t.db, transport, now)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(t.db, transport, now)).toEqual({ sent: 0, failed: 0 });
    expect(inbox).toEqual([
      { to: 'ana@example.com', subject: 'Confirm your email', text: 'Open http://x/verify?t=1\n' },
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
    const up = smtpTransport(`smtp://127.0.0.1:${port}`, 'hello@academy.test');
    expect(await deliverDue(t.db, up, new Date(now.getTime() + 61_000))).toEqual({ sent: 1, failed: 0 });
    expect(inbox.at(-1)?.to).toBe('ben@example.com');
  });

  it('backs off 1, 5, 30 minutes, then 2 and 12 hours', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextAttemptDelayMs(n) / 60_000)).toEqual([1, 5, 30, 120, 720, 720]);
  });
});
