import { describe, expect, it } from 'vitest';
import { MAX_INVITE_ROWS } from '../../../src/lib/teams/forms';
import { parseInviteList } from '../../../src/lib/teams/invitations';

describe('parseInviteList', () => {
  it('reads one address per line, with an optional role, once each', () => {
    expect(
      parseInviteList('ana@example.com\n\n Ben@Example.com , manager\nana@example.com\ncy@example.com,rep\n'),
    ).toEqual({
      kind: 'ok',
      invites: [
        { email: 'ana@example.com', role: 'member' },
        { email: 'ben@example.com', role: 'manager' },
        { email: 'cy@example.com', role: 'member' },
      ],
      problems: [],
    });
  });

  it('reads a CSV export with an email column wherever it is', () => {
    const csv =
      '\uFEFFName,Email,Role\r\nAna Lopez,ana@example.com,\r\n"Ben, Jr.",ben@example.com,Manager\r\n';
    expect(parseInviteList(csv)).toMatchObject({
      kind: 'ok',
      invites: [
        { email: 'ana@example.com', role: 'member' },
        { email: 'ben@example.com', role: 'manager' },
      ],
    });
  });

  it('reports every line that is not an address or has an unknown role, by its line number', () => {
    const result = parseInviteList('email,role\nana@example.com\nnot an address\nben@example.com,boss\n');
    expect(result).toMatchObject({
      kind: 'ok',
      invites: [{ email: 'ana@example.com' }],
      problems: [
        { line: 3, message: 'This is not an email address.' },
        { line: 4, message: 'The role must be “rep” or “manager” (or left empty).' },
      ],
    });
  });

  it('refuses an empty list, an unreadable one and one longer than the limit as a whole', () => {
    expect(parseInviteList('  \n\n')).toMatchObject({ kind: 'invalid' });
    expect(parseInviteList('"unterminated,quote\n')).toMatchObject({ kind: 'invalid' });
    const many = Array.from({ length: MAX_INVITE_ROWS + 1 }, (_, i) => `rep${i}@example.com`).join('\n');
    expect(parseInviteList(many)).toEqual({
      kind: 'invalid',
      message: `That list has ${MAX_INVITE_ROWS + 1} people. Invite at most ${MAX_INVITE_ROWS} at a time.`,
    });
  });
});
