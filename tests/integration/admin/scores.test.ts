/** A trust index is written by one rounding rule wherever it is shown: the learner's pages and the admin's. */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatScore, scoreAssessment } from '../../../src/lib/assessment/scoring';
import { signedInAdmin } from '../../support/admin';
import { items, pages, takeAssessment } from '../../support/assessment';
import type { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';

const ctx = useLearningServer();
let learner: { v: Visitor; userId: string };
let admin: Visitor;
/** Answers by place on the page: 1, 2, 3, 4, 5, 1, … — a profile whose index has a decimal. */
const tick = (i: number) => (i % 5) + 1;
const answers = Object.fromEntries(pages.flatMap((page) => page.map((item, i) => [item.id, tick(i)])));
const profile = scoreAssessment(items, answers);

beforeAll(async () => {
  learner = await ctx.person({ name: 'Rae Rounding' });
  ({ v: admin } = await signedInAdmin(ctx));
  await takeAssessment(learner.v, tick);
});

describe('the trust index, rounded once', () => {
  it('has a decimal in this profile, so a whole-number rounding would show', () => {
    expect(Number.isInteger(profile.index)).toBe(false);
  });

  it('is the same on the learner’s assessment page and in the admin’s assessment history', async () => {
    const shown = formatScore(profile.index);
    const mine = await (await learner.v.get('/assessment')).text();
    expect(mine).toContain(`trust index ${shown}`);
    const html = await (await admin.get(`/admin/learners/${learner.userId}`)).text();
    const history = html.slice(html.indexOf('id="assessment-title"'));
    expect(history).toMatch(new RegExp(`<td class="num"[^>]*>${shown.replace('.', '\\.')}</td>`));
    for (const scale of Object.keys(profile.scores) as (keyof typeof profile.scores)[])
      expect(history).toContain(`>${formatScore(profile.scores[scale])}</td>`);
  });
});
