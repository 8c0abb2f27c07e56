/**
 * One body-limit policy for every action (src/lib/platform/forms.ts), enforced by the middleware before a
 * body is read: a page's form gets its page back with 413 and a sentence; a `/_actions/` call gets 413.
 */
import { describe, expect, it } from 'vitest';
import { FORM_BODY_LIMITS } from '../../../src/lib/platform/forms';
import { Visitor } from '../../support/browser-less';
import { useLearningServer } from '../../support/learning';
import { sub } from '../../support/ledger';

const ctx = useLearningServer();
const justOver = (bytes: number) => 'x'.repeat(bytes + 1);

describe('the form body limit', () => {
  it('refuses an oversized body to every kind of action with 413, before the action runs', async () => {
    const anonymous = new Visitor(ctx.server.origin, '192.0.2.50');
    const { v: member } = await ctx.person();
    const cases: [Visitor, string][] = [
      [anonymous, '/login?_action=accounts.logIn'],
      [anonymous, '/signup?_action=accounts.signUp'],
      [anonymous, '/_actions/accounts.logIn'],
      [member, '/ledger/customers?_action=ledger.addCustomer'],
      [member, '/ledger/settings?_action=ledger.saveSettings'],
      [member, '/assessment/1?_action=assessment.savePage'],
      [member, '/assessment/review?_action=assessment.submit'],
      [member, '/redeem?_action=billing.redeem'],
      [member, '/checkout/monthly?_action=billing.checkout'],
      [member, '/verify-email?_action=accounts.verifyEmail'],
    ];
    for (const [v, path] of cases) {
      // Sign-up answers every POST with a redirect back to a clean address: the page then says it.
      const res = await v.submit(path, {
        email: 'a@example.com',
        name: justOver(FORM_BODY_LIMITS.default.bytes),
      });
      expect(res.status, path).toBe(413);
      expect(await res.text(), path).toContain(FORM_BODY_LIMITS.default.message);
    }
    expect(await (await member.get('/ledger/customers')).text()).toContain('No customers yet');
    // A quiz's answers have a larger limit of their own, with the same sentence on the quiz page.
    const quiz = await member.post('/lessons/trust-is-expectations-met/quiz?_action=learning.submitQuiz', {
      lesson: 'trust-is-expectations-met',
      answers: justOver(FORM_BODY_LIMITS['learning.submitQuiz'].bytes),
    });
    expect(quiz.status).toBe(413);
    expect(await quiz.text()).toContain(FORM_BODY_LIMITS['learning.submitQuiz'].message);
    // The trial answers only with redirects: its route says the limit in plain text.
    const trial = await member.post('/trial?_action=billing.startTrial', {
      next: justOver(FORM_BODY_LIMITS.default.bytes),
    });
    expect(trial.status).toBe(413);
  });

  it('measures what arrives when no Content-Length is sent (a streamed body)', async () => {
    const { v } = await ctx.person();
    const body = new URLSearchParams({
      name: justOver(FORM_BODY_LIMITS.default.bytes),
      submission: sub()[1],
    });
    const stream = new Blob([body.toString()]).stream();
    const res = await v.request('/ledger/customers?_action=ledger.addCustomer', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: v.origin },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('admits a body just under the limit, and gives the import its own larger one', async () => {
    const { v } = await ctx.person();
    const under = await v.post('/ledger/customers?_action=ledger.addCustomer', {
      name: 'Una Under',
      notes: 'n'.repeat(1500),
      submission: sub()[1],
    });
    expect(under.status).toBe(303);
    // 600 KB of CSV is over the import's limit, with its own sentence, on the import page.
    const form = new FormData();
    form.set('step', 'preview');
    form.set('file', new File([`name\n${'a,'.repeat(300_000)}`], 'big.csv', { type: 'text/csv' }));
    const big = await v.request('/ledger/import?_action=ledger.importCustomers', {
      method: 'POST',
      headers: { Origin: v.origin },
      body: form,
    });
    expect(big.status).toBe(413);
    const html = await big.text();
    expect(html).toContain(FORM_BODY_LIMITS['ledger.importCustomers'].message);
    expect(html).toContain('role="alert"');
  });
});
