/**
 * Confirming an address from the link in the email (`accounts.verifyEmail`, posted to /verify-email).
 * The link's token travels in a cookie set by the page (never in the form), so the form has no input.
 */
import { defineAction } from 'astro:actions';
import { linkAccount, linkAlreadyConfirmed } from '../lib/server/accounts/confirmation';
import { setSessionCookie } from '../lib/server/accounts/cookies';
import { clearLinkToken, linkToken } from '../lib/server/accounts/link-token';
import { takeReturnPath } from '../lib/server/accounts/return-path';
import { verifyEmail as confirm } from '../lib/server/accounts/service';
import { clientIp } from '../lib/server/platform/client-ip';

/** The page to land on, told that the address is now confirmed (unless it already has a notice). */
function withNotice(path: string): string {
  const url = new URL(path, 'https://academy.invalid');
  if (!url.searchParams.has('notice')) url.searchParams.set('notice', 'verified');
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Confirms the address. A browser signed in as nobody is signed in to the link's account and goes to
 * the page it signed up from (`return-path.ts`: an invitation, say), else the welcome page; one signed in as someone else stays so and is told whose address it confirmed.
 */
export const verifyEmail = defineAction({
  accept: 'form',
  handler: async (_input, context) => {
    const token = linkToken('/verify-email', context.cookies) ?? '';
    const user = context.locals.user;
    const now = new Date();
    // Whose address, read before the link is used up: only needed to name another account.
    const target = user && token ? await linkAccount(token, now) : null;
    const result = await confirm(token, {
      ip: clientIp(context),
      userAgent: context.request.headers.get('user-agent') ?? '',
      now,
      signIn: !user,
    });
    if (result.kind === 'rate-limited') return result;
    if (result.kind === 'ok') {
      clearLinkToken('/verify-email', context.cookies);
      if (result.session) setSessionCookie(context.cookies, result.session.token, result.session.expiresAt);
      if (!user || user.id === result.userId)
        return { kind: 'ok' as const, next: withNotice(takeReturnPath(context.cookies) ?? '/welcome') };
      return { kind: 'confirmed-other' as const, email: target?.email ?? 'that address' };
    }
    const already = await linkAlreadyConfirmed(token);
    clearLinkToken('/verify-email', context.cookies);
    if (already) return { kind: 'already-confirmed' as const };
    return {
      kind: 'refused' as const,
      status: 400,
      message: 'This confirmation link has expired or was already used.',
    };
  },
});
