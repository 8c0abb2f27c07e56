import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_BYTES, passwordProblem } from '../../../src/lib/accounts/password-policy';

describe('passwordProblem', () => {
  it.each([
    ['correct horse battery staple', null],
    ['Vertrauen wächst langsam', null],
    ['信頼は約束を守ることから', null],
    ['x'.repeat(500), null],
  ])('accepts %s', (password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });

  it('counts characters as people see them, not code units', () => {
    expect(passwordProblem('🙂🙂🙂🙂🙂🙂🙂')).toBe('too-short');
    expect(passwordProblem('🙂🙂🙂🙂🙂🙂🙂🙂')).toBeNull();
    expect(passwordProblem('seven77')).toBe('too-short');
  });

  it('refuses over-long input by its byte size, before any hashing', () => {
    expect(passwordProblem('a'.repeat(MAX_PASSWORD_BYTES))).toBeNull();
    expect(passwordProblem('a'.repeat(MAX_PASSWORD_BYTES + 1))).toBe('too-long');
    expect(passwordProblem('é'.repeat(MAX_PASSWORD_BYTES / 2 + 1))).toBe('too-long');
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('Password123')).toBe('common');
    expect(passwordProblem('QWERTYUIOP')).toBe('common');
  });

  it('refuses the email address or its local part', () => {
    expect(passwordProblem('ana.lopez@example.com', { email: 'Ana.Lopez@example.com' })).toBe(
      'contains-email',
    );
    expect(passwordProblem('ana.lopez', { email: 'ana.lopez@example.com' })).toBe('contains-email');
  });
});
