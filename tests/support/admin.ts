/** Admins of a running test server: an account with the admin role, signed in. */
import type { Visitor } from './browser-less';
import type { LearningServer } from './learning';

export function signedInAdmin(ctx: LearningServer): Promise<{ v: Visitor; userId: string; email: string }> {
  return ctx.person({ member: false, role: 'admin', name: 'Ada Admin' });
}

const LEARNER_ACTIONS: Record<string, string> = {
  grant: 'grantMembership',
  revoke: 'revokeMembership',
  resend: 'resendVerification',
  'end-sessions': 'endSessions',
};

/**
 * Where each admin page's form posts: the page with its action (`?_action=`, src/actions/admin.ts) and
 * the hidden field naming what it acts on. Tests name the page and the form's intent.
 */
export function adminAction(path: string, fields: Record<string, string>): [string, Record<string, string>] {
  const { intent = '', ...rest } = fields;
  if (path === '/admin/codes')
    return intent === 'create'
      ? [`${path}?_action=admin.createCode`, rest]
      : [`${path}?_action=admin.setCodeStatus`, { ...rest, intent }];
  const learner = /^\/admin\/learners\/([^/?]+)$/.exec(path)?.[1];
  if (learner !== undefined)
    return [`${path}?_action=admin.${LEARNER_ACTIONS[intent] ?? intent}`, { learner, ...rest }];
  throw new Error(`no admin form posts to ${path}`);
}

/** Submits an admin page's form as the browser does. */
export function postAdmin(v: Visitor, path: string, fields: Record<string, string>): Promise<Response> {
  const [url, sent] = adminAction(path, fields);
  return v.post(url, sent);
}
