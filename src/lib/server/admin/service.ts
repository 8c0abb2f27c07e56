/**
 * What admins do: codes, learners (membership granted or revoked, verification resent, sessions ended)
 * and the audit log. Every action is written to the audit log in the action's own transaction; writes to
 * other domains go through their services.
 */
import { targetsPerson } from '../../admin/audit-view';
import { CURRENCY_LABEL, centsFromAmount } from '../../admin/code-form';
import type { CreateCodeInput, GrantInput } from '../../admin/forms';
import { type Code, describeCode, newCodeFrom } from '../../billing/codes';
import { membershipStatus } from '../../billing/status';
import { resendVerification } from '../accounts/profile';
import { invalidateUserSessions, type SessionUser } from '../accounts/sessions';
import { historyOf } from '../assessment/service';
import {
  createCode,
  grantAdminMembership,
  grantsHeldBy,
  listCodes,
  redemptionsBy,
  revokeAdminMembership,
  setCodeActive,
  subscriptionsHeldBy,
} from '../billing/service';
import { getCourse } from '../content/service';
import { dashboardOf } from '../learning/service';
import { db } from '../platform/db';
import { type Actor, appendAudit } from './audit';
import * as q from './queries';

export type { AuditPerson, AuditRow, LearnerRow } from './queries';

export const actorOf = (admin: SessionUser): Actor => ({ id: admin.id, label: admin.email });

const DAY = 86_400_000;

// ── Codes ──

/** The admin form's field names are the CLI's option names; its messages name the fields instead. */
const FIELD_LABELS: Record<string, string> = {
  kind: 'Kind',
  days: 'Trial days',
  product: 'Product',
  percent: 'Percent off',
  amount: `Amount off (${CURRENCY_LABEL})`,
  duration: 'Duration',
  months: 'Months',
  expires: 'Expires on',
  max: 'Maximum redemptions',
};

const COMMON_FIELDS = ['kind', 'expires', 'max'];
const KIND_FIELDS: Record<string, string[]> = {
  trial: ['days'],
  free_product: ['product'],
  discount: ['percent', 'amount', 'duration', 'months'],
};

export type CodeCreation = { kind: 'created'; code: Code } | { kind: 'invalid'; message: string };

/** Creates a code from the admin form (empty fields left out), audited. */
export async function createCodeFromForm(
  admin: SessionUser,
  input: CreateCodeInput,
  now: Date,
): Promise<CodeCreation> {
  const form = Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  // Only the chosen kind's fields count, so a leftover "percent" does not block a trial code.
  const own = KIND_FIELDS[form['kind'] ?? ''] ?? [];
  const values = Object.fromEntries(
    Object.entries(form).filter(
      ([name, value]) => (COMMON_FIELDS.includes(name) || own.includes(name)) && value.trim() !== '',
    ),
  );
  // The form takes money as people write it (12.50); the code stores cents.
  if (values['amount'] !== undefined) {
    const cents = centsFromAmount(values['amount']);
    if (cents === 'bad')
      return {
        kind: 'invalid',
        message: `“Amount off” must be an amount in ${CURRENCY_LABEL} such as 15 or 12.50, more than zero.`,
      };
    values['amount'] = String(cents);
  }
  const made = newCodeFrom(form['code'] ?? '', values);
  if (typeof made === 'string') {
    return {
      kind: 'invalid',
      message: made.replace(/--([a-z]+)/g, (_, name: string) => `“${FIELD_LABELS[name] ?? name}”`),
    };
  }
  // An unticked box is not sent at all: no `active` means inactive.
  const code = { ...made, active: form['active'] === 'on' };
  const created = await createCode(code, now, (tx) =>
    appendAudit(tx, actorOf(admin), { action: 'code.create', target: code.code, after: code }, now),
  );
  if (!created) return { kind: 'invalid', message: `The code ${code.code} already exists.` };
  return { kind: 'created', code: { ...code, redemptions: 0 } };
}

export async function setCodeActiveAs(
  admin: SessionUser,
  code: string,
  active: boolean,
  now: Date,
): Promise<Code | null> {
  return setCodeActive(code, active, (tx, before) =>
    appendAudit(
      tx,
      actorOf(admin),
      {
        action: active ? 'code.enable' : 'code.disable',
        target: before.code,
        before: { active: before.active },
        after: { active },
      },
      now,
    ),
  );
}

export { describeCode, listCodes };

// ── Learners ──

export const LEARNERS_PER_PAGE = 25;

export async function searchLearners(
  text: string,
  page: number,
): Promise<{ rows: q.LearnerRow[]; total: number }> {
  const database = await db();
  const query = text.trim().slice(0, 200);
  const [rows, total] = await Promise.all([
    q.searchLearners(database, query, LEARNERS_PER_PAGE, (page - 1) * LEARNERS_PER_PAGE),
    q.countLearners(database, query),
  ]);
  return { rows, total };
}

/** Every learner matching the search, for the CSV export. */
export async function allMatchingLearners(text: string): Promise<q.LearnerRow[]> {
  return q.searchLearners(await db(), text.trim().slice(0, 200), -1, 0);
}

/** Everything the learner page shows; null for an unknown id. */
export async function learnerDetail(id: string, now: Date) {
  if (!/^[a-z2-7]{26}$/.test(id)) return null;
  const database = await db();
  const learner = await q.findLearner(database, id);
  if (!learner) return null;
  const [grants, subscriptions, redemptions, learning, results, sessions, course] = await Promise.all([
    grantsHeldBy(id),
    subscriptionsHeldBy(id),
    redemptionsBy(id),
    dashboardOf(id, now),
    historyOf(id),
    q.liveSessionCount(database, id, now),
    getCourse(),
  ]);
  return {
    learner,
    /** A lesson's title for its slug; the slug itself for a lesson since removed from the course. */
    lessonTitle: (slug: string): string => course.bySlug.get(slug)?.title ?? slug,
    grants,
    status: membershipStatus(grants, now),
    subscriptions,
    redemptions,
    learning,
    results,
    sessions,
  };
}

/** What an action did, named in the redirect after it (`?done=`), so the page says it in its own words. */
const DONE = {
  granted: 'Membership granted. The grant is listed under Access.',
  revoked: 'Admin grants of membership ended now. A trial or subscription, if any, stands.',
  'nothing-to-revoke':
    'There was no admin grant of membership to end; other access (a trial, a subscription) stands.',
  resent: 'A new confirmation link is on its way.',
  'already-confirmed': 'This email address is already confirmed; nothing was sent.',
  'sessions-ended': 'Every session of this person has ended; they log in again.',
} as const;
export type Done = keyof typeof DONE;

export function confirmation(done: string | null): string | null {
  return done !== null && Object.hasOwn(DONE, done) ? DONE[done as Done] : null;
}

export type LearnerAction =
  | { kind: 'done'; done: Done }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'not-found' };

/** Grants membership from now for `days` days, or until revoked when `days` is null. */
export async function grantMembershipAs(
  admin: SessionUser,
  userId: string,
  { days, reason }: Pick<GrantInput, 'days' | 'reason'>,
  now: Date,
): Promise<LearnerAction> {
  const learner = await q.findLearner(await db(), userId);
  if (!learner) return { kind: 'not-found' };
  const endsAt = days === null ? null : new Date(now.getTime() + days * DAY);
  await grantAdminMembership(userId, endsAt, now, (tx, grant) =>
    appendAudit(
      tx,
      actorOf(admin),
      { action: 'membership.grant', target: userId, reason, after: grant },
      now,
    ),
  );
  return { kind: 'done', done: 'granted' };
}

export async function revokeMembershipAs(
  admin: SessionUser,
  userId: string,
  reason: string,
  now: Date,
): Promise<LearnerAction> {
  const database = await db();
  if (!(await q.findLearner(database, userId))) return { kind: 'not-found' };
  const before = membershipStatus(await grantsHeldBy(userId), now);
  const ended = await revokeAdminMembership(userId, now, (tx, n) =>
    appendAudit(
      tx,
      actorOf(admin),
      { action: 'membership.revoke', target: userId, reason, before, after: { adminGrantsEnded: n } },
      now,
    ),
  );
  return { kind: 'done', done: ended === 0 ? 'nothing-to-revoke' : 'revoked' };
}

export async function resendVerificationAs(
  admin: SessionUser,
  userId: string,
  now: Date,
): Promise<LearnerAction> {
  const learner = await q.findLearner(await db(), userId);
  if (!learner) return { kind: 'not-found' };
  if (learner.emailVerifiedAt) return { kind: 'done', done: 'already-confirmed' };
  await resendVerification(
    {
      id: learner.id,
      email: learner.email,
      displayName: learner.displayName,
      role: learner.role,
      emailVerified: false,
      versions: {},
    },
    now,
    (tx) =>
      appendAudit(
        tx,
        actorOf(admin),
        { action: 'verification.resend', target: userId, after: { to: learner.email } },
        now,
      ),
  );
  return { kind: 'done', done: 'resent' };
}

export async function endSessionsAs(admin: SessionUser, userId: string, now: Date): Promise<LearnerAction> {
  const database = await db();
  if (!(await q.findLearner(database, userId))) return { kind: 'not-found' };
  const live = await q.liveSessionCount(database, userId, now);
  await invalidateUserSessions(database, userId, undefined, (tx) =>
    appendAudit(
      tx,
      actorOf(admin),
      { action: 'sessions.end', target: userId, before: { sessions: live }, after: { sessions: 0 } },
      now,
    ),
  );
  return { kind: 'done', done: 'sessions-ended' };
}

// ── Audit log ──

export const AUDIT_PER_PAGE = 50;

export async function auditLogPage(
  page: number,
): Promise<{ rows: q.AuditRow[]; total: number; people: ReadonlyMap<string, q.AuditPerson> }> {
  const database = await db();
  const [rows, total] = await Promise.all([
    q.auditPage(database, AUDIT_PER_PAGE, (page - 1) * AUDIT_PER_PAGE),
    q.auditCount(database),
  ]);
  const ids = rows.flatMap((r) => [
    ...(r.actorId ? [r.actorId] : []),
    ...(targetsPerson(r.action) ? [r.target] : []),
  ]);
  const people = new Map((await q.peopleByIds(database, ids)).map((p) => [p.id, p]));
  return { rows, total, people };
}

/** The whole log for the CSV export, newest first. */
export async function auditLogAll(): Promise<q.AuditRow[]> {
  return q.auditPage(await db(), -1, 0);
}
