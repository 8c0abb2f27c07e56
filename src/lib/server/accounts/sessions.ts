/**
 * Sessions the way Lucia's current guide writes them: a random token in the cookie, only its SHA-256 in
 * the database, 30 days of sliding expiry renewed when used.
 */
import { type Database, readRow, type Transaction, write } from '@db/client';
import { sessions } from '@db/schema';
import { and, eq, ne } from 'drizzle-orm';
import type { Grant } from '../../billing/entitlements';
import { generateToken, hashToken } from './tokens';

const DAY = 86_400_000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** Renew (and re-send the cookie) once less than half the lifetime is left. */
export const SESSION_RENEW_BELOW_MS = 15 * DAY;

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: 'learner' | 'admin';
  emailVerified: boolean;
  /** Changes whenever the person's learning records change; keys their cached dashboard. */
  learningVersion: number;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface ValidSession {
  session: Session;
  user: SessionUser;
  /** What the person holds, for `entitlementsFor`; read with the session so a request costs one lookup. */
  grants: Grant[];
  /** True when the expiry moved: the cookie must be sent again with the new expiry. */
  renewed: boolean;
}

export async function createSession(
  db: Database,
  userId: string,
  userAgent: string,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const session = { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await write(db, (tx) =>
    tx.insert(sessions).values({ ...session, createdAt: now, userAgent: userAgent.slice(0, 200) }),
  );
  return { token, session };
}

/** Runs on every request with a cookie: the session, its person and their grants in one statement. */
const LOOKUP_SQL = `SELECT s.user_id, s.expires_at, u.email, u.display_name, u.role, u.email_verified_at, u.learning_version,
    (SELECT json_group_array(json_array(g.product, g.source, g.starts_at, g.ends_at)) FROM grants g WHERE g.user_id = u.id) AS grants
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? LIMIT 1`;

interface LookupRow {
  user_id: string;
  expires_at: number;
  email: string;
  display_name: string;
  role: 'learner' | 'admin';
  email_verified_at: number | null;
  learning_version: number;
  grants: string;
}

type GrantRow = [Grant['product'], Grant['source'], number, number | null];

function parseGrants(json: string): Grant[] {
  return (JSON.parse(json) as GrantRow[]).map(([product, source, startsAt, endsAt]) => ({
    product,
    source,
    startsAt: new Date(startsAt),
    endsAt: endsAt === null ? null : new Date(endsAt),
  }));
}

export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const r = await readRow<LookupRow>(db, LOOKUP_SQL, [id]);
  if (!r) return null;
  let expiresAt = new Date(Number(r.expires_at));
  if (now.getTime() >= expiresAt.getTime()) {
    await write(db, (tx) => tx.delete(sessions).where(eq(sessions.id, id)));
    return null;
  }
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BELOW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const renewedUntil = expiresAt;
    await write(db, (tx) => tx.update(sessions).set({ expiresAt: renewedUntil }).where(eq(sessions.id, id)));
    renewed = true;
  }
  return {
    session: { id, userId: r.user_id, expiresAt },
    user: {
      id: r.user_id,
      email: r.email,
      displayName: r.display_name,
      role: r.role,
      emailVerified: r.email_verified_at !== null,
      learningVersion: Number(r.learning_version),
    },
    grants: parseGrants(r.grants),
    renewed,
  };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await write(db, (tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)));
}

/** Ends every session of a user, optionally keeping the one making the request; `also` runs in the same transaction. */
export async function invalidateUserSessions(
  db: Database,
  userId: string,
  keepSessionId?: string,
  also?: (tx: Transaction) => Promise<void>,
): Promise<void> {
  const which = keepSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
    : eq(sessions.userId, userId);
  await write(db, async (tx) => {
    await tx.delete(sessions).where(which);
    await also?.(tx);
  });
}

/** `__Host-` (with Secure) whenever the site is served over https, which is what "production" means here. */
export function sessionCookie(siteUrl: URL): { name: string; secure: boolean } {
  const secure = siteUrl.protocol === 'https:';
  return { name: secure ? '__Host-session' : 'session', secure };
}
