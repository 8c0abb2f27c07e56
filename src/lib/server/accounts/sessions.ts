/**
 * Sessions the way Lucia's current guide writes them: a random token in the cookie, only its SHA-256 in
 * the database, 30 days of sliding expiry renewed when used.
 */
import { type Database, readRows, type Transaction, write } from '@db/client';
import { sessions } from '@db/schema';
import DataLoader from 'dataloader';
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
  /**
   * The person's version of each of their versioned tables (src/lib/platform/cached-pages.ts), bumped
   * by the database on every write to their rows; absent: never written. Keys their cached pages.
   */
  versions: Readonly<Record<string, number>>;
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

/**
 * Runs on every request with a cookie: sessions, their people and grants, for a batch of session ids in
 * one statement (see `lookUp`).
 */
const LOOKUP_SQL = `SELECT s.id, s.user_id, s.expires_at, u.email, u.display_name, u.role, u.email_verified_at,
    (SELECT json_group_object(v.source, v.version) FROM data_versions v WHERE v.user_id = u.id) AS versions,
    (SELECT json_group_array(json_array(g.product, g.source, g.starts_at, g.ends_at)) FROM grants g WHERE g.user_id = u.id) AS grants
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id IN (SELECT value FROM json_each(?))`;

interface LookupRow {
  id: string;
  user_id: string;
  expires_at: number;
  email: string;
  display_name: string;
  role: 'learner' | 'admin';
  email_verified_at: number | null;
  versions: string;
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

/**
 * Session lookups are batched: the requests whose lookups are asked for in one turn of the event loop
 * share one statement, run at the end of that turn (`setImmediate`). Nothing is cached between batches,
 * so every request still reads the database after it arrived; under load, one statement then serves
 * many requests, and each request's share of the statement's fixed cost (the driver call and its read
 * transaction: most of a lookup's time in a busy server) shrinks with the batch.
 */
const lookups = new WeakMap<Database, DataLoader<string, LookupRow | null>>();

function lookUp(db: Database, id: string): Promise<LookupRow | null> {
  let loader = lookups.get(db);
  if (!loader) {
    loader = new DataLoader(
      async (ids: readonly string[]) => {
        const rows = await readRows<LookupRow>(db, LOOKUP_SQL, [JSON.stringify(ids)]);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((each) => byId.get(each) ?? null);
      },
      { cache: false, maxBatchSize: 100, batchScheduleFn: (run) => setImmediate(run) },
    );
    lookups.set(db, loader);
  }
  return loader.load(id);
}

export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const r = await lookUp(db, id);
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
      versions: JSON.parse(r.versions) as Record<string, number>,
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
