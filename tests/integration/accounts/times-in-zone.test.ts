import { quizAttempts } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formatForPerson } from '../../../src/lib/ledger/time';
import { answerFields, postQuiz, submissionIdIn, useLearningServer } from '../../support/learning';
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
