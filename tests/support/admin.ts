/** Admins of a running test server: an account with the admin role, signed in. */
import type { Visitor } from './browser-less';
import type { LearningServer } from './learning';

export function signedInAdmin(ctx: LearningServer): Promise<{ v: Visitor; userId: string; email: string }> {
  return ctx.person({ member: false, role: 'admin', name: 'Ada Admin' });
}
