import { describe, expect, it } from 'vitest';
import { customerSchema } from '../../../src/lib/ledger/forms';

const customer = (fields: Record<string, string>) =>
  customerSchema.safeParse({ name: 'Ana', company: '', notes: '', startingBalance: '0', ...fields });

describe('ledger text fields follow the shared text rule', () => {
  it.each([
    ['name', 'Ana\nBob'],
    ['name', 'Ana\u202Eevil'],
    ['company', 'Acme\u2028Inc'],
    ['company', 'Acme\u0000'],
    ['notes', 'Call back\u202E'],
    ['notes', 'Call back\u0007'],
  ])('refuses %s %j', (field, value) => {
    expect(customer({ [field]: value }).success).toBe(false);
  });

  it('keeps line breaks in notes, and any script anywhere', () => {
    const parsed = customer({ name: 'Łukasz 李雷', notes: 'First call.\r\nSecond call.' });
    expect(parsed.success && parsed.data.notes).toBe('First call.\nSecond call.');
  });
});
