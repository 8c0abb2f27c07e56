/** The profile as others read it (the share link, meant for a manager) and the figures every page agrees on. */
import { describe, expect, it } from 'vitest';
import type { AssessmentItem } from '../../../src/lib/assessment/schema';
import { answerAll as answerAllPages, submitAssessment as submit } from '../../support/assessment';
import { Visitor } from '../../support/browser-less';
import { postForm, useLearningServer } from '../../support/learning';
import { visibleText } from '../../support/phrases';

const ctx = useLearningServer();
const text = (html: string) => visibleText(html).replace(/\s+/g, ' ');

/** Answers every page: `value(item)` is the answer as the learner ticks it, 1–5. */
const answerAll = (v: Visitor, value: (item: AssessmentItem) => number) =>
  answerAllPages(v, (item) => value(item));

async function shareLink(v: Visitor, location: string): Promise<string> {
  expect(
    (
      await postForm(v, `${location}?_action=assessment.share`, [
        ['result', location.split('/').pop() ?? ''],
        ['share', 'on'],
      ])
    ).status,
  ).toBe(303);
  return /\/assessment\/shared\/[a-z2-7]{32}/.exec(await (await v.get(location)).text())?.[0] ?? '';
}

describe('the shared profile', () => {
  it('names the person in its heading, then speaks of them in the third person, and an all-tie names no strongest or weakest element', async () => {
    const { v } = await ctx.person({ name: 'Ana Pereira' });
    // "3" everywhere (reverse-keyed or not) puts every scale at 50: a five-way tie.
    await answerAll(v, () => 3);
    const link = await shareLink(v, await submit(v));
    const manager = new Visitor(ctx.server.origin, '192.0.2.41');
    const page = text(await (await manager.get(link)).text());
    expect(page).toContain('Ana Pereira’s trust profile');
    expect(page).toContain('Ana Pereira rated themselves');
    expect(page).toContain('Their scores');
    expect(page).toContain('What their scores mean');
    expect(page).toContain('They gave this a middle self-rating');
    // Named in the heading and the line under it, not in every sentence: the page reads as a person writes.
    const main = text(/<main[\s\S]*<\/main>/.exec(await (await manager.get(link)).text())?.[0] ?? '');
    expect(main.split('Ana Pereira').length - 1).toBe(2);
    expect(page).toContain('none stands out as strongest or weakest');
    expect(page).not.toMatch(/strongest elements? (is|are)/);
    // Nothing addressed to the reader as if they were the person.
    expect(page).not.toMatch(/\b(your|you’re|yourself)\b/i);
  });
});

describe('direction of good and one rounding rule', () => {
  it('a rise in self-orientation reads as worse, a rise in an element as better; the index reads the same on every page', async () => {
    const { v } = await ctx.person();
    await answerAll(v, () => 3);
    const first = await submit(v);
    // Second time: self-orientation as high as it goes, dependability as high as it goes.
    const high = (i: AssessmentItem) => (i.reverse ? 1 : 5);
    await answerAll(v, (i) => (i.scale === 'self-orientation' || i.scale === 'dependability' ? high(i) : 3));
    const html = await (await v.get(await submit(v))).text();
    const row = (label: string) =>
      new RegExp(`<th scope="row"[^>]*>\\s*${label}[\\s\\S]*?<td class="change-(\\w+)"`).exec(html)?.[1];
    expect(row('Self-orientation')).toBe('worse');
    expect(row('Dependability')).toBe('better');
    expect(row('Competence')).toBe('same');
    const page = text(html);
    expect(page).toContain('Self-orientation lower is better');
    expect(page).toContain('Dependability higher is better');

    // 50 × (1 − 50 ÷ 200) = 37.5: the result page and the list of results both say 37.5, not 38.
    expect(text(await (await v.get(first)).text())).toContain('Trust index: 37.5 out of 100');
    expect(text(await (await v.get('/assessment')).text())).toContain('trust index 37.5');
  });
});

describe('coaching from the profile', () => {
  it('high self-orientation leads the path with Customer empathy, and the index shows its change since last time', async () => {
    const { v } = await ctx.person();
    await answerAll(v, () => 3);
    await submit(v);
    // Self-orientation and dependability as high as they go, the rest at 50: the index is
    // mean(100, 50, 50, 50, 50) × (1 − 100 ÷ 200) = 30, down 7.5 from 37.5.
    const high = (i: AssessmentItem) => (i.reverse ? 1 : 5);
    await answerAll(v, (i) => (i.scale === 'self-orientation' || i.scale === 'dependability' ? high(i) : 3));
    const html = await (await v.get(await submit(v))).text();
    const page = text(html);
    expect(page).toContain('Trust index: 30 out of 100');
    expect(page).toContain('\u22127.5 minus 7.5 since last time (37.5)');
    expect(html).toMatch(/class="index-change change-worse"/);
    expect(page).toMatch(/Self-orientation is high \(100\) ?: it lowers your trust index by 50%/);
    // Dependability is 50 points above the four tied at 50: strongest; the lowest (in course order
    // among equals) is Competence, with the other three close behind.
    expect(page).toMatch(/Your strongest element is Dependability ?\./);
    expect(page).toMatch(
      /Your lowest element is Competence ?, with Customer empathy, Telling the truth and Rapport within 10 points of it ?\./,
    );
    // The path: the foundations, then Customer empathy's lessons before any other element's.
    const pathText = page.slice(
      page.indexOf('Your learning path'),
      page.indexOf('Your trust index over time'),
    );
    const modules = [
      ...pathText.matchAll(
        /· (Foundations|Customer empathy|Competence|Telling the truth|Rapport|Dependability)\b/g,
      ),
    ].map((m) => m[1]);
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.find((m) => m !== 'Foundations')).toBe('Customer empathy');
    expect(modules.at(-1)).toBe('Dependability');
  });
});
