/** Accounts: sign-up, log-in, email verification and password reset — the rules and transactions behind the forms. */
import { type Transaction, write } from '@db/client';
import { emailTokens, users } from '@db/schema';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { alreadyRegisteredMessage, resetPasswordMessage, verifyEmailMessage } from '../../accounts/emails';
import { MAX_PASSWORD_BYTES, PASSWORD_MESSAGES, passwordProblem } from '../../accounts/password-policy';
import type { BucketRule } from '../../platform/token-bucket';
import { config } from '../platform/config';
import { db } from '../platform/db';
import { kickMailer } from '../platform/mailer';
import { enqueueEmail } from '../platform/outbox';
import { consume } from '../platform/rate-limit';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { createSession, invalidateUserSessions } from './sessions';
import { generateToken, hashToken, newId } from './tokens';

const HOUR = 3_600_000;
const VERIFY_TTL_MS = 24 * HOUR;
const RESET_TTL_MS = HOUR;

/** Bucket key for an address: hashed, so the rate-limit table never holds an email in clear. */
export function accountKey(purpose: 'login' | 'reset' | 'mail', email: string): string {
  return `${purpose}:account:${hashToken(email)}`;
}

/** Per client IP and per account; reset has its own buckets, so a login attacker cannot block a reset. */
export const LIMITS = {
  loginIp: { capacity: 20, refillPerSecond: 1 / 30 },
  loginAccount: { capacity: 10, refillPerSecond: 1 / 60 },
  signupIp: { capacity: 5, refillPerSecond: 1 / 600 },
  resetIp: { capacity: 5, refillPerSecond: 1 / 300 },
  resetAccount: { capacity: 3, refillPerSecond: 1 / 600 },
  verifyIp: { capacity: 20, refillPerSecond: 1 / 30 },
  /** Emails a signed-in person asks for (a new confirmation link, an email change): per account… */
  mailAccount: { capacity: 3, refillPerSecond: 1 / 600 },
  /** …and per recipient address, whoever asks (sign-up, confirmation links, email changes). */
  mailRecipient: { capacity: 3, refillPerSecond: 1 / 600 },
  /** The current-password check of a signed-in person (change email or password, delete the account). */
  passwordCheckAccount: { capacity: 5, refillPerSecond: 1 / 120 },
} satisfies Record<string, BucketRule>;

export interface RequestContext {
  ip: string;
  userAgent: string;
  now: Date;
}

/** `message`: what the form says instead of the general "too many attempts". */
export type Limited = { kind: 'rate-limited'; retryAfterSeconds: number; message?: string };
export type FieldErrors = { kind: 'invalid'; fields: Record<string, string> };

function link(path: string, params: Record<string, string>): string {
  const url = new URL(path, config.siteUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Takes from every bucket; the first that is empty decides. */
export async function limit(keys: [string, BucketRule][], now: Date): Promise<Limited | null> {
  const database = await db();
  for (const [key, rule] of keys) {
    const result = await consume(database, key, rule, now);
    if (!result.allowed) return { kind: 'rate-limited', retryAfterSeconds: result.retryAfterSeconds };
  }
  return null;
}

export interface SignUpInput {
  displayName: string;
  email: string;
  password: string;
}

/**
 * Creates the account and emails a confirmation link. For an address that already has an account it
 * emails that person instead — and answers exactly the same, so sign-up never reveals who is registered.
 */
export async function signUp(
  input: SignUpInput,
  ctx: RequestContext,
): Promise<{ kind: 'ok' } | Limited | FieldErrors> {
  const problem = passwordProblem(input.password, { email: input.email });
  if (problem) return { kind: 'invalid', fields: { password: PASSWORD_MESSAGES[problem] } };
  const limited = await limit(
    [
      [`signup:ip:${ctx.ip}`, LIMITS.signupIp],
      // Every sign-up emails the address, known or not: the same limit for both keeps the answers alike.
      [accountKey('mail', input.email), LIMITS.mailRecipient],
    ],
    ctx.now,
  );
  if (limited) return limited;

  // Hash outside the write lock: it takes tens of milliseconds and is spent for known emails too.
  const passwordHash = await hashPassword(input.password);
  const token = generateToken();
  await write(await db(), async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      const message = alreadyRegisteredMessage(input.email, link('/login', {}), link('/forgot-password', {}));
      await enqueueEmail(tx, message, ctx.now);
      return;
    }
    const id = newId();
    await tx.insert(users).values({
      id,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      role: 'learner',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: id,
      purpose: 'verify-email',
      email: input.email,
      expiresAt: new Date(ctx.now.getTime() + VERIFY_TTL_MS),
    });
    await enqueueEmail(tx, verifyEmailMessage(input.email, link('/verify-email', { token })), ctx.now, {
      confirmsAddress: true,
    });
  });
  kickMailer();
  return { kind: 'ok' };
}

export type LogInResult =
  | { kind: 'ok'; token: string; expiresAt: Date; confirmed: boolean }
  /** A one-time password was right: no session, only a single-use token to choose the real password. */
  | { kind: 'choose-password'; resetToken: string }
  | { kind: 'wrong-credentials' }
  | Limited;

/** Same answer and the same hashing time whether or not the email has an account. */
export async function logIn(email: string, password: string, ctx: RequestContext): Promise<LogInResult> {
  const limited = await limit(
    [
      [`login:ip:${ctx.ip}`, LIMITS.loginIp],
      [accountKey('login', email), LIMITS.loginAccount],
    ],
    ctx.now,
  );
  if (limited) return limited;
  // Refused before hashing: no password that long was ever accepted, whoever the email belongs to.
  if (new TextEncoder().encode(password).byteLength > MAX_PASSWORD_BYTES)
    return { kind: 'wrong-credentials' };
  const database = await db();
  const [user] = await database
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      verifiedAt: users.emailVerifiedAt,
      passwordChangeRequired: users.passwordChangeRequired,
    })
    .from(users)
    .where(eq(users.email, email));
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !ok) return { kind: 'wrong-credentials' };
  if (user.passwordChangeRequired) {
    const resetToken = generateToken();
    await write(database, (tx) =>
      tx.insert(emailTokens).values({
        id: hashToken(resetToken),
        userId: user.id,
        purpose: 'reset-password',
        email,
        expiresAt: new Date(ctx.now.getTime() + RESET_TTL_MS),
      }),
    );
    return { kind: 'choose-password', resetToken };
  }
  const { token, session } = await createSession(database, user.id, ctx.userAgent, ctx.now);
  return { kind: 'ok', token, expiresAt: session.expiresAt, confirmed: user.verifiedAt !== null };
}

/**
 * Ends every reset link of the account that is still open, inside the transaction that makes them
 * pointless: a reset, a password change, an email change. A link is for one purpose, once.
 */
export async function endResetLinks(tx: Transaction, userId: string, now: Date): Promise<void> {
  await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, 'reset-password'),
        isNull(emailTokens.usedAt),
      ),
    );
}

/**
 * Uses a single-use emailed token; returns its user id when it was valid. A link works only while the
 * account's address is still the one it was sent to: whoever reads an old mailbox can't use it.
 */
async function useToken(
  token: string,
  purpose: 'verify-email' | 'reset-password',
  now: Date,
  apply: (tx: Transaction, userId: string) => Promise<void>,
): Promise<string | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  return write(await db(), async (tx) => {
    const [row] = await tx
      .select({ id: emailTokens.id, userId: emailTokens.userId })
      .from(emailTokens)
      .innerJoin(users, eq(users.id, emailTokens.userId))
      .where(
        and(
          eq(emailTokens.id, hashToken(token)),
          eq(emailTokens.purpose, purpose),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
          eq(emailTokens.email, users.email),
        ),
      );
    if (!row) return null;
    await tx.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, row.id));
    await apply(tx, row.userId);
    return row.userId;
  });
}

export type VerifyResult =
  | { kind: 'ok'; userId: string; session: { token: string; expiresAt: Date } | null }
  | { kind: 'invalid-link' }
  | Limited;

/**
 * Confirms the link's address. With `signIn` (a browser signed in as nobody) it also signs the link's
 * account in: using the unused link proves its holder reads the mailbox, the way a password would. The
 * link is single-use, so a reopened one confirms and signs in nothing (decision 015).
 */
export async function verifyEmail(
  token: string,
  ctx: RequestContext & { signIn: boolean },
): Promise<VerifyResult> {
  const limited = await limit([[`verify:ip:${ctx.ip}`, LIMITS.verifyIp]], ctx.now);
  if (limited) return limited;
  // useToken only accepts the link while the account's address is the one it was sent to.
  const userId = await useToken(token, 'verify-email', ctx.now, async (tx, id) => {
    await tx.update(users).set({ emailVerifiedAt: ctx.now, updatedAt: ctx.now }).where(eq(users.id, id));
  });
  if (!userId) return { kind: 'invalid-link' };
  if (!ctx.signIn) return { kind: 'ok', userId, session: null };
  const { token: sessionToken, session } = await createSession(await db(), userId, ctx.userAgent, ctx.now);
  return { kind: 'ok', userId, session: { token: sessionToken, expiresAt: session.expiresAt } };
}

/** Always answers the same; emails a one-hour, single-use link when the address has an account. */
export async function requestPasswordReset(
  email: string,
  ctx: RequestContext,
): Promise<{ kind: 'ok' } | Limited> {
  const limited = await limit(
    [
      [`reset:ip:${ctx.ip}`, LIMITS.resetIp],
      [accountKey('reset', email), LIMITS.resetAccount],
    ],
    ctx.now,
  );
  if (limited) return limited;
  const token = generateToken();
  await write(await db(), async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.displayName, confirmedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.email, email));
    if (!user) return;
    await tx.insert(emailTokens).values({
      id: hashToken(token),
      userId: user.id,
      purpose: 'reset-password',
      email,
      expiresAt: new Date(ctx.now.getTime() + RESET_TTL_MS),
    });
    // Following a reset link proves the address too, so it may go to one not yet confirmed.
    // The greeting names the person only once the address is confirmed: a name typed into an account
    // by someone who merely typed this address too is never mailed to its owner (decision 019).
    const name = user.confirmedAt ? user.name : null;
    await enqueueEmail(tx, resetPasswordMessage(email, link('/reset-password', { token }), name), ctx.now, {
      confirmsAddress: true,
    });
  });
  kickMailer();
  return { kind: 'ok' };
}

export type ResetResult =
  | { kind: 'ok'; session: { token: string; expiresAt: Date; role: 'learner' | 'admin' } | null }
  | { kind: 'invalid-link' }
  | FieldErrors
  | Limited;

/**
 * Sets the new password, ends every other reset link and every session. An emailed link signs nobody in:
 * whoever opened it logs in with the new password as usual, so a link planted in someone else's browser
 * can't put them into the planter's account (log-in CSRF). `signIn` is only for a browser that earned its
 * token by logging in with a one-time password (`create-admin`): it has proved who it is already.
 */
export async function resetPassword(
  token: string,
  password: string,
  ctx: RequestContext & { signIn?: boolean },
): Promise<ResetResult> {
  const limited = await limit([[`verify:ip:${ctx.ip}`, LIMITS.verifyIp]], ctx.now);
  if (limited) return limited;
  const problem = passwordProblem(password);
  if (problem) return { kind: 'invalid', fields: { password: PASSWORD_MESSAGES[problem] } };
  const passwordHash = await hashPassword(password);
  const userId = await useToken(token, 'reset-password', ctx.now, async (tx, id) => {
    // Following the link proves the address, too.
    await tx
      .update(users)
      .set({ passwordHash, passwordChangeRequired: false, emailVerifiedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(users.id, id));
    await endResetLinks(tx, id, ctx.now);
  });
  if (!userId) return { kind: 'invalid-link' };
  await invalidateUserSessions(await db(), userId);
  if (!ctx.signIn) return { kind: 'ok', session: null };
  const { token: sessionToken, session } = await createSession(await db(), userId, ctx.userAgent, ctx.now);
  const [row] = await (await db()).select({ role: users.role }).from(users).where(eq(users.id, userId));
  const role = row?.role ?? 'learner';
  return { kind: 'ok', session: { token: sessionToken, expiresAt: session.expiresAt, role } };
}
