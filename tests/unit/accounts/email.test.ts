import { describe, expect, it } from 'vitest';
import { emailSchema, mailboxDomains, mailboxKey, normalizeEmail } from '../../../src/lib/accounts/email';

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

describe('mailboxKey', () => {
  it.each([
    ['Ana.Lopez+trial@GoogleMail.com', 'analopez@gmail.com'],
    ['a.n.a.lopez@gmail.com', 'analopez@gmail.com'],
    ['ANALOPEZ@GMAIL.COM', 'analopez@gmail.com'],
    ['analopez+one+two@gmail.com.', 'analopez@gmail.com'],
    ['  Ana+x@Example.ORG ', 'ana@example.org'],
    ['ana.lopez@example.org', 'ana.lopez@example.org'],
    ['+only@example.org', '+only@example.org'],
  ])('%s belongs to the mailbox %s', (email, key) => {
    expect(mailboxKey(email)).toBe(key);
  });

  it('keeps different people apart', () => {
    expect(mailboxKey('ana.lopez@example.org')).not.toBe(mailboxKey('analopez@example.org'));
    expect(mailboxKey('ana@gmail.com')).not.toBe(mailboxKey('ana@example.org'));
  });

  it('searches both of Google’s domains for a Gmail mailbox', () => {
    expect(mailboxDomains('x@googlemail.com').sort()).toEqual(['gmail.com', 'googlemail.com']);
    expect(mailboxDomains('x@Example.org')).toEqual(['example.org']);
  });
});
