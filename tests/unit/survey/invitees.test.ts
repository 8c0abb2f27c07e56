import { describe, expect, it } from 'vitest';
import { nameForEmail } from '../../../src/lib/platform/email-layout';
import { parseAddresses, selfLike } from '../../../src/lib/survey/invitees';

describe('addresses typed into the invitation form', () => {
  it('reads one or several, separated by commas, semicolons or lines, once per mailbox', () => {
    expect(parseAddresses(' Ana@Example.com,bo@example.org;\ncy@example.net  ana@example.com ')).toEqual({
      addresses: ['ana@example.com', 'bo@example.org', 'cy@example.net'],
      invalid: [],
    });
  });

  it('keeps the address of "Name <address>"', () => {
    expect(parseAddresses('Dee Okafor <dee@example.com>').addresses).toEqual(['dee@example.com']);
  });

  it('reports what isn’t an address', () => {
    expect(parseAddresses('ana@example.com, not-an-address').invalid).toEqual(['not-an-address']);
  });
});

describe('invitations that look like the member themselves', () => {
  it('refuses the member’s own mailbox however it is spelt', () => {
    expect(selfLike('ana.lopez@gmail.com', 'AnaLopez+survey@googlemail.com')).toBe('own-address');
  });

  it('flags an address at the member’s own company domain', () => {
    expect(selfLike('ana@acme-freight.com', 'bo@acme-freight.com')).toBe('same-domain');
  });

  it('doesn’t flag other people at a public mail provider', () => {
    expect(selfLike('ana@gmail.com', 'bo@gmail.com')).toBeNull();
    expect(selfLike('ana@acme-freight.com', 'bo@customer.example')).toBeNull();
  });
});

describe('the member’s name in the invitation email', () => {
  it('is used when it reads as a plain name', () => {
    expect(nameForEmail('  Łukasz  O’Brien-Nowak ')).toBe('Łukasz O’Brien-Nowak');
  });

  it('is left out when it could make the email say something else', () => {
    expect(nameForEmail('Your account is locked: visit evil.example')).toBeNull();
    expect(nameForEmail('https://evil.example')).toBeNull();
    expect(nameForEmail('A'.repeat(61))).toBeNull();
  });
});
