/** The promise ledger: customers, promises and outcomes, the today view, settings and the calendar feed — the rules and transactions. */
import { write } from '@db/client';
import { entitlementsFor } from '../../billing/entitlements';
import {
  type AddCustomerInput,
  type AddPromiseInput,
  type CorrectableOutcome,
  CUSTOMERS_PER_PAGE,
  type CustomerInput,
  customerCapProblem,
  type LocalTime,
  PICKER_LIMIT,
  type SettingsInput,
} from '../../ledger/forms';
import type { DueEntry } from '../../ledger/html';
import { buildCalendar } from '../../ledger/ical';
import { LEDGER_LESSON_SLUGS } from '../../ledger/lessons';
import {
  type BalancePoint,
  balanceOf,
  balanceSeries,
  correctionProblem,
  type Dependability,
  dependability,
  type Outcome,
  openBySoonestDue,
  outcomeProblem,
  renegotiationProblem,
  UNDO_WINDOW_MS,
  undoProblem,
} from '../../ledger/rules';
import {
  canonicalTimeZone,
  DEFAULT_TIME_ZONE,
  dayBounds,
  defaultDue,
  endOfDayAfter,
  zonedToUtc,
} from '../../ledger/time';
import { generateToken, hashToken, newId } from '../accounts/tokens';
import { grantsOf } from '../billing/queries';
import { getCourse } from '../content/service';
import { config } from '../platform/config';
import { db } from '../platform/db';
import * as q from './queries';

export type { CustomerChoice, CustomerRow, OpenFilter, PromiseRow } from './queries';
// Moving a ledger in and out (CSV, the data download) lives beside this file; other code imports it from here.
export {
  checkImport,
  customersCsv,
  type ImportCheck,
  importCustomers,
  ledgerData,
  promisesCsv,
} from './transfer';

const ID = /^[a-z2-7]{26}$/;

export type Invalid = { kind: 'invalid'; fields: Record<string, string> };

export interface LedgerSettings {
  timeZone: string;
  digest: boolean;
  hasFeed: boolean;
  /** False until the member has saved their settings once (the page then asks for their time zone). */
  chosen: boolean;
}

export async function settingsOf(userId: string): Promise<LedgerSettings> {
  const row = await q.readSettings(await db(), userId);
  if (!row) return { timeZone: DEFAULT_TIME_ZONE, digest: false, hasFeed: false, chosen: false };
  // Saved before only canonical names were stored: another spelling of a listed zone is read as that
  // zone; anything else (an offset) counts as not chosen, so the page asks for a zone again.
  const timeZone = canonicalTimeZone(row.timeZone);
  return { ...row, timeZone: timeZone ?? DEFAULT_TIME_ZONE, chosen: timeZone !== null };
}

export async function saveSettings(
  userId: string,
  input: SettingsInput,
  now: Date,
): Promise<{ kind: 'ok' } | Invalid> {
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) {
    return {
      kind: 'invalid',
      fields: {
        timeZone: 'Choose a time zone from the list (a place such as Europe/Berlin, not an offset).',
      },
    };
  }
  await write(await db(), async (tx) => {
    await q.saveSettings(tx, userId, { timeZone, digest: input.digest === 'on' }, now);
  });
  return { kind: 'ok' };
}

/** "Use this zone" from a ledger page: the zone alone, the daily email left as it is. */
export async function saveTimeZone(
  userId: string,
  zone: string,
  now: Date,
): Promise<{ kind: 'ok'; timeZone: string } | Invalid> {
  const timeZone = canonicalTimeZone(zone);
  if (!timeZone) {
    return {
      kind: 'invalid',
      fields: {
        timeZone: 'Choose a time zone from the list (a place such as Europe/Berlin, not an offset).',
      },
    };
  }
  await write(await db(), (tx) => q.saveTimeZone(tx, userId, timeZone, now));
  return { kind: 'ok', timeZone };
}

/**
 * The zone a settings row holds when the feed made it before any zone was chosen: not a zone, so it reads
 * as "not chosen" (UTC, and the pages keep offering one) rather than as a choice of UTC nobody made.
 * Every reader canonicalises and falls back to UTC.
 */
const NO_ZONE_CHOSEN = '';

/** A new calendar feed secret (any earlier one stops working); only its hash is stored, so the URL is shown once. */
export async function createFeed(userId: string, now: Date): Promise<string> {
  const token = generateToken();
  await write(await db(), (tx) => q.setFeedHash(tx, userId, hashToken(token), NO_ZONE_CHOSEN, now));
  return token;
}

export async function revokeFeed(userId: string, now: Date): Promise<void> {
  await write(await db(), (tx) => q.setFeedHash(tx, userId, null, NO_ZONE_CHOSEN, now));
}

export function feedUrl(token: string): string {
  return new URL(`/ledger/feed/${token}.ics`, config.siteUrl).toString();
}

/**
 * The calendar of the feed with this secret; null for an unknown or revoked one. Without membership
 * (by `entitlementsFor`, like every other ledger page) it is a valid calendar with no promises and a
 * note saying why: calendar apps drop the events they showed, where an error status would leave them
 * showing stale promises and retrying (or alerting) every hour. The same secret works again on renewal.
 */
export async function feedCalendar(token: string, now: Date): Promise<string | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const database = await db();
  const owner = await q.feedOwner(database, hashToken(token));
  if (!owner) return null;
  const calendar = {
    now,
    siteUrl: new URL('/ledger', config.siteUrl).toString(),
    host: config.siteUrl.hostname,
  };
  if (!entitlementsFor({ grants: await grantsOf(database, owner.userId) }, now).membership) {
    const pricing = new URL('/pricing', config.siteUrl).toString();
    return buildCalendar([], {
      ...calendar,
      note: `Your Trust Academy membership has ended, so this calendar no longer lists your promises. Your ledger is kept: renew at ${pricing} and they appear here again.`,
    });
  }
  // Open promises from a week back (overdue ones stay visible) on.
  const open = await q.openPromisesFrom(
    database,
    owner.userId,
    new Date(now.getTime() - 7 * 86_400_000),
    500,
  );
  return buildCalendar(
    open.map((p) => ({
      id: p.id,
      text: p.text,
      customerName: p.customerName,
      channel: p.channel,
      dueAt: p.dueAt,
    })),
    calendar,
  );
}

export interface Today {
  settings: LedgerSettings;
  due: DueEntry[];
  /** Open promises due before the end of today, including those not listed. */
  dueCount: number;
  /** Open promises due in the next `UPCOMING_DAYS` local days after today, earliest first (at most `TODAY_LIMIT`). */
  upcoming: DueEntry[];
  /** The picker's choices: the customers used last (and the one just recorded, if any). */
  customers: q.CustomerChoice[];
  /** How many customers the ledger holds. */
  customerTotal: number;
  defaultDue: Date;
  /** The member's own dependability across every customer. */
  overall: Dependability;
}

/** The today view shows at most this many promises; the rest are counted. */
const TODAY_LIMIT = 100;
/** How many days after today the today view's upcoming list looks ahead. */
export const UPCOMING_DAYS = 14;
/** Open promises per page of the all-promises list. */
export const PROMISES_PER_PAGE = 50;

const dueEntry = (r: q.DueRow): DueEntry => ({
  id: r.id,
  customerId: r.customer_id,
  customerName: r.customer_name,
  text: r.text,
  channel: r.channel,
  dueAt: new Date(Number(r.due_at)),
});

/**
 * What is due today and overdue, in the member's zone: two indexed reads and the customer picker, which
 * includes `customerId` (the customer whose outcome was just recorded) whenever they were last used.
 */
export async function todayOf(userId: string, now: Date, customerId: string | null = null): Promise<Today> {
  const database = await db();
  const settings = await settingsOf(userId);
  const { end } = dayBounds(now, settings.timeZone);
  const include = customerId !== null && ID.test(customerId) ? customerId : null;
  const [rows, upcoming, customers, customerTotal, facts] = await Promise.all([
    q.openDueBefore(database, userId, end, TODAY_LIMIT),
    q.openDueBetween(
      database,
      userId,
      end,
      endOfDayAfter(now, settings.timeZone, UPCOMING_DAYS),
      TODAY_LIMIT,
    ),
    q.customerChoices(database, userId, PICKER_LIMIT, include),
    q.countCustomers(database, userId),
    q.promiseFactsFast(database, userId),
  ]);
  const dueCount =
    rows.length < TODAY_LIMIT ? rows.length : await q.countOpenDueBefore(database, userId, end);
  return {
    settings,
    due: rows.map(dueEntry),
    dueCount,
    upcoming: upcoming.map(dueEntry),
    customers,
    customerTotal,
    defaultDue: defaultDue(now, settings.timeZone),
    overall: dependability(facts, now),
  };
}

export interface OpenPromises {
  settings: LedgerSettings;
  promises: DueEntry[];
  /** How many open promises match the filters. */
  matching: number;
  page: number;
  perPage: number;
  /** The customer filtered by, when it is one of the member's. */
  customer: q.CustomerRow | null;
}

/** One page of the member's open promises, soonest due first (overdue on top), filtered by customer and by overdue or upcoming. */
export async function openPromisesOf(
  userId: string,
  now: Date,
  filters: { customerId: string | null; filter: q.OpenFilter; page: number },
): Promise<OpenPromises> {
  const database = await db();
  const settings = await settingsOf(userId);
  const customer =
    filters.customerId !== null && ID.test(filters.customerId)
      ? await q.findCustomer(database, userId, filters.customerId)
      : null;
  const { rows, total } = await q.openPromisePage(
    database,
    userId,
    { customerId: customer?.id ?? null, filter: filters.filter, now },
    PROMISES_PER_PAGE,
    (filters.page - 1) * PROMISES_PER_PAGE,
  );
  return {
    settings,
    promises: rows.map(dueEntry),
    matching: total,
    page: filters.page,
    perPage: PROMISES_PER_PAGE,
    customer,
  };
}

/** The picker's choices (the customers used last, and `include` if it is one of the member's) and how many there are in all. */
export async function customerChoices(
  userId: string,
  include: string | null = null,
): Promise<{ choices: q.CustomerChoice[]; total: number }> {
  const database = await db();
  const [choices, total] = await Promise.all([
    q.customerChoices(database, userId, PICKER_LIMIT, include !== null && ID.test(include) ? include : null),
    q.countCustomers(database, userId),
  ]);
  return { choices, total };
}

/** The ledger already holds as many customers as it may (`MAX_CUSTOMERS`). */
export type Full = { kind: 'full'; message: string };

export async function addCustomer(
  userId: string,
  { submission, ...customer }: AddCustomerInput,
  now: Date,
): Promise<{ kind: 'ok'; id: string } | Full> {
  // Counted in the transaction that adds, so two forms sent at once can't pass the cap together.
  const added = await write(await db(), async (tx) => {
    // The same form sent again (a double click, a resent POST) finds the customer it added.
    const earlier = await q.customerBySubmission(tx, userId, submission);
    if (earlier) return { id: earlier };
    const problem = customerCapProblem(await q.countCustomers(tx, userId), 1);
    if (problem !== null) return problem;
    const fresh = newId();
    await q.insertCustomers(tx, [
      { id: fresh, userId, ...customer, createdAt: now, submissionId: submission },
    ]);
    return { id: fresh };
  });
  return typeof added === 'string' ? { kind: 'full', message: added } : { kind: 'ok', id: added.id };
}

/** One of the member's customers and how many promises were made to them: what the edit page shows. */
export async function customerDetails(
  userId: string,
  customerId: string,
): Promise<{ customer: q.CustomerRow; promises: number } | null> {
  if (!ID.test(customerId)) return null;
  const database = await db();
  const customer = await q.findCustomer(database, userId, customerId);
  if (!customer) return null;
  return { customer, promises: await q.countPromisesOf(database, userId, customerId) };
}

export type CustomerChange = { kind: 'ok' } | { kind: 'not-found' };

/** Saves new details for one of the member's customers; their promises and outcomes stay as they are. */
export async function editCustomer(
  userId: string,
  customerId: string,
  input: CustomerInput,
): Promise<CustomerChange> {
  if (!ID.test(customerId)) return { kind: 'not-found' };
  const updated = await write(await db(), (tx) => q.updateCustomer(tx, userId, customerId, input));
  return updated ? { kind: 'ok' } : { kind: 'not-found' };
}

export type CustomerRemoval = { kind: 'ok'; promises: number } | { kind: 'not-found' };

/**
 * Deletes one of the member's customers with every promise made to them (the form has confirmed it):
 * the member's dependability is then counted without those promises.
 */
export async function removeCustomer(userId: string, customerId: string): Promise<CustomerRemoval> {
  if (!ID.test(customerId)) return { kind: 'not-found' };
  const promises = await write(await db(), (tx) => q.deleteCustomer(tx, userId, customerId));
  return promises === null ? { kind: 'not-found' } : { kind: 'ok', promises };
}

/** Records a promise to one of the member's own customers; times are read in the member's zone and stored in UTC. */
/**
 * Records a promise. While the member has chosen no zone, the form's script sends the browser's own
 * (`browserZone`): the times are read in it and it becomes their zone in the same transaction
 * (`zoneSaved` says so, for the page to tell them). Without it the times are UTC, as the form says.
 */
export async function addPromise(
  userId: string,
  { submission, browserZone, ...input }: AddPromiseInput,
  now: Date,
): Promise<{ kind: 'ok'; id: string; customerId: string; zoneSaved: string | null } | Invalid> {
  const settings = await settingsOf(userId);
  const detected = !settings.chosen && browserZone ? canonicalTimeZone(browserZone) : null;
  const timeZone = detected ?? settings.timeZone;
  const dueAt = zonedToUtc(input.due, timeZone);
  const madeAt = input.made === null ? now : zonedToUtc(input.made, timeZone);
  if (madeAt.getTime() > now.getTime() + 60_000) {
    return {
      kind: 'invalid',
      fields: { made: 'A promise cannot be made in the future. Leave it empty for now.' },
    };
  }
  if (dueAt.getTime() <= madeAt.getTime()) {
    // Both fields are marked, so the form opens the disclosure that holds "Made at".
    return {
      kind: 'invalid',
      fields:
        input.made === null
          ? {
              due: 'That time has passed — if you made this promise earlier, set when you made it below.',
              made: 'Set when you made this promise, before its due time.',
            }
          : {
              due: 'The due time must be after when you made the promise (below).',
              made: 'When you made the promise must be before its due time.',
            },
    };
  }
  const stored = await write(await db(), async (tx): Promise<string | null> => {
    // The customer must be the member's own: someone else's id is "unknown", exactly like a made-up one.
    if (!(await q.findCustomer(tx, userId, input.customerId))) return null;
    if (detected) await q.saveTimeZone(tx, userId, detected, now);
    // The same form sent again (a double click, a resent POST) finds the promise it recorded. The same id
    // with other words, customer or due time is a second promise from a copy of the form (two tabs of one
    // cached today view): it is recorded too, without the id.
    const earlier = await q.promiseBySubmission(tx, userId, submission);
    if (
      earlier &&
      earlier.customerId === input.customerId &&
      earlier.text === input.text &&
      earlier.dueAt.getTime() === dueAt.getTime()
    ) {
      return earlier.id;
    }
    const id = newId();
    await q.insertPromise(tx, {
      id,
      userId,
      customerId: input.customerId,
      text: input.text,
      channel: input.channel,
      madeAt,
      dueAt,
      outcome: null,
      resolvedAt: null,
      createdAt: now,
      submissionId: earlier ? null : submission,
    });
    return id;
  });
  if (!stored) return { kind: 'invalid', fields: { customerId: 'Choose a customer from your ledger.' } };
  return { kind: 'ok', id: stored, customerId: input.customerId, zoneSaved: detected };
}

export type OutcomeResult =
  | { kind: 'ok'; customerId: string; outcome: Outcome }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; message: string };

export async function recordOutcome(
  userId: string,
  promiseId: string,
  outcome: Outcome,
  now: Date,
): Promise<OutcomeResult> {
  if (!ID.test(promiseId)) return { kind: 'not-found' };
  return write(await db(), async (tx): Promise<OutcomeResult> => {
    const promise = await q.findPromise(tx, userId, promiseId);
    if (!promise) return { kind: 'not-found' };
    // The same outcome sent again (a double click) is the outcome already recorded: done.
    if (promise.outcome === outcome) {
      return { kind: 'ok', customerId: promise.customerId, outcome: promise.outcome };
    }
    const problem = outcomeProblem(promise, outcome, now);
    if (problem) return { kind: 'bad-request', message: problem };
    if (!(await q.setOutcome(tx, userId, promiseId, outcome, now))) {
      return { kind: 'bad-request', message: 'This promise already has an outcome.' };
    }
    return { kind: 'ok', customerId: promise.customerId, outcome };
  });
}

/** One of the member's promises (for the notes after recording, undoing or renegotiating); null for anyone else's. */
export async function promiseOf(userId: string, promiseId: string): Promise<q.PromiseRow | null> {
  if (!ID.test(promiseId)) return null;
  return q.findPromise(await db(), userId, promiseId);
}

export type ChangeResult =
  | { kind: 'ok'; customerId: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; message: string };

/** Reopens a promise whose outcome was recorded moments ago (a mis-click); the undo stays in its history. */
export async function undoOutcome(userId: string, promiseId: string, now: Date): Promise<ChangeResult> {
  if (!ID.test(promiseId)) return { kind: 'not-found' };
  return write(await db(), async (tx): Promise<ChangeResult> => {
    const promise = await q.findPromise(tx, userId, promiseId);
    if (!promise) return { kind: 'not-found' };
    if (promise.outcome === null) {
      // Undone a moment ago (a double click on "Undo"): done.
      const last = (await q.promiseEvents(tx, userId, promise.customerId))
        .filter((e) => e.promiseId === promiseId)
        .at(-1);
      if (last?.kind === 'undone' && now.getTime() - last.at.getTime() <= UNDO_WINDOW_MS) {
        return { kind: 'ok', customerId: promise.customerId };
      }
    }
    const problem = undoProblem(promise, now);
    if (problem || promise.outcome === null || promise.resolvedAt === null) {
      return { kind: 'bad-request', message: problem ?? 'This promise has no recorded outcome to undo.' };
    }
    if (!(await q.reopenPromise(tx, userId, promiseId, promise.outcome, promise.resolvedAt))) {
      return {
        kind: 'bad-request',
        message: 'The outcome changed meanwhile. Reload the page and look again.',
      };
    }
    await q.insertPromiseEvent(tx, {
      id: newId(),
      userId,
      promiseId,
      kind: 'undone',
      at: now,
      fromDueAt: null,
      toDueAt: null,
      fromOutcome: promise.outcome,
      fromResolvedAt: promise.resolvedAt,
      toOutcome: null,
    });
    return { kind: 'ok', customerId: promise.customerId };
  });
}

/** Corrects the recorded outcome of a promise; the ledger keeps what was recorded first and when it was corrected. */
export async function correctPromise(
  userId: string,
  promiseId: string,
  to: CorrectableOutcome,
  now: Date,
): Promise<ChangeResult> {
  if (!ID.test(promiseId)) return { kind: 'not-found' };
  return write(await db(), async (tx): Promise<ChangeResult> => {
    const promise = await q.findPromise(tx, userId, promiseId);
    if (!promise) return { kind: 'not-found' };
    // The outcome it already has (a double click, or nothing to correct): done.
    if (promise.outcome === to) return { kind: 'ok', customerId: promise.customerId };
    const problem = correctionProblem(promise, to);
    if (problem || promise.outcome === null) {
      return { kind: 'bad-request', message: problem ?? 'This promise is still open.' };
    }
    if (!(await q.correctOutcome(tx, userId, promiseId, promise.outcome, to))) {
      return {
        kind: 'bad-request',
        message: 'The outcome changed meanwhile. Reload the page and look again.',
      };
    }
    await q.insertPromiseEvent(tx, {
      id: newId(),
      userId,
      promiseId,
      kind: 'corrected',
      at: now,
      fromDueAt: null,
      toDueAt: null,
      fromOutcome: promise.outcome,
      fromResolvedAt: promise.resolvedAt,
      toOutcome: to,
    });
    return { kind: 'ok', customerId: promise.customerId };
  });
}

export type RenegotiationResult =
  | { kind: 'ok'; customerId: string; dueAt: Date }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; message: string }
  | Invalid;

/**
 * Agrees a new due time for an open promise before it is due: the promise stays open with the new time,
 * and the renegotiation is recorded (it costs its weight in the balance at once).
 */
export async function renegotiatePromise(
  userId: string,
  promiseId: string,
  due: LocalTime,
  now: Date,
): Promise<RenegotiationResult> {
  if (!ID.test(promiseId)) return { kind: 'not-found' };
  const { timeZone } = await settingsOf(userId);
  return write(await db(), async (tx): Promise<RenegotiationResult> => {
    const promise = await q.findPromise(tx, userId, promiseId);
    if (!promise) return { kind: 'not-found' };
    const dueAt = zonedToUtc(due, timeZone);
    if (promise.outcome === null && promise.dueAt.getTime() === dueAt.getTime()) {
      // Moved to this time a moment ago (the form sent twice): done, and counted once.
      const last = (await q.promiseEvents(tx, userId, promise.customerId))
        .filter((e) => e.promiseId === promiseId)
        .at(-1);
      if (last?.kind === 'renegotiated' && last.toDueAt?.getTime() === dueAt.getTime()) {
        return { kind: 'ok', customerId: promise.customerId, dueAt };
      }
    }
    const problem = renegotiationProblem(promise, dueAt, now);
    if (problem) {
      return dueAt.getTime() <= now.getTime() || dueAt.getTime() === promise.dueAt.getTime()
        ? { kind: 'invalid', fields: { due: problem } }
        : { kind: 'bad-request', message: problem };
    }
    if (!(await q.moveDue(tx, userId, promiseId, promise.dueAt, dueAt))) {
      return {
        kind: 'bad-request',
        message: 'The promise changed meanwhile. Reload the page and look again.',
      };
    }
    await q.insertPromiseEvent(tx, {
      id: newId(),
      userId,
      promiseId,
      kind: 'renegotiated',
      at: now,
      fromDueAt: promise.dueAt,
      toDueAt: dueAt,
      fromOutcome: null,
      fromResolvedAt: null,
      toOutcome: null,
    });
    return { kind: 'ok', customerId: promise.customerId, dueAt };
  });
}

/** A promise with when it was renegotiated, as the rules count it. */
export type CountedPromise = q.PromiseRow & { renegotiatedAt: Date[] };

export interface CustomerView {
  customer: q.CustomerRow;
  promises: CountedPromise[];
  /** Renegotiations, undos and corrections of this customer's promises, oldest first. */
  events: q.PromiseEventRow[];
  series: BalancePoint[];
  balance: number;
  dependability: Dependability;
  /** The open promise due soonest. */
  nextOpen: q.PromiseRow | null;
  timeZone: string;
  /** Whether the member chose the zone (UTC until then). */
  zoneChosen: boolean;
  defaultDue: Date;
}

export async function customerView(
  userId: string,
  customerId: string,
  now: Date,
): Promise<CustomerView | null> {
  if (!ID.test(customerId)) return null;
  const database = await db();
  const customer = await q.findCustomer(database, userId, customerId);
  if (!customer) return null;
  const [rows, events, settings] = await Promise.all([
    q.promisesOfCustomer(database, userId, customerId),
    q.promiseEvents(database, userId, customerId),
    settingsOf(userId),
  ]);
  const promises = rows.map((p) => ({
    ...p,
    renegotiatedAt: events.filter((e) => e.promiseId === p.id && e.kind === 'renegotiated').map((e) => e.at),
  }));
  const series = balanceSeries(customer.startingBalance, customer.createdAt, promises, now);
  const open = openBySoonestDue(promises);
  return {
    customer,
    promises,
    events,
    series,
    balance: series.at(-1)?.balance ?? customer.startingBalance,
    dependability: dependability(promises, now),
    nextOpen: open[0] ?? null,
    timeZone: settings.timeZone,
    zoneChosen: settings.chosen,
    defaultDue: defaultDue(now, settings.timeZone),
  };
}

export interface Overview {
  /** One page of customers, by name, with their balance and rate. */
  customers: (q.CustomerRow & { balance: number; dependability: Dependability; open: number })[];
  /** How many customers match the search (all of them without one). */
  matching: number;
  /** How many customers the ledger holds. */
  total: number;
  page: number;
  perPage: number;
  overall: Dependability;
}

/**
 * A page of the member's customers (`CUSTOMERS_PER_PAGE`, by name; those whose name or company contains
 * `query` when given) with their balances and rates, and the member's own dependability across all.
 */
export async function overviewOf(
  userId: string,
  now: Date,
  options: { query?: string; page?: number } = {},
): Promise<Overview> {
  const database = await db();
  const query = (options.query ?? '').trim().slice(0, 120);
  const page = Math.max(1, options.page ?? 1);
  const [found, total, rows, moved] = await Promise.all([
    q.customerPage(database, userId, query, CUSTOMERS_PER_PAGE, (page - 1) * CUSTOMERS_PER_PAGE),
    query === '' ? null : q.countCustomers(database, userId),
    q.promiseFacts(database, userId),
    q.renegotiations(database, userId),
  ]);
  const customers = found.rows;
  const movedAt = new Map<string, Date[]>();
  for (const r of moved) movedAt.set(r.promiseId, [...(movedAt.get(r.promiseId) ?? []), r.at]);
  const facts = rows.map((f) => ({ ...f, renegotiatedAt: movedAt.get(f.id) ?? [] }));
  const byCustomer = new Map<string, typeof facts>();
  for (const f of facts) {
    const list = byCustomer.get(f.customerId) ?? [];
    list.push(f);
    byCustomer.set(f.customerId, list);
  }
  return {
    customers: customers.map((c) => {
      const own = byCustomer.get(c.id) ?? [];
      return {
        ...c,
        balance: balanceOf(c.startingBalance, own, now),
        dependability: dependability(own, now),
        open: own.filter((p) => p.outcome === null).length,
      };
    }),
    matching: found.total,
    total: total ?? found.total,
    page,
    perPage: CUSTOMERS_PER_PAGE,
    overall: dependability(facts, now),
  };
}

/** The lessons the ledger links back to, as the course describes them. */
export async function ledgerLessons(): Promise<{ slug: string; title: string; summary: string }[]> {
  const course = await getCourse();
  return LEDGER_LESSON_SLUGS.flatMap((slug) => {
    const lesson = course.bySlug.get(slug);
    return lesson ? [{ slug, title: lesson.title, summary: lesson.summary }] : [];
  });
}
