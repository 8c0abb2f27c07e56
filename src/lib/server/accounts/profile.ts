/** The signed-in person managing their own account: name, email, password, sessions, their data, deletion. */
import { type Transaction, write } from '@db/client';
import {
  assessmentResults,
  certificates,
  emailTokens,
  outbox,
  rateLimitBuckets,
  sessions,
  users,
} from '@db/schema';
import { and, count, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { deviceName } from '../../accounts/device';
import { verifyEmailMessage } from '../../accounts/emails';
import { PASSWORD_MESSAGES, passwordProblem } from '../../accounts/password-policy';
import { assessmentData } from '../assessment/service';
import { billingData, endBillingFor } from '../billing/service';
import { boostersData } from '../boosters/service';
import { withdrawCertificates } from '../learning/queries';
import { learningData } from '../learning/service';
import { ledgerData } from '../ledger/service';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { kickMailer } from '../platform/mailer';
import { enqueueEmail } from '../platform/outbox';
import { surveyData } from '../survey/report';
import { closeTeamOfDepartingOwner, type OwnedTeam, ownedTeamOf } from '../teams/service';
import { hashPassword, verifyPassword } from './passwords';
import { accountKey, endResetLinks, type FieldErrors, LIMITS, type Limited, limit } from './service';
import { createSession, invalidateUserSessions, type SessionUser } from './sessions';
import { generateToken, hashToken } from './tokens';

const VERIFY_TTL_MS = 24 * 3_600_000;
const WRONG_PASSWORD: FieldErrors = {
  kind: 'invalid',
  fields: { currentPassword: 'That isn’t your current password.' },
};

function verifyLink(token: string): string {
  const url = new URL('/verify-email', config.siteUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/** The bucket of a person's current-password checks: a stolen session can't guess the password. */
export function passwordCheckKey(userId: string): string {
  return `password-check:account:${userId}`;
}

/**
 * Checks the signed-in person's current password. Every check takes from one bucket per account, so
 * whoever holds a session can't try passwords at the rate argon2 allows.
 */
async function checkPassword(
  userId: string,
  password: string,
  now: Date,
  wrong: FieldErrors,
): Promise<Limited | FieldErrors | null> {
  const limited = await limit([[passwordCheckKey(userId), LIMITS.passwordCheckAccount]], now);
  if (limited) {
    const minutes = Math.ceil(limited.retryAfterSeconds / 60);
    return {
      ...limited,
      message: `Your password was asked for too many times in a row, so we’ve paused these checks for your safety. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
    };
  }
  const [row] = await (await db())
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row && (await verifyPassword(row.hash, password)) ? null : wrong;
}

export async function updateDisplayName(user: SessionUser, displayName: string, now: Date): Promise<void> {
  await write(await db(), (tx) =>
    tx.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, user.id)),
  );
}

/**
 * Changes the address and emails a confirmation link to the new one; until it is followed the new
 * address counts as unconfirmed. Asks for the password, since the address is how resets reach you.
 */
export async function changeEmail(
  user: SessionUser,
  newEmail: string,
  currentPassword: string,
  now: Date,
): Promise<{ kind: 'ok' } | FieldErrors | Limited> {
  const refused = await checkPassword(user.id, currentPassword, now, WRONG_PASSWORD);
  if (refused) return refused;
  if (newEmail === user.email)
    return { kind: 'invalid', fields: { email: 'That is already your email address.' } };
  const limited = await mailLimit(user.id, newEmail, now);
  if (limited) return limited;
  const token = generateToken();
  const taken = await write(await db(), async (tx) => {
    const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
    if (other) return true;
    await tx
      .update(users)
      .set({ email: newEmail, emailVerifiedAt: null, updatedAt: now })
      .where(eq(users.id, user.id));
    // Reset links sent to the old address must not outlive it.
    await endResetLinks(tx, user.id, now);
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: user.id,
      purpose: 'verify-email',
      email: newEmail,
      expiresAt: new Date(now.getTime() + VERIFY_TTL_MS),
    });
    await enqueueEmail(tx, verifyEmailMessage(newEmail, verifyLink(token)), now, { confirmsAddress: true });
    return false;
  });
  if (taken) return { kind: 'invalid', fields: { email: 'That address belongs to another account.' } };
  kickMailer();
  return { kind: 'ok' };
}

/** The buckets of every email a signed-in person asks for: per account, and per recipient. */
async function mailLimit(userId: string, to: string, now: Date): Promise<Limited | null> {
  const limited = await limit(
    [
      [`mail:account:${userId}`, LIMITS.mailAccount],
      [accountKey('mail', to), LIMITS.mailRecipient],
    ],
    now,
  );
  if (!limited) return null;
  return { ...limited, message: heldBack(limited.retryAfterSeconds) };
}

function heldBack(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `We’ve sent several emails recently, so we’re holding this one back. Please try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
}

/** "Send the link again" from the account page: rate-limited, then as `resendVerification`. */
export async function requestVerificationEmail(
  user: SessionUser,
  now: Date,
): Promise<{ kind: 'ok' } | Limited> {
  if (user.emailVerified) return { kind: 'ok' };
  const limited = await mailLimit(user.id, user.email, now);
  if (limited) return limited;
  await resendVerification(user, now);
  return { kind: 'ok' };
}

/**
 * "Resend the confirmation email" on the sign-up page, for a visitor not signed in: the address is the one
 * this browser signed up with. Like sign-up it answers the same whoever the address belongs to: an
 * unconfirmed account gets a new link (as `resendVerification`), a confirmed one or none gets nothing.
 * Limited per client and per recipient, the recipient's bucket shared with sign-up itself.
 */
export async function resendSignUpEmail(
  email: string,
  ctx: { ip: string; now: Date },
): Promise<{ kind: 'ok' } | Limited> {
  const limited = await limit(
    [
      [`signup-resend:ip:${ctx.ip}`, LIMITS.resetIp],
      [accountKey('mail', email), LIMITS.mailRecipient],
    ],
    ctx.now,
  );
  if (limited) return { ...limited, message: heldBack(limited.retryAfterSeconds) };
  const [user] = await (await db())
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      verifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, email));
  if (user && user.verifiedAt === null) {
    const { verifiedAt: _, ...person } = user;
    await resendVerification({ ...person, emailVerified: false, versions: {} }, ctx.now);
  }
  return { kind: 'ok' };
}

/** `also` runs in the same transaction (an admin's audit entry, for an admin's resend: not limited). */
export async function resendVerification(
  user: SessionUser,
  now: Date,
  also?: (tx: Transaction) => Promise<void>,
): Promise<void> {
  if (user.emailVerified) return;
  const token = generateToken();
  await write(await db(), async (tx) => {
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: user.id,
      purpose: 'verify-email',
      email: user.email,
      expiresAt: new Date(now.getTime() + VERIFY_TTL_MS),
    });
    await enqueueEmail(tx, verifyEmailMessage(user.email, verifyLink(token)), now, { confirmsAddress: true });
    await also?.(tx);
  });
  kickMailer();
}

/** Asks for the current password; every session ends and this browser gets a fresh one. */
export async function changePassword(
  user: SessionUser,
  currentPassword: string,
  newPassword: string,
  ctx: { userAgent: string; now: Date },
): Promise<{ kind: 'ok'; token: string; expiresAt: Date } | FieldErrors | Limited> {
  const problem = passwordProblem(newPassword, { email: user.email });
  if (problem) return { kind: 'invalid', fields: { newPassword: PASSWORD_MESSAGES[problem] } };
  const refused = await checkPassword(user.id, currentPassword, ctx.now, WRONG_PASSWORD);
  if (refused) return refused;
  const passwordHash = await hashPassword(newPassword);
  const database = await db();
  await write(database, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, user.id));
    await endResetLinks(tx, user.id, ctx.now);
  });
  await invalidateUserSessions(database, user.id);
  const { token, session } = await createSession(database, user.id, ctx.userAgent, ctx.now);
  return { kind: 'ok', token, expiresAt: session.expiresAt };
}

export interface SessionSummary {
  current: boolean;
  createdAt: Date;
  expiresAt: Date;
  device: string;
}

export async function listSessions(user: SessionUser, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await (await db())
    .select()
    .from(sessions)
    .where(eq(sessions.userId, user.id))
    .orderBy(desc(sessions.createdAt));
  return rows.map((s) => ({
    current: s.id === currentSessionId,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    device: deviceName(s.userAgent),
  }));
}

export async function logOutOtherSessions(user: SessionUser, currentSessionId: string): Promise<void> {
  await invalidateUserSessions(await db(), user.id, currentSessionId);
}

/** Everything stored about the person, for "download my data". */
export async function exportData(user: SessionUser, now: Date): Promise<Record<string, unknown>> {
  const database = await db();
  const [account] = await database
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, user.id));
  const sessionRows = await database
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(eq(sessions.userId, user.id));
  const emails = await database
    .select({ subject: outbox.subject, createdAt: outbox.createdAt, sentAt: outbox.sentAt })
    .from(outbox)
    .where(eq(outbox.to, user.email));
  return {
    exportedAt: now.toISOString(),
    account,
    sessions: sessionRows,
    emailsSentToYou: emails,
    learning: await learningData(user.id),
    assessment: await assessmentData(user.id),
    billing: await billingData(user.id),
    promiseLedger: await ledgerData(user.id),
    customerSurvey: await surveyData(database, user.id, now),
    trustBoosters: await boostersData(user.id),
    notes: 'Your password is stored only as an argon2id hash, which is not included.',
  };
}

/** What stops working for other people when the account is deleted: shown before anyone confirms it. */
export interface DeletionImpact {
  certificates: number;
  shareLinks: number;
  /** The team they own, which closes with the account (everyone else in it loses its membership). */
  team: OwnedTeam | null;
}

export async function deletionImpact(userId: string): Promise<DeletionImpact> {
  const database = await db();
  const [[held], [shared], team] = await Promise.all([
    database.select({ n: count() }).from(certificates).where(eq(certificates.userId, userId)),
    database
      .select({ n: count() })
      .from(assessmentResults)
      .where(and(eq(assessmentResults.userId, userId), isNotNull(assessmentResults.shareToken))),
    ownedTeamOf(database, userId),
  ]);
  return { certificates: held?.n ?? 0, shareLinks: shared?.n ?? 0, team };
}

/**
 * Deletes the account after checking the password and ending any paid plan (the Stripe customer is
 * deleted, and with it a team plan they pay for): the user row (and with it sessions, tokens, grants and
 * subscriptions), emails addressed to them, and the rate-limit buckets of their address. A team they own
 * closes, and everyone else in it is emailed what they keep (the account page warned, and offered to hand
 * the team over first). Nothing identifying remains; the ids of their certificates are kept, bare, as
 * withdrawn.
 */
export async function deleteAccount(
  user: SessionUser,
  password: string,
  now: Date,
): Promise<{ kind: 'ok' } | FieldErrors | Limited> {
  const refused = await checkPassword(user.id, password, now, {
    kind: 'invalid',
    fields: { password: 'That isn’t your password, so nothing was deleted.' },
  });
  if (refused) return refused;
  // A paid plan ends first, so nobody is charged for an account that no longer exists.
  if ((await endBillingFor(user.id)) === 'unavailable') {
    return {
      kind: 'invalid',
      fields: {
        password:
          'We couldn’t cancel your subscription with our payment provider just now, so nothing was deleted. Please try again in a minute.',
      },
    };
  }
  const told = await write(await db(), async (tx) => {
    const pricing = new URL('/pricing', config.siteUrl).href;
    const emailed = await closeTeamOfDepartingOwner(tx, user.id, now, { pricing });
    // Verification links then say "withdrawn" rather than "no such certificate": only the ids remain.
    await withdrawCertificates(tx, user.id);
    await tx.delete(users).where(eq(users.id, user.id));
    await tx.delete(outbox).where(eq(outbox.to, user.email));
    await tx
      .delete(rateLimitBuckets)
      .where(
        inArray(rateLimitBuckets.key, [
          accountKey('login', user.email),
          accountKey('reset', user.email),
          accountKey('mail', user.email),
          `mail:account:${user.id}`,
          passwordCheckKey(user.id),
        ]),
      );
    return emailed;
  });
  if (told > 0) kickMailer();
  return { kind: 'ok' };
}
