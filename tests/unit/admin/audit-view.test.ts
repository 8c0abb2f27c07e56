import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  actorKind,
  auditChanges,
  targetLabel,
  targetsPerson,
  WEBSITE_ACTOR,
} from '../../../src/lib/admin/audit-view';

describe('audit entries in words', () => {
  it('shows a change as field: old → new, leaving out what did not change', () => {
    expect(auditChanges('{"active":true,"code":"X"}', '{"active":false,"code":"X"}')).toEqual([
      { field: 'Active', before: 'yes', after: 'no' },
    ]);
  });

  it('lists what something was created with, without its empty fields, money with its currency', () => {
    const after = JSON.stringify({
      code: 'SPRING',
      kind: 'discount',
      percentOff: null,
      amountOffCents: 1250,
      discountDuration: 'repeating',
      discountMonths: 3,
      expiresAt: '2099-01-31T00:00:00.000Z',
    });
    expect(auditChanges(null, after)).toEqual([
      { field: 'Code', after: 'SPRING' },
      { field: 'Kind', after: 'Discount' },
      { field: 'Amount off', after: '$12.50' },
      { field: 'Applies to', after: 'A number of months' },
      { field: 'Months', after: '3' },
      { field: 'Expires', after: 'Sat, 31 Jan 2099, 12 am (UTC)' },
    ]);
    // In the reading admin's zone, in the one clock format.
    expect(auditChanges(null, after, 'America/New_York').at(-1)).toEqual({
      field: 'Expires',
      after: 'Fri, 30 Jan 2099, 7 pm (America/New York)',
    });
  });

  it('keeps a field present on one side only, and survives text that is not JSON', () => {
    expect(auditChanges('{"sessions":3}', '{"sessions":0,"adminGrantsEnded":1}')).toEqual([
      { field: 'Sessions', before: '3', after: '0' },
      { field: 'Admin grants ended', after: '1' },
    ]);
    expect(auditChanges('{"status":"member"}', null)).toEqual([{ field: 'Status', before: 'member' }]);
    expect(auditChanges(null, 'not json')).toEqual([{ field: 'Value', after: 'not json' }]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('names actions, and tells people from codes', () => {
    expect(actionLabel('membership.grant')).toBe('Granted membership');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(targetsPerson('code.create')).toBe(false);
    expect(targetsPerson('sessions.end')).toBe(true);
  });

  it('tells the command line from a person on the website and an admin, older entries included', () => {
    expect(actorKind(null, 'cli')).toBe('cli');
    expect(actorKind('u1', WEBSITE_ACTOR)).toBe('website');
    expect(actorKind(null, 'account deletion')).toBe('website');
    expect(actorKind('u2', 'ada@example.com')).toBe('admin');
  });

  it('names a closed team by the name stored with the entry, not its id', () => {
    expect(targetLabel('team.close', 'team123', '{"team":"West region","members":4}')).toBe(
      'Team “West region”',
    );
    expect(targetLabel('team.close', 'team123', '{"members":4}')).toBe('A closed team (team123)');
    expect(targetLabel('code.create', 'SPRING', null)).toBe('SPRING');
  });
});
