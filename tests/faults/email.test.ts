/** QUALITY.md, Reliability: the email transport is down — the action succeeds, the mail stays in the outbox and is retried. */
import { closeDatabase, openDatabase } from '@db/client';
import { describe, expect, it } from 'vitest';
import { freshEmail, newVisitor, PASSWORD } from '../support/accounts';
import { freePort, startServer } from '../support/server';
import { startSmtpSink } from '../support/smtp';
import { sleep } from '../support/write-load';

describe('email transport down', () => {
  it('lets the sign-up succeed, keeps the confirmation in the outbox, and sends it once SMTP is back', async () => {
    const smtpPort = await freePort(); // nothing listens there yet
    const server = await startServer({
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, TRUSTED_PROXY_HEADER: 'x-forwarded-for' },
    });
    const opened = await openDatabase({ url: server.databaseUrl, busyTimeoutMs: 5000 });
    const smtp = { sink: null as Awaited<ReturnType<typeof startSmtpSink>> | null };
    try {
      const email = freshEmail();
      const res = await newVisitor(server).submit('/signup?_action=accounts.signUp', {
        displayName: 'Ana',
        email,
        password: PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(email);

      const outboxRow = async () =>
        (
          await opened.client.execute({
            sql: 'SELECT attempts, last_error, sent_at FROM outbox WHERE "to" = ?',
            args: [email],
          })
        ).rows[0];
      // The sender tries at once, fails, and keeps the message with the reason and a later retry.
      let row = await outboxRow();
      // The claim (attempts + 1) and the failure's reason are two writes with the connection attempt
      // between them: wait for the reason.
      for (let i = 0; i < 100 && (row?.['last_error'] ?? null) === null; i += 1) {
        await sleep(50);
        row = await outboxRow();
      }
      expect(Number(row?.['attempts'])).toBe(1);
      expect(String(row?.['last_error'])).toMatch(/ECONNREFUSED|connect/i);
      expect(row?.['sent_at']).toBeNull();

      // SMTP comes back; the back-off (1 minute) is made to have passed; the sender loop delivers it.
      smtp.sink = await startSmtpSink(smtpPort);
      await opened.client.execute({
        sql: 'UPDATE outbox SET next_attempt_at = ? WHERE "to" = ?',
        args: [Date.now(), email],
      });
      const mail = await smtp.sink.waitFor(email, (m) => m.subject.startsWith('Confirm'), 10_000);
      expect(mail.text).toContain(server.origin);
      row = await outboxRow();
      for (let i = 0; i < 40 && row?.['sent_at'] === null; i += 1) {
        await sleep(50);
        row = await outboxRow();
      }
      expect(Number(row?.['attempts'])).toBe(2);
      expect(row?.['sent_at']).not.toBeNull();
    } finally {
      closeDatabase(opened);
      await server.stop();
      await smtp.sink?.close();
    }
  });
});
