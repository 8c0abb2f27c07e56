import { sessions } from '@db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAgainstNothing, verifyPassword } from '../../../src/lib/server/accounts/passwords';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  sessionCookie,
  validateSessionToken,
} from '../../../src/lib/server/accounts/sessions';
import { generateToken, hashToken, newId } from '../../../src/lib/server/accounts/tokens';
import { grantMembership } from '../../factories/grants';
import { createUser } from '../../factories/users';
import { type TestDatabase, testDatabase } from '../../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.dispose());

const DAY = 86_400_000;
/** The services take the time from their caller: these tests give them a fixed one. */
const NOW = new Date('2026-03-02T09:00:00Z');

describe('tokens', () => {
  it('are at least 128 bits of randomness and stored only as SHA-256', () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
    expect(new Set(Array.from({ length: 1000 }, generateToken)).size).toBe(1000);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(newId()).toMatch(/^[a-z2-7]{26}$/);
  });
});

describe('passwords', () => {
  it('hash with argon2id at m=19 MiB, t=2, p=1 and verify', async () => {
    const user = await createUser(t.db, NOW, { password: 'correct horse battery staple' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.passwordHash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(user.passwordHash, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyAgainstNothing('anything')).toBe(false);
  });
});

describe('sessions', () => {
  it('stores only the token hash and resolves the user from the token', async () => {
    const user = await createUser(t.db, NOW, { verified: true });
    const now = NOW;
    const { token, session } = await createSession(t.db, user.id, 'Firefox', now);
    const stored = await t.db.select().from(sessions);
    expect(stored.some((s) => s.id === token)).toBe(false);
    expect(stored.some((s) => s.id === hashToken(token))).toBe(true);
    const valid = await validateSessionToken(t.db, token, now);
    expect(valid?.user).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'learner',
      emailVerified: true,
      versions: {},
    });
    expect(valid?.grants).toEqual([]);
    expect(valid?.session.id).toBe(session.id);
    expect(valid?.renewed).toBe(false);
  });

  it('refuses unknown and malformed tokens', async () => {
    expect(await validateSessionToken(t.db, generateToken(), NOW)).toBeNull();
    expect(await validateSessionToken(t.db, "' OR 1=1 --", NOW)).toBeNull();
  });

  it('slides: renews when less than half the lifetime is left, expires after 30 days unused', async () => {
    const user = await createUser(t.db, NOW);
    const start = new Date('2026-01-01T00:00:00Z');
    const { token } = await createSession(t.db, user.id, '', start);
    const day20 = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(t.db, token, day20);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt.getTime()).toBe(day20.getTime() + SESSION_LIFETIME_MS);
    const afterExpiry = new Date(day20.getTime() + SESSION_LIFETIME_MS);
    expect(await validateSessionToken(t.db, token, afterExpiry)).toBeNull();
    // An expired session is deleted, not just refused.
    expect(await validateSessionToken(t.db, token, day20)).toBeNull();
  });

  it('logs out one session, or every session but the current one', async () => {
    const user = await createUser(t.db, NOW);
    const now = NOW;
    const a = await createSession(t.db, user.id, '', now);
    const b = await createSession(t.db, user.id, '', now);
    const c = await createSession(t.db, user.id, '', now);
    await invalidateSession(t.db, a.session.id);
    expect(await validateSessionToken(t.db, a.token, now)).toBeNull();
    await invalidateUserSessions(t.db, user.id, b.session.id);
    expect(await validateSessionToken(t.db, b.token, now)).not.toBeNull();
    expect(await validateSessionToken(t.db, c.token, now)).toBeNull();
    await invalidateUserSessions(t.db, user.id);
    expect(await validateSessionToken(t.db, b.token, now)).toBeNull();
  });

  it('answers lookups asked for in the same turn together, each with its own session, person and grants', async () => {
    const now = NOW;
    const member = await createUser(t.db, NOW, { verified: true });
    await grantMembership(t.db, member.id, { from: now });
    const learner = await createUser(t.db, NOW);
    const m = await createSession(t.db, member.id, '', now);
    const l = await createSession(t.db, learner.id, '', now);
    const old = await createSession(
      t.db,
      learner.id,
      '',
      new Date(now.getTime() - SESSION_LIFETIME_MS - DAY),
    );
    const ended = await createSession(t.db, member.id, '', now);
    await invalidateSession(t.db, ended.session.id);
    // One batch: two people, one of them twice, an expired and an ended session, and a token never issued.
    const answers = await Promise.all(
      [m.token, l.token, old.token, ended.token, generateToken(), m.token].map((token) =>
        validateSessionToken(t.db, token, now),
      ),
    );
    expect(answers.map((a) => a?.user.id ?? null)).toEqual([
      member.id,
      learner.id,
      null,
      null,
      null,
      member.id,
    ]);
    expect(answers[0]?.session.id).toBe(m.session.id);
    expect(answers[1]?.session.id).toBe(l.session.id);
    expect(answers[0]?.grants.map((g) => g.product)).toEqual(['membership']);
    expect(answers[1]?.grants).toEqual([]);
    expect(answers[0]?.user.emailVerified).toBe(true);
    expect(answers[1]?.user.emailVerified).toBe(false);
    // Nothing is kept between turns: a session ended now is refused on the next lookup.
    await invalidateSession(t.db, l.session.id);
    expect(await validateSessionToken(t.db, l.token, now)).toBeNull();
  });

  it('uses the __Host- prefix and Secure exactly when the site is https', () => {
    expect(sessionCookie(new URL('https://academy.example'))).toEqual({
      name: '__Host-session',
      secure: true,
    });
    expect(sessionCookie(new URL('http://127.0.0.1:4321'))).toEqual({ name: 'session', secure: false });
  });
});
