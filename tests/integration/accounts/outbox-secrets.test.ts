/** After delivery the outbox keeps no usable token (QUALITY.md "Reset tokens"): a backup holds no working link. */
import { closeDatabase, type OpenDatabase } from '@db/client';
import { outbox } from '@db/schema';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEmail, newVisitor, PASSWORD, useAccountServer } from '../../support/accounts';
import { linkIn } from '../../support/smtp';
import { openTestWriter } from '../../support/test-writer';

const ctx = useAccountServer();
let opened: OpenDatabase;
beforeAll(async () => {
  opened = await openTestWriter(ctx.server.databaseUrl);
});
afterAll(() => closeDatabase(opened));

describe('the outbox after delivery', () => {
  it('holds neither the confirmation nor the reset token, but still says who got what and when', async () => {
    const email = freshEmail();
    const v = newVisitor(ctx.server);
    await v.submit('/signup?_action=accounts.signUp', { displayName: 'Ana', email, password: PASSWORD });
    await newVisitor(ctx.server).post('/forgot-password?_action=accounts.forgotPassword', { email });
    const tokens = await Promise.all(
      ['Confirm', 'Reset'].map(async (subject) => {
        const mail = await ctx.smtp.waitFor(email, (m) => m.subject.startsWith(subject));
        return linkIn(mail, ctx.server.origin).searchParams.get('token') ?? '';
      }),
    );
    expect(tokens.every((t) => /^[a-z2-7]{32}$/.test(t))).toBe(true);
    // The sink has the mail; the sender marks the rows right after the SMTP exchange ends.
    let rows = await opened.db
      .select()
      .from(outbox)
      .where(inArray(outbox.to, [email]));
    for (let i = 0; i < 100 && rows.some((r) => r.sentAt === null); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await opened.db
        .select()
        .from(outbox)
        .where(inArray(outbox.to, [email]));
    }
    expect(rows.map((r) => r.subject).sort()).toEqual([
      'Confirm your email for Trust Academy',
      'Reset your Trust Academy password',
    ]);
    for (const row of rows) {
      expect(row.sentAt).toBeInstanceOf(Date);
      for (const token of tokens) expect(row.text).not.toContain(token);
      expect(row.text).not.toContain('token=');
    }
  });
});
