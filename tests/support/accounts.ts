/** Account journeys over HTTP, shared by the integration tests that need a signed-in visitor. */
import { afterAll, beforeAll, expect } from 'vitest';
import { Visitor } from './browser-less';
import { type RunningServer, startServer } from './server';
import { linkIn, type SmtpSink, startSmtpSink } from './smtp';

export const PASSWORD = 'trust is built in drops';

let ipCounter = 0;
let emailCounter = 0;

export function freshEmail(): string {
  emailCounter += 1;
  return `learner${emailCounter}-${Date.now()}@example.com`;
}

export function newVisitor(server: RunningServer): Visitor {
  ipCounter += 1;
  return new Visitor(server.origin, `198.51.100.${ipCounter % 250}`);
}

export async function signUpAndVerify(
  server: RunningServer,
  smtp: SmtpSink,
  v: Visitor,
  email = freshEmail(),
  password = PASSWORD,
): Promise<string> {
  const res = await v.submit('/signup?_action=accounts.signUp', { displayName: 'Ana', email, password });
  expect(res.status).toBe(200);
  const mail = await smtp.waitFor(email, (m) => m.subject.startsWith('Confirm'));
  await followEmailLink(v, linkIn(mail, server.origin));
  const confirm = await v.post('/verify-email?_action=accounts.verifyEmail', {});
  expect(confirm.status).toBe(303);
  return email;
}

export function logIn(v: Visitor, email: string, password = PASSWORD, next = '/'): Promise<Response> {
  return v.post('/login?_action=accounts.logIn', { email, password, next });
}

/** Opens an emailed link: the token moves into a cookie and the browser lands on the clean URL. */
export async function followEmailLink(v: Visitor, link: URL): Promise<Response> {
  const res = await v.get(`${link.pathname}${link.search}`);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(link.pathname);
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  return v.get(link.pathname);
}

export interface AccountServer {
  readonly server: RunningServer;
  readonly smtp: SmtpSink;
}

/**
 * A built server with a real SMTP sink for this test file, trusting X-Forwarded-For so each visitor has
 * its own client address (and rate-limit buckets). Started before the file's tests, stopped after.
 */
export function useAccountServer(): AccountServer {
  const env: { server?: RunningServer; smtp?: SmtpSink } = {};
  beforeAll(async () => {
    env.smtp = await startSmtpSink();
    env.server = await startServer({
      env: { SMTP_URL: env.smtp.url, TRUSTED_PROXY_HEADER: 'x-forwarded-for' },
    });
  });
  afterAll(async () => {
    await env.server?.stop();
    await env.smtp?.close();
  });
  return {
    get server() {
      if (!env.server) throw new Error('server not started yet');
      return env.server;
    },
    get smtp() {
      if (!env.smtp) throw new Error('SMTP sink not started yet');
      return env.smtp;
    },
  };
}
