import { describe, expect, it } from 'vitest';
import { amountFromCents, centsFromAmount, codeGives } from '../../../src/lib/admin/code-form';
import type { Code } from '../../../src/lib/billing/codes';

const base: Code = {
  code: 'X',
  kind: 'discount',
  product: null,
  trialDays: null,
  percentOff: null,
  amountOffCents: null,
  discountDuration: 'once',
  discountMonths: null,
  expiresAt: null,
  maxRedemptions: null,
  active: true,
  redemptions: 0,
};

describe('money typed in the code form', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0.05', 5],
    ['$1,200.00', 120000],
    [' 7 ', 700],
  ])('reads %s as %i cents', (text, cents) => {
    expect(centsFromAmount(text)).toBe(cents);
  });

  it.each(['abc', '12.505', '-5', '0', '0.00', '1e3', '12,5'])('refuses %s', (text) => {
    expect(centsFromAmount(text)).toBe('bad');
  });

  it('treats an empty field as not given, and writes cents back as dollars', () => {
    expect(centsFromAmount('')).toBeNull();
    expect(centsFromAmount(undefined)).toBeNull();
    expect(amountFromCents(1250)).toBe('12.50');
  });
});

describe('what a code gives, in the admin table', () => {
  it('names money with its currency and the payments it applies to', () => {
    expect(codeGives({ ...base, amountOffCents: 1250 })).toBe('$12.50 off membership, on the first payment');
    expect(codeGives({ ...base, percentOff: 20, discountDuration: 'repeating', discountMonths: 3 })).toBe(
      '20% off membership, for 3 months',
    );
    expect(codeGives({ ...base, percentOff: 10, discountDuration: 'forever' })).toBe(
      '10% off membership, on every payment',
    );
    expect(codeGives({ ...base, kind: 'trial', trialDays: 14, discountDuration: null })).toBe(
      '14 days of membership, free',
    );
    expect(codeGives({ ...base, kind: 'free_product', product: 'assessment', discountDuration: null })).toBe(
      'The trust self-assessment, free',
    );
  });
});
