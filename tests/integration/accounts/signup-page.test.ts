/**
 * The sign-up page answers every POST with a redirect to a clean address (no `?_action=` left to resubmit
 * on reload), keeps what was typed and every field's problem across it, and its "Check your email" page
 * can send the confirmation again: through the outbox, limited, with a confirmation on the page.
 */
import { describe, expect, it } from 'vitest';
import { freshEmail, newVisitor, PASSWORD, useAccountServer } from '../../support/accounts';
import { visibleText } from '../../support/phrases';
import { linkIn } from '../../support/smtp';

const ctx = useAccountServer();

describe('the sign-up page', () => {
  it('lands a refused form on a clean address, with every field’s problem in the summary and the input kept', async () => {
    const v = newVisitor(ctx.server);
    const posted = await v.post('/signup?_action=accounts.signUp&next=%2Fteams%2Fjoin', {
      displayName: '',
      email: 'not an address',
      password: 'short',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/signup?next=%2Fteams%2Fjoin');
    const page = await v.get('/signup?next=%2Fteams%2Fjoin');
    expect(page.status).toBe(400);
    const html = await page.text();
    const start = html.indexOf('id="error-summary"');
    const summary = html.slice(start, html.indexOf('</ul>', start));
    // All three problems at once, the short password among them, each a link to its field.
    expect(summary).toContain('href="#field-displayName"');
    expect(summary).toContain('href="#field-email"');
    expect(summary).toContain('href="#field-password"');
    expect(visibleText(summary)).toContain('Use at least 8 characters');
    expect(html).toContain('id="field-password-error"');
    expect(html).toContain('value="not an address"');
    expect(html).not.toContain('value="short"');
    // Read once: a reload starts clean.
    const reloaded = await v.get('/signup?next=%2Fteams%2Fjoin');
    expect(reloaded.status).toBe(200);
    expect(await reloaded.text()).not.toContain('id="error-summary"');
  });

  it('lands a sign-up on “Check your email”, which sends the confirmation again and says so', async () => {
    const v = newVisitor(ctx.server);
    const email = freshEmail();
    const posted = await v.post('/signup?_action=accounts.signUp', {
      displayName: 'Rue',
      email,
      password: PASSWORD,
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/signup?sent=1');
    const check = visibleText(await (await v.get('/signup?sent=1')).text());
    expect(check).toContain('Check your email');
    expect(check).toContain(`We sent a message to ${email}`);
    await ctx.smtp.waitFor(email, (m) => m.subject.startsWith('Confirm'));

    const resent = await v.post('/signup?sent=1&_action=accounts.resendSignUpEmail', {});
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toBe('/signup?sent=1&resent=1');
    expect(visibleText(await (await v.get('/signup?sent=1&resent=1')).text())).toContain(
      `We sent another confirmation email to ${email}`,
    );
    // The second message came through the outbox with its own working link.
    const confirmations = () =>
      ctx.smtp.messages.filter((m) => m.to === email && m.subject.startsWith('Confirm'));
    await ctx.smtp.waitFor(email, () => confirmations().length === 2);
    const [first, second] = confirmations();
    if (!first || !second) throw new Error('two confirmation emails expected');
    expect(linkIn(second, ctx.server.origin).href).not.toBe(linkIn(first, ctx.server.origin).href);

    // The recipient's limit (shared with sign-up: 3 in ten minutes) holds further resends back, and says so.
    await v.post('/signup?sent=1&_action=accounts.resendSignUpEmail', {});
    await ctx.smtp.waitFor(email, () => confirmations().length === 3);
    const held = await v.submit('/signup?sent=1&_action=accounts.resendSignUpEmail', {});
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(visibleText(await held.text())).toContain('We’ve sent several emails recently');
    expect(confirmations()).toHaveLength(3);
  });

  it('offers no resend to a browser that did not sign up', async () => {
    const v = newVisitor(ctx.server);
    const page = visibleText(await (await v.get('/signup?sent=1')).text());
    expect(page).toContain('Create your account');
    const resend = await v.post('/signup?sent=1&_action=accounts.resendSignUpEmail', {});
    expect(resend.headers.get('location')).toBe('/signup');
  });
});
