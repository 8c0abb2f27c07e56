import { quizAttempts } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formatForPerson } from '../../../src/lib/ledger/time';
import { answerFields, postForm, postQuiz, submissionIdIn, useLearningServer } from '../../support/learning';
import { postLedger } from '../../support/ledger';

const ctx = useLearningServer();
const SLUG = 'trust-is-expectations-met';

describe('times shown to a signed-in person follow their chosen zone (review 3)', () => {
  it('says the quiz result and the sessions in UTC until a zone is chosen, then in that zone', async () => {
    const { v, userId } = await ctx.person();
    const quiz = await (await v.get(`/lessons/${SLUG}/quiz`)).text();
    const res = await postQuiz(v, SLUG, [['submission', submissionIdIn(quiz)], ...answerFields(SLUG)]);
    expect(res.status).toBe(303);
    const result = res.headers.get('location') ?? '';
    const [attempt] = await ctx.db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId));
    const submittedAt = attempt?.createdAt ?? new Date(Number.NaN);

    expect(await (await v.get(result)).text()).toContain(`Submitted ${formatForPerson(submittedAt, 'UTC')}.`);
    expect(await (await v.get('/account')).text()).toMatch(
      /Logged in <time datetime="[^"]+"[^>]*>[^<]+\(UTC\)<\/time>/,
    );

    const saved = await postLedger(v, '/ledger/settings', [
      ['intent', 'settings'],
      ['timeZone', 'America/Chicago'],
    ]);
    expect(saved.status).toBe(303);

    const after = await (await v.get(result)).text();
    expect(after).toContain(`Submitted ${formatForPerson(submittedAt, 'America/Chicago')}.`);
    expect(after).not.toContain(' UTC.');
    const account = await (await v.get('/account')).text();
    expect(account).toMatch(
      /Logged in <time datetime="[^"]+"[^>]*>[^<]+ (am|pm) \(America\/Chicago\)<\/time>/,
    );
    expect(account).not.toContain('UTC if unused');
  });
});

describe('the time zone on the account page (review 5)', () => {
  it('lets anyone signed in, member or not, choose their zone there; a zone not in the list is refused and nothing changes', async () => {
    const { v } = await ctx.person({ member: false });
    const page = await (await v.get('/account')).text();
    expect(page).toMatch(/<h2 id="zone-title"[^>]*>Time zone<\/h2>/);
    expect(page).toMatch(/<select id="timeZone" name="timeZone"[^>]*data-browser-zone="fill"/);

    const refused = await postForm(v, '/account?_action=account.setTimeZone', [['timeZone', 'Mars/Olympus']]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Choose a time zone from the list');
    expect(await (await v.get('/account')).text()).toMatch(/Logged in <time[^>]*>[^<]+\(UTC\)<\/time>/);

    const saved = await postForm(v, '/account?_action=account.setTimeZone', [
      ['timeZone', 'America/Los_Angeles'],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account?notice=zone');
    const after = await (await v.get('/account?notice=zone')).text();
    expect(after).toContain('Your time zone is saved: times across the site are shown in it.');
    expect(after).toMatch(/<option value="America\/Los_Angeles" selected/);
    expect(after).not.toMatch(/data-browser-zone="fill"/);
    expect(after).toMatch(/Logged in <time[^>]*>[^<]+ (am|pm) \(America\/Los Angeles\)<\/time>/);
  });
});
