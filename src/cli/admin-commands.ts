/**
 * `npm run admin -- <command>`: the only way to make an admin.
 *   create-admin <email> [--name "Display name"]   (or --email <email>) promote the account, or create it (email confirmed) with a
 *                                                  one-time password that only leads to choosing a new one
 *   list-admins
 *   grant-membership <email> [--days N]            an admin grant of membership (open-ended without --days)
 */
import { write } from '@db/client';
import { users } from '@db/schema';
import { eq } from 'drizzle-orm';
import { emailSchema } from '../lib/accounts/email';
import { hashPassword } from '../lib/server/accounts/passwords';
import { generateToken, newId } from '../lib/server/accounts/tokens';
import { appendAudit, CLI_ACTOR } from '../lib/server/admin/audit';
import { grantAdminMembership } from '../lib/server/billing/service';
import { config } from '../lib/server/platform/config';
import { prepareDatabase } from '../lib/server/platform/db';
import { commandLine, stringOptions } from './args';
import { databaseLabel } from './database-label';

const USAGE = `Usage:
  npm run admin -- create-admin <email> [--name "Display name"]
  npm run admin -- create-admin --email <email> [--name "Display name"]
  npm run admin -- list-admins
  npm run admin -- grant-membership <email> [--days N]`;

async function main(): Promise<number> {
  const line = commandLine(USAGE, stringOptions('name', 'days', 'email'));
  if (typeof line === 'number') return line;
  const { positionals, values } = line;
  const [command, positionalEmail] = positionals;
  if (positionalEmail !== undefined && values['email'] !== undefined) {
    console.error(`Give the email address once: as <email> or as --email.\n\n${USAGE}`);
    return 2;
  }
  const rawEmail = positionalEmail ?? values['email'];
  // Migrated and seeded like the server's, but no loops: mail queued here is the server's to deliver.
  const db = await prepareDatabase(new Date());
  // Said first, whatever follows: which database this run reads and changes.
  console.log(databaseLabel(config.databaseUrl, Boolean(process.env['DATABASE_URL'])));
  {
    if (command === 'list-admins') {
      const admins = await db
        .select({ email: users.email, name: users.displayName })
        .from(users)
        .where(eq(users.role, 'admin'));
      console.log(
        admins.length === 0 ? 'No admins yet.' : admins.map((a) => `${a.email}  (${a.name})`).join('\n'),
      );
      return 0;
    }
    if (command === 'grant-membership' && rawEmail) {
      const days = values['days'] === undefined ? null : Number(values['days']);
      if (days !== null && !(Number.isInteger(days) && days > 0)) {
        console.error('--days must be a whole number of days, 1 or more.');
        return 2;
      }
      const [user] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, rawEmail.trim().toLowerCase()));
      if (!user) {
        console.error(`There is no account for ${rawEmail}. The person signs up first.`);
        return 1;
      }
      const now = new Date();
      const endsAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
      await grantAdminMembership(user.id, endsAt, now, (tx, grant) =>
        appendAudit(
          tx,
          CLI_ACTOR,
          {
            action: 'membership.grant',
            target: user.id,
            reason: 'npm run admin -- grant-membership',
            after: grant,
          },
          now,
        ),
      );
      console.log(
        `${rawEmail} is a member ${endsAt ? `until ${endsAt.toISOString()}` : 'until the grant is revoked'}.`,
      );
      return 0;
    }
    if (command !== 'create-admin' || !rawEmail) {
      console.error(USAGE);
      return 2;
    }
    const parsed = emailSchema.safeParse(rawEmail);
    if (!parsed.success) {
      console.error(`"${rawEmail}" is not an email address.`);
      return 2;
    }
    const email = parsed.data;
    const [existing] = await db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, email));
    const now = new Date();
    if (existing) {
      if (existing.role === 'admin') {
        console.log(`${email} is already an admin.`);
        return 0;
      }
      await write(db, async (tx) => {
        await tx.update(users).set({ role: 'admin', updatedAt: now }).where(eq(users.id, existing.id));
        await appendAudit(
          tx,
          CLI_ACTOR,
          {
            action: 'admin.promote',
            target: existing.id,
            reason: 'npm run admin -- create-admin',
            before: { role: existing.role },
            after: { role: 'admin' },
          },
          now,
        );
      });
      console.log(`${email} is now an admin.`);
      return 0;
    }
    const password = generateToken();
    const passwordHash = await hashPassword(password);
    const id = newId();
    const displayName = values['name'] ?? email.split('@')[0] ?? 'Admin';
    await write(db, async (tx) => {
      await tx.insert(users).values({
        id,
        email,
        displayName,
        passwordHash,
        // The operator typed the address for a person they know: nothing to confirm by email.
        emailVerifiedAt: now,
        passwordChangeRequired: true,
        role: 'admin',
        createdAt: now,
        updatedAt: now,
      });
      await appendAudit(
        tx,
        CLI_ACTOR,
        {
          action: 'admin.create',
          target: id,
          reason: 'npm run admin -- create-admin',
          after: { email, displayName, role: 'admin', emailConfirmed: true, passwordChangeRequired: true },
        },
        now,
      );
    });
    console.log(
      [
        `Created admin ${email} (email address marked confirmed).`,
        `One-time password (shown once): ${password}`,
        'It works for one log-in only, which leads straight to choosing a new password; the account can’t be used until then.',
      ].join('\n'),
    );
    return 0;
  }
}

process.exitCode = await main();
