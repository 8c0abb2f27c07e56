/**
 * The audit log in words: what each action was, and its before/after as "field: old → new" lines
 * rather than raw JSON. The stored entries stay exactly as written (the CSV keeps the JSON). Pure.
 */
import { formatMoney } from '../billing/plans';
import { formatForPerson } from '../ledger/time';
import { CODE_CURRENCY } from './code-form';

const ACTIONS: Record<string, string> = {
  'code.create': 'Created a code',
  'code.enable': 'Enabled a code',
  'code.disable': 'Disabled a code',
  'membership.grant': 'Granted membership',
  'membership.revoke': 'Revoked membership',
  'sessions.end': 'Ended all sessions',
  'verification.resend': 'Resent the confirmation email',
  'admin.create': 'Created an admin account',
  'admin.promote': 'Made an account admin',
  'team.transfer': 'Handed a team to a new owner',
  'team.close': 'Closed a team with its owner’s account',
};

/**
 * The actor label of a person acting on their own account on the website (an owner deleting their
 * account closes their team), as opposed to an admin (their email) or the command line (`cli`).
 */
export const WEBSITE_ACTOR = 'website';
/** What entries written before `WEBSITE_ACTOR` existed stored for the same actor, without an id. */
const LEGACY_WEBSITE_ACTOR = 'account deletion';

export type ActorKind = 'cli' | 'website' | 'admin';

/** Who an entry's actor was, from what it stored. */
export function actorKind(actorId: string | null, actor: string): ActorKind {
  if (actor === WEBSITE_ACTOR || (actorId === null && actor === LEGACY_WEBSITE_ACTOR)) return 'website';
  return actorId === null ? 'cli' : 'admin';
}

/**
 * What an entry that doesn't target a person was done to, in words: a closed team by the name stored
 * with the entry (the team itself is gone), else the raw target (a code).
 */
export function targetLabel(action: string, target: string, before: string | null): string {
  if (action === 'team.close') {
    const team = parse(before)?.['team'];
    if (typeof team === 'string' && team !== '') return `Team “${team}”`;
    return `A closed team (${target})`;
  }
  return target;
}

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Whether an entry's target is a person (an account id) rather than a code. */
export function targetsPerson(action: string): boolean {
  return !action.startsWith('code.') && action !== 'team.close';
}

const FIELDS: Record<string, string> = {
  code: 'Code',
  kind: 'Kind',
  product: 'Product',
  trialDays: 'Trial days',
  percentOff: 'Percent off',
  amountOffCents: 'Amount off',
  discountDuration: 'Applies to',
  discountMonths: 'Months',
  expiresAt: 'Expires',
  maxRedemptions: 'Maximum redemptions',
  active: 'Active',
  source: 'Source',
  startsAt: 'Starts',
  endsAt: 'Ends',
  sessions: 'Sessions',
  adminGrantsEnded: 'Admin grants ended',
  to: 'Sent to',
  email: 'Email',
  displayName: 'Name',
  role: 'Role',
  emailConfirmed: 'Email confirmed',
  passwordChangeRequired: 'Must choose a password',
  status: 'Status',
  until: 'Until',
  team: 'Team',
  owner: 'Owner',
  members: 'Members',
};

const VALUES: Record<string, string> = {
  trial: 'Membership trial',
  discount: 'Discount',
  free_product: 'Free product',
  once: 'The first payment',
  repeating: 'A number of months',
  forever: 'Every payment',
  assessment: 'The trust self-assessment',
  membership: 'Membership',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function fieldLabel(name: string): string {
  if (FIELDS[name]) return FIELDS[name];
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(name: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return name === 'endsAt' || name === 'expiresAt' ? 'never' : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (name === 'amountOffCents' && typeof value === 'number') return formatMoney(value, CODE_CURRENCY);
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatForPerson(new Date(value), timeZone);
  if (typeof value === 'string') return VALUES[value] ?? value;
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((v) => formatValue('', v, timeZone)).join('; ');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)} ${formatValue(k, v, timeZone)}`)
      .join(', ');
  return String(value);
}

export interface AuditChange {
  field: string;
  /** Absent for a field that only has a value after (something created). */
  before?: string;
  after?: string;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { value: json };
  }
}

/**
 * The fields an entry changed. Something created lists what it was made with; a change lists only the
 * fields whose value differs, old → new; a field only before (or only after) shows on its side alone.
 * Times are shown in `timeZone` (the reading admin's), in the one clock format.
 */
export function auditChanges(before: string | null, after: string | null, timeZone = 'UTC'): AuditChange[] {
  const was = parse(before);
  const is = parse(after);
  const names = [...new Set([...Object.keys(was ?? {}), ...Object.keys(is ?? {})])];
  const changes: AuditChange[] = [];
  for (const name of names) {
    const inBefore = was !== null && Object.hasOwn(was, name);
    const inAfter = is !== null && Object.hasOwn(is, name);
    // What something was created with: its empty fields say nothing.
    if (!inBefore && (is?.[name] === null || is?.[name] === undefined)) continue;
    const old = inBefore ? formatValue(name, was?.[name], timeZone) : undefined;
    const now = inAfter ? formatValue(name, is?.[name], timeZone) : undefined;
    if (inBefore && inAfter && old === now) continue;
    changes.push({
      field: fieldLabel(name),
      ...(old === undefined ? {} : { before: old }),
      ...(now === undefined ? {} : { after: now }),
    });
  }
  return changes;
}
