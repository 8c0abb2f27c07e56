/**
 * The dashboard is a personal cached page that declares per-request slots (the team's assignments, the
 * boosters card): kept in parts, its slots (the person's own nav too) are filled on every hit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_NAV_SLOT } from '../../../src/lib/accounts/account-nav';
import { NO_ENTITLEMENTS } from '../../../src/lib/billing/entitlements';
import { slotHtml } from '../../../src/lib/platform/slots';
import { cachedPage, pageCacheKey, storePage } from '../../../src/lib/server/platform/page-cache';
import { TEAM_ASSIGNMENTS_SLOT } from '../../../src/lib/teams/assignments-html';

const now = new Date('2026-11-25T12:00:00Z');
const rep = { id: 'rep-live-slot', displayName: 'Rita', role: 'learner', versions: {} };
const dashboard = {
  method: 'GET',
  route: '/dashboard',
  params: {},
  url: new URL('http://127.0.0.1/dashboard'),
};

describe('declared slots on a personal page', () => {
  beforeEach(() => vi.stubEnv('DEV', false));
  afterEach(() => vi.unstubAllEnvs());

  it('fills the assignments and its other slots per request and keeps the rest as stored', async () => {
    const key = pageCacheKey(dashboard, rep, NO_ENTITLEMENTS, now) ?? '';
    const rendered = `<ul>${slotHtml(ACCOUNT_NAV_SLOT, 'Rita’s nav')}</ul><h1>My learning</h1>${slotHtml(TEAM_ASSIGNMENTS_SLOT, '')}<p>progress</p>`;
    await storePage('/dashboard', key, new Response(rendered));
    const fill = (slot: string) =>
      slot === TEAM_ASSIGNMENTS_SLOT ? '<section>Assigned by your team</section>' : 'other nav';
    const html = await (await cachedPage(key, fill))?.text();
    expect(html).toBe(
      `<ul>${slotHtml(ACCOUNT_NAV_SLOT, 'other nav')}</ul><h1>My learning</h1>${slotHtml(TEAM_ASSIGNMENTS_SLOT, '<section>Assigned by your team</section>')}<p>progress</p>`,
    );
  });
});
