import { describe, expect, it } from 'vitest';
import { requireUser } from '../../../src/lib/server/accounts/guards';
import type { SessionUser } from '../../../src/lib/server/accounts/sessions';

const user = (role: SessionUser['role']): SessionUser => ({
  id: 'u1',
  email: 'a@example.com',
  displayName: 'A',
  role,
  emailVerified: true,
  versions: {},
});

function context(signedIn: SessionUser | null, path = '/account?tab=sessions') {
  return {
    locals: { user: signedIn } as App.Locals,
    url: new URL(`http://127.0.0.1${path}`),
    redirect: (to: string, status?: number) =>
      new Response(null, { status: status ?? 302, headers: { Location: to } }),
  };
}

describe('guards', () => {
  it('requireUser returns the user, or a redirect to log in that comes back here', () => {
    expect(requireUser(context(user('learner')))).toEqual(user('learner'));
    const res = requireUser(context(null)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount%3Ftab%3Dsessions');
  });
});
