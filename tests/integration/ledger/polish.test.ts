import { describe, expect, it } from 'vitest';
import { useLearningServer } from '../../support/learning';

const ctx = useLearningServer();

/** The CSS a page links to, fetched from the built server. */
async function stylesOf(html: string): Promise<string> {
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(hrefs.length).toBeGreaterThan(0);
  const sheets = await Promise.all(
    hrefs.map(async (h) => (await fetch(new URL(h, ctx.server.origin))).text()),
  );
  return sheets.join('\n');
}

describe('ledger polish (issue 18)', () => {
  it('stretches only text-like inputs in form fields: radios and checkboxes keep their size', async () => {
    const { v } = await ctx.person();
    const html = await (await v.get('/ledger/customers')).text();
    expect(html).toContain('type="radio" name="startingBalance"');
    const css = await stylesOf(html);
    const stretched = [...css.matchAll(/([^{}]*)\{[^}]*width:100%[^}]*\}/g)].map((m) => m[1] ?? '');
    const inputRules = stretched.filter((selector) => /\.field input/.test(selector));
    expect(inputRules.length).toBeGreaterThan(0);
    for (const selector of inputRules) {
      for (const part of selector.split(',').filter((p) => p.includes('.field input'))) {
        expect(part, 'a width:100% rule reaching radios and checkboxes').toMatch(/:not\(\[type=checkbox\]/);
      }
    }
  });
});
