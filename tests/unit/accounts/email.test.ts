import { describe, expect, it } from 'vitest';
import { emailSchema, normalizeEmail } from '../../../src/lib/accounts/email';

describe('email addresses', () => {
  it('normalises case and surrounding space', () => {
    expect(normalizeEmail('  Ana.Lopez@Example.COM ')).toBe('ana.lopez@example.com');
    expect(emailSchema.parse(' Ana@Example.com')).toBe('ana@example.com');
  });

  it('refuses what is not an address, with a message a person can act on', () => {
    const result = emailSchema.safeParse('ana at example');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter an email address like name@example.com.');
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@x.io`).success).toBe(false);
  });
});
