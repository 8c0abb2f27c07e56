/** One body-limit policy: every action has a limit, the default for any not listed, all under Astro's own bound. */
import { describe, expect, it } from 'vitest';
import { bodyLimitOf, FORM_BODY_LIMITS, LARGEST_FORM_BODY } from '../../../src/lib/platform/forms';

describe('form body limits', () => {
  it('gives every action a limit, the default for any not listed', () => {
    expect(bodyLimitOf('accounts.logIn')).toBe(FORM_BODY_LIMITS.default);
    expect(bodyLimitOf('no.such.action')).toBe(FORM_BODY_LIMITS.default);
    expect(bodyLimitOf('ledger.importCustomers').bytes).toBeGreaterThan(512 * 1024);
  });

  it('stays under Astro’s own action body limit (1 MiB), which is only an outer bound', () => {
    expect(LARGEST_FORM_BODY).toBeLessThanOrEqual(1024 * 1024);
    for (const limit of Object.values(FORM_BODY_LIMITS)) expect(limit.message).toMatch(/\.$/);
  });
});
