/**
 * The account part of the site header, as HTML. It is the only per-person part of pages that are
 * otherwise the same for everyone with the same entitlements, so the page cache stores those pages with
 * this part cut out and puts it back per request (src/lib/server/platform/page-cache.ts).
 */
import { escapeHtml } from '../platform/html';

export const ACCOUNT_NAV_START = '<!--account-nav-->';
export const ACCOUNT_NAV_END = '<!--/account-nav-->';

/** Account forms that should not send the visitor back to themselves after logging in. */
const ACCOUNT_FORMS = [
  '/',
  '/login',
  '/signup',
  '/logout',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
];

export interface NavUser {
  displayName: string;
}

export function accountNavHtml(user: NavUser | null, path: string): string {
  const current = (href: string) => (path === href ? ' aria-current="page"' : '');
  if (user) {
    return (
      `<li><a href="/account"${current('/account')}><span class="visually-hidden">Account of </span>${escapeHtml(user.displayName)}</a></li>` +
      '<li><form class="inline-form" method="POST" action="/logout?_action=accounts.logOut">' +
      '<button class="link-button" type="submit">Log out</button></form></li>'
    );
  }
  const login = ACCOUNT_FORMS.includes(path) ? '/login' : `/login?next=${encodeURIComponent(path)}`;
  return (
    `<li><a href="${escapeHtml(login)}"${current('/login')}>Log in</a></li>` +
    `<li><a href="/signup"${current('/signup')}>Sign up</a></li>`
  );
}

/** Replaces the account nav in a rendered page; null when the page has no marked account nav. */
export function withAccountNav(html: string, user: NavUser | null, path: string): string | null {
  const start = html.indexOf(ACCOUNT_NAV_START);
  const end = html.indexOf(ACCOUNT_NAV_END, start);
  if (start < 0 || end < 0) return null;
  return html.slice(0, start + ACCOUNT_NAV_START.length) + accountNavHtml(user, path) + html.slice(end);
}
