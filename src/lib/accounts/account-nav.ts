/**
 * The account part of the site header, as HTML: the `account-nav` slot of every page, so the page cache
 * can store pages without it and put it back per request (src/lib/platform/slots.ts).
 */
import { escapeHtml } from '../platform/html';

export const ACCOUNT_NAV_SLOT = 'account-nav';

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
  /** Admins also get a link to the admin pages. */
  role?: 'learner' | 'admin';
}

/**
 * `member`: the promise ledger is in the nav for members only (by the request's entitlements). Pricing is
 * here rather than in the static links because members and admins have nothing to buy: members see
 * their plan under Account, so the link is for visitors and learners without membership. Teams, billing
 * and certificates are reached from the account page (the name), which keeps a member's nav to seven
 * items and the search icon.
 */
export function accountNavHtml(user: NavUser | null, path: string, member = false): string {
  const current = (href: string) => (path === href ? ' aria-current="page"' : '');
  const pricing = `<li><a href="/pricing"${current('/pricing')}>Pricing</a></li>`;
  if (user) {
    const ledgerCurrent = path.startsWith('/ledger/') ? ' aria-current="true"' : current('/ledger');
    const admin =
      user.role === 'admin'
        ? `<li><a href="/admin"${current('/admin')}${path.startsWith('/admin/') ? ' aria-current="true"' : ''}>Admin</a></li>`
        : '';
    return (
      (member || user.role === 'admin' ? '' : pricing) +
      admin +
      `<li><a href="/dashboard"${current('/dashboard')}>My learning</a></li>` +
      (member ? `<li><a href="/ledger"${ledgerCurrent}>Ledger</a></li>` : '') +
      `<li><a href="/account"${current('/account')}><span class="visually-hidden">Account of </span>${escapeHtml(user.displayName)}</a></li>` +
      '<li><form class="inline-form" method="POST" action="/logout?_action=accounts.logOut">' +
      '<button class="link-button" type="submit">Log out</button></form></li>'
    );
  }
  const login = ACCOUNT_FORMS.includes(path) ? '/login' : `/login?next=${encodeURIComponent(path)}`;
  return (
    pricing +
    `<li><a href="${escapeHtml(login)}"${current('/login')}>Log in</a></li>` +
    `<li><a href="/signup"${current('/signup')}>Sign up</a></li>`
  );
}
