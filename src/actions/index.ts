/** Form mutations. Each validates its input with the shared schema, calls one service, and reports the outcome. */
import { ActionError, defineAction } from 'astro:actions';
import {
  changeEmailForm,
  changePasswordForm,
  deleteAccountForm,
  displayNameForm,
  forgotPasswordForm,
  logInForm,
  resetPasswordForm,
  signUpForm,
} from '../lib/accounts/forms';
import { safeNextPath } from '../lib/accounts/next-url';
import { accountTimeZoneForm } from '../lib/ledger/forms';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/accounts/cookies';
import { clearLinkToken, earnedHere, holdLinkToken, linkToken } from '../lib/server/accounts/link-token';
import {
  changeEmail,
  changePassword,
  deleteAccount,
  logOutOtherSessions,
  requestVerificationEmail,
  resendSignUpEmail,
  updateDisplayName,
} from '../lib/server/accounts/profile';
import { rememberReturnPath } from '../lib/server/accounts/return-path';
import { logIn, requestPasswordReset, resetPassword, signUp } from '../lib/server/accounts/service';
import { invalidateSession } from '../lib/server/accounts/sessions';
import { rememberSignUp, signedUpAs } from '../lib/server/accounts/signup-pending';
import { saveTimeZone } from '../lib/server/ledger/service';
import { clientIp } from '../lib/server/platform/client-ip';
import { db } from '../lib/server/platform/db';
import { admin } from './admin';
import { assessment } from './assessment';
import { billing } from './billing';
import { boosters } from './boosters';
import { conversations } from './conversations';
import { learning } from './learning';
import { ledger } from './ledger';
import { survey } from './survey';
import { teams } from './teams';
import { verifyEmail } from './verify-email';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

/** The signed-in user and session, or an UNAUTHORIZED action error (the page then sends them to log in). */
function signedIn(context: Ctx) {
  const { user, session } = context.locals;
  if (!user || !session) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please log in again.' });
  return { user, session };
}

function requestContext(context: Ctx) {
  return {
    ip: clientIp(context),
    userAgent: context.request.headers.get('user-agent') ?? '',
    now: new Date(),
  };
}

export const server = {
  conversations,
  boosters,
  admin,
  learning,
  ledger,
  accounts: {
    verifyEmail,

    signUp: defineAction({
      accept: 'form',
      input: signUpForm,
      handler: async (input, context) => {
        const result = await signUp(input, requestContext(context));
        // Where they were going (an invitation, say): confirming the address takes them back there.
        if (result.kind === 'ok') {
          rememberReturnPath(context.cookies, context.url.searchParams.get('next'));
          rememberSignUp(context.cookies, input.email);
        }
        return result;
      },
    }),

    /** "Resend the confirmation email" on the sign-up page: to the address this browser signed up with. */
    resendSignUpEmail: defineAction({
      accept: 'form',
      handler: async (_input, context) => {
        const email = signedUpAs(context.cookies);
        if (!email) return { kind: 'no-sign-up' as const };
        const { ip, now } = requestContext(context);
        return resendSignUpEmail(email, { ip, now });
      },
    }),

    logIn: defineAction({
      accept: 'form',
      input: logInForm,
      handler: async (input, context) => {
        const result = await logIn(input.email, input.password, requestContext(context));
        if (result.kind === 'choose-password') {
          holdLinkToken('/reset-password', result.resetToken, context.cookies);
          // No session yet, so no reminder to confirm: the operator's account is confirmed already.
          return { kind: 'ok' as const, next: '/reset-password?first=1', confirmed: true };
        }
        if (result.kind !== 'ok') return result;
        setSessionCookie(context.cookies, result.token, result.expiresAt);
        if (!result.confirmed) rememberReturnPath(context.cookies, input.next);
        return { kind: 'ok' as const, next: safeNextPath(input.next), confirmed: result.confirmed };
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
        const token = linkToken('/reset-password', context.cookies) ?? '';
        const signIn = earnedHere('/reset-password', context.cookies);
        const result = await resetPassword(token, input.password, { ...requestContext(context), signIn });
        if (result.kind === 'invalid-link') clearLinkToken('/reset-password', context.cookies);
        if (result.kind !== 'ok') return result;
        clearLinkToken('/reset-password', context.cookies);
        if (!result.session) return { kind: 'ok' as const, next: null };
        setSessionCookie(context.cookies, result.session.token, result.session.expiresAt);
        return { kind: 'ok' as const, next: result.session.role === 'admin' ? '/admin' : '/welcome' };
      },
    }),
  },

  account: {
    updateName: defineAction({
      accept: 'form',
      input: displayNameForm,
      handler: async (input, context) => {
        await updateDisplayName(signedIn(context).user, input.displayName, new Date());
        return { kind: 'ok' as const };
      },
    }),

    changeEmail: defineAction({
      accept: 'form',
      input: changeEmailForm,
      handler: (input, context) =>
        changeEmail(signedIn(context).user, input.email, input.currentPassword, new Date()),
    }),

    resendVerification: defineAction({
      accept: 'form',
      handler: (_input, context) => requestVerificationEmail(signedIn(context).user, new Date()),
    }),

    changePassword: defineAction({
      accept: 'form',
      input: changePasswordForm,
      handler: async (input, context) => {
        const { user } = signedIn(context);
        const result = await changePassword(
          user,
          input.currentPassword,
          input.newPassword,
          requestContext(context),
        );
        if (result.kind !== 'ok') return result;
        setSessionCookie(context.cookies, result.token, result.expiresAt);
        return { kind: 'ok' as const };
      },
    }),

    /** The person's time zone, kept with the ledger's settings: every page that shows a time reads it. */
    setTimeZone: defineAction({
      accept: 'form',
      input: accountTimeZoneForm,
      handler: async (input, context) => {
        const result = await saveTimeZone(signedIn(context).user.id, input.timeZone, new Date());
        return result.kind === 'ok' ? { kind: 'ok' as const } : result;
      },
    }),

    logOutOthers: defineAction({
      accept: 'form',
      handler: async (_input, context) => {
        const { user, session } = signedIn(context);
        await logOutOtherSessions(user, session.id);
        return { kind: 'ok' as const };
      },
    }),

    delete: defineAction({
      accept: 'form',
      input: deleteAccountForm,
      handler: async (input, context) => {
        const result = await deleteAccount(signedIn(context).user, input.password, new Date());
        if (result.kind === 'ok') deleteSessionCookie(context.cookies);
        return result;
      },
    }),
  },
  survey,
  teams,
  assessment,
  billing,
};
