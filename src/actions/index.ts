/** Form mutations. Each validates its input with the shared schema, calls one service, and reports the outcome. */
import { defineAction } from 'astro:actions';
import { logInForm, resetPasswordForm, forgotPasswordForm, signUpForm } from '../lib/accounts/forms';
import { safeNextPath } from '../lib/accounts/next-url';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/accounts/cookies';
import { logIn, requestPasswordReset, resetPassword, signUp } from '../lib/server/accounts/service';
import { invalidateSession } from '../lib/server/accounts/sessions';
import { clientIp } from '../lib/server/platform/client-ip';
import { db } from '../lib/server/platform/db';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

function requestContext(context: Ctx) {
  return {
    ip: clientIp(context),
    userAgent: context.request.headers.get('user-agent') ?? '',
    now: new Date(),
  };
}

export const server = {
  accounts: {
    signUp: defineAction({
      accept: 'form',
      input: signUpForm,
      handler: (input, context) => signUp(input, requestContext(context)),
    }),

    logIn: defineAction({
      accept: 'form',
      input: logInForm,
      handler: async (input, context) => {
        const result = await logIn(input.email, input.password, requestContext(context));
        if (result.kind !== 'ok') return result;
        setSessionCookie(context.cookies, result.token, result.expiresAt);
        return { kind: 'ok' as const, next: safeNextPath(input.next) };
      },
    }),

    logOut: defineAction({
      accept: 'form',
      handler: async (_input, context) => {
        const session = context.locals.session;
        if (session) await invalidateSession(await db(), session.id);
        deleteSessionCookie(context.cookies);
        return { kind: 'ok' as const };
      },
    }),

    forgotPassword: defineAction({
      accept: 'form',
      input: forgotPasswordForm,
      handler: (input, context) => requestPasswordReset(input.email, requestContext(context)),
    }),

    resetPassword: defineAction({
      accept: 'form',
      input: resetPasswordForm,
      handler: async (input, context) => {
        const result = await resetPassword(input.token, input.password, requestContext(context));
        if (result.kind !== 'ok') return result;
        setSessionCookie(context.cookies, result.token, result.expiresAt);
        return { kind: 'ok' as const };
      },
    }),
  },
};
