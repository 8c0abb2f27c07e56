/** The account part of the header: who sees Pricing, the ledger and the admin link. */
import { describe, expect, it } from 'vitest';
import { accountNavHtml } from '../../../src/lib/accounts/account-nav';

const PRICING = 'href="/pricing"';

describe('accountNavHtml', () => {
  it('offers Pricing to visitors and to learners without membership', () => {
    expect(accountNavHtml(null, '/lessons')).toContain(PRICING);
    expect(accountNavHtml({ displayName: 'Lee' }, '/lessons', false)).toContain(PRICING);
  });

  it('hides Pricing from members (their plan is under Account) and from admins', () => {
    const member = accountNavHtml({ displayName: 'Mia' }, '/lessons', true);
    expect(member).not.toContain(PRICING);
    expect(member).toContain('href="/ledger"');
    expect(member).toContain('href="/account"');
    expect(accountNavHtml({ displayName: 'Ada', role: 'admin' }, '/lessons', false)).not.toContain(PRICING);
  });

  it('marks Pricing as the current page on /pricing', () => {
    expect(accountNavHtml(null, '/pricing')).toContain('<a href="/pricing" aria-current="page">Pricing</a>');
  });

  it('keeps a member’s account links to four: My learning, Ledger, their account, Log out', () => {
    const member = accountNavHtml({ displayName: 'Mia' }, '/lessons', true);
    const items = [...member.matchAll(/<li>[\s\S]*?<\/li>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    expect(items).toEqual(['My learning', 'Ledger', 'Account of Mia', 'Log out']);
  });
});
