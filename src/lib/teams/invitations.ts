/** Invitation lists (pasted or a CSV file) read into addresses and roles, with a message for every line that isn't one. */
import { parse } from 'csv-parse/sync';
import { emailSchema } from '../accounts/email';
import { MAX_INVITE_ROWS } from './forms';

/** How long an emailed invitation can be accepted. */
export const INVITATION_LIFETIME_MS = 14 * 86_400_000;

export interface ListedInvite {
  email: string;
  role: 'member' | 'manager';
}

export interface ListProblem {
  /** 1-based line in what was pasted or uploaded. */
  line: number;
  text: string;
  message: string;
}

export type InviteList =
  | { kind: 'ok'; invites: ListedInvite[]; problems: ListProblem[] }
  | { kind: 'invalid'; message: string };

const ROLE_WORDS: Record<string, 'member' | 'manager'> = {
  '': 'member',
  member: 'member',
  rep: 'member',
  manager: 'manager',
};

/**
 * One address per line, optionally followed by a role (`rep` or `manager`); or a CSV file with an
 * `email` column (and optionally `role`), as spreadsheets and CRMs export them. Blank lines are
 * skipped, repeated addresses counted once.
 */
export function parseInviteList(text: string): InviteList {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 2_000,
    }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', message: `This list could not be read (${reason.slice(0, 160)}).` };
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  const hasHeader = header?.some((h) => h === 'email' || h === 'e-mail' || h === 'email address') ?? false;
  const emailAt = hasHeader ? (header?.findIndex((h) => h.startsWith('e')) ?? 0) : 0;
  const roleAt = hasHeader ? (header?.indexOf('role') ?? -1) : 1;
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0)
    return { kind: 'invalid', message: 'The list is empty. Put one email address on each line.' };
  if (rows.length > MAX_INVITE_ROWS)
    return {
      kind: 'invalid',
      message: `That list has ${rows.length} people. Invite at most ${MAX_INVITE_ROWS} at a time.`,
    };
  const invites: ListedInvite[] = [];
  const problems: ListProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const line = i + 1 + (hasHeader ? 1 : 0);
    const raw = row[emailAt] ?? '';
    const shown = row.join(', ').slice(0, 120);
    const email = emailSchema.safeParse(raw);
    if (!email.success) {
      problems.push({ line, text: shown, message: 'This is not an email address.' });
      return;
    }
    const role = ROLE_WORDS[(roleAt >= 0 ? (row[roleAt] ?? '') : '').toLowerCase()];
    if (!role) {
      problems.push({ line, text: shown, message: 'The role must be “rep” or “manager” (or left empty).' });
      return;
    }
    if (seen.has(email.data)) return;
    seen.add(email.data);
    invites.push({ email: email.data, role });
  });
  return { kind: 'ok', invites, problems };
}
