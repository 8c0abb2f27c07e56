/**
 * The page cache against the built server: a cached page is never behind a write or a change of what the
 * person holds, and path spellings can't make new entries.
 */
import { grants } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { takeAssessment } from '../../support/assessment';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();

const TAKE_IT = 'Take the trust self-assessment to get a learning path';

describe('a stale page, reproduced (issue 17)', () => {
  it('the dashboard shows the learning path right after BLOG, when the trial that gave the assessment has ended', async () => {
    const { v, userId } = await ctx.person({ member: false });
    const started = await postForm(v, '/trial', [['next', '/dashboard']]);
    expect(started.status).toBe(303);
    await takeAssessment(v);
    const during = visibleText(await (await v.get('/dashboard')).text());
    expect(during).toContain('From your trust profile, your biggest opportunity is');

    // The trial ends: nothing is written when a grant's end passes, so only its end moves here.
    await ctx.db
      .update(grants)
      .set({ endsAt: new Date(Date.now() - 60_000) })
      .where(and(eq(grants.userId, userId), eq(grants.source, 'trial')));
    const after = visibleText(await (await v.get('/dashboard')).text());
    expect(after).toContain(TAKE_IT);

    const redeemed = await postForm(v, '/redeem', [['code', 'BLOG']]);
    expect(visibleText(await redeemed.text())).toContain('Done — you now have the trust self-assessment');
    const now = visibleText(await (await v.get('/dashboard')).text());
    expect(now).not.toContain(TAKE_IT);
    expect(now).toContain('From your trust profile, your biggest opportunity is');
  });
});
