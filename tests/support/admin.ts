/** Admins of a running test server: an account with the admin role, signed in. */
import { expect } from 'vitest';
import { createUser } from '../factories/users';
import { Visitor } from './browser-less';
import { LEARNER_PASSWORD, type LearningServer } from './learning';

let ip = 100;

export async function signedInAdmin(
  ctx: LearningServer,
): Promise<{ v: Visitor; userId: string; email: string }> {
  const user = await createUser(ctx.db, { verified: true, role: 'admin', displayName: 'Ada Admin' });
  ip += 1;
  const v = new Visitor(ctx.server.origin, `198.51.100.${ip % 250}`);
  const res = await v.post('/login?_action=accounts.logIn', {
    email: user.email,
    password: LEARNER_PASSWORD,
    next: '/',
  });
  expect(res.status).toBe(303);
  return { v, userId: user.id, email: user.email };
}
