/** Ledger queries: plain reads and writes of a member's customers, promises, settings and digest days. Every read names the member. */
import { type Database, readRows, type Transaction } from '@db/client';
import {
  ledgerCustomers,
  ledgerDigests,
  ledgerPromiseEvents,
  ledgerPromises,
  ledgerSettings,
  users,
} from '@db/schema';
import { and, asc, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Channel, Outcome } from '../../ledger/rules';

type Reader = Database | Transaction;

export interface SettingsRow {
  timeZone: string;
  digest: boolean;
  hasFeed: boolean;
}

export async function readSettings(db: Reader, userId: string): Promise<SettingsRow | null> {
  const [row] = await db
    .select({
      timeZone: ledgerSettings.timeZone,
      digest: ledgerSettings.digest,
      hasFeed: sql<number>`${ledgerSettings.feedTokenHash} IS NOT NULL`,
    })
    .from(ledgerSettings)
    .where(eq(ledgerSettings.userId, userId));
  return row ? { timeZone: row.timeZone, digest: row.digest, hasFeed: Boolean(row.hasFeed) } : null;
}

export async function saveSettings(
  tx: Transaction,
  userId: string,
  values: { timeZone: string; digest: boolean },
  now: Date,
): Promise<void> {
  await tx
    .insert(ledgerSettings)
    .values({ userId, ...values, updatedAt: now })
    .onConflictDoUpdate({ target: ledgerSettings.userId, set: { ...values, updatedAt: now } });
}

/** Sets the member's zone alone (the daily email and the feed stay as they were), creating the row if needed. */
export async function saveTimeZone(
  tx: Transaction,
  userId: string,
  timeZone: string,
  now: Date,
): Promise<void> {
  await tx
    .insert(ledgerSettings)
    .values({ userId, timeZone, updatedAt: now })
    .onConflictDoUpdate({ target: ledgerSettings.userId, set: { timeZone, updatedAt: now } });
}

/** Sets (or with null, revokes) the feed secret's hash, creating the settings row if needed. */
export async function setFeedHash(
  tx: Transaction,
  userId: string,
  hash: string | null,
  defaultTimeZone: string,
  now: Date,
): Promise<void> {
  await tx
    .insert(ledgerSettings)
    .values({ userId, timeZone: defaultTimeZone, feedTokenHash: hash, updatedAt: now })
    .onConflictDoUpdate({ target: ledgerSettings.userId, set: { feedTokenHash: hash, updatedAt: now } });
}

export async function feedOwner(db: Reader, hash: string): Promise<{ userId: string } | null> {
  const [row] = await db
    .select({ userId: ledgerSettings.userId })
    .from(ledgerSettings)
    .where(eq(ledgerSettings.feedTokenHash, hash));
  return row ?? null;
}

export type CustomerRow = typeof ledgerCustomers.$inferSelect;

export interface CustomerChoice {
  id: string;
  name: string;
  company: string;
}

/**
 * The `limit` customers the member used last (their latest promise, or when they were added), and the
 * customer `include` whatever its turn, by name: the picker's choices. A bounded list, however many
 * customers the ledger holds.
 */
const CHOICES_SQL = `SELECT id, name, company FROM (
    SELECT c.id, c.name, c.company FROM ledger_customers c WHERE c.user_id = ?
    ORDER BY coalesce((SELECT max(p.created_at) FROM ledger_promises p WHERE p.customer_id = c.id), c.created_at) DESC, c.id
    LIMIT ?)
  UNION SELECT id, name, company FROM ledger_customers WHERE user_id = ? AND id = ?
  ORDER BY name COLLATE NOCASE, id`;

export async function customerChoices(
  db: Database,
  userId: string,
  limit: number,
  include: string | null = null,
): Promise<CustomerChoice[]> {
  return readRows<CustomerChoice>(db, CHOICES_SQL, [userId, limit, userId, include ?? '']);
}

export async function countCustomers(db: Reader, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(ledgerCustomers)
    .where(eq(ledgerCustomers.userId, userId));
  return row?.n ?? 0;
}

/** `%` and `_` typed by the member are letters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the member's customers by name, those whose name or company contains `query` if given. */
export async function customerPage(
  db: Reader,
  userId: string,
  query: string,
  limit: number,
  offset: number,
): Promise<{ rows: CustomerRow[]; total: number }> {
  const pattern = likePattern(query);
  const where = and(
    eq(ledgerCustomers.userId, userId),
    query === ''
      ? undefined
      : sql`(${ledgerCustomers.name} LIKE ${pattern} ESCAPE '\\' OR ${ledgerCustomers.company} LIKE ${pattern} ESCAPE '\\')`,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(ledgerCustomers)
      .where(where)
      .orderBy(sql`${ledgerCustomers.name} COLLATE NOCASE`, ledgerCustomers.id)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ledgerCustomers).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findCustomer(db: Reader, userId: string, id: string): Promise<CustomerRow | null> {
  const [row] = await db
    .select()
    .from(ledgerCustomers)
    .where(and(eq(ledgerCustomers.userId, userId), eq(ledgerCustomers.id, id)));
  return row ?? null;
}

export async function customerNames(db: Reader, userId: string): Promise<string[]> {
  const rows = await db
    .select({ name: ledgerCustomers.name })
    .from(ledgerCustomers)
    .where(eq(ledgerCustomers.userId, userId));
  return rows.map((r) => r.name);
}

/** The id of the customer a form with this submission id added, if any. */
export async function customerBySubmission(
  tx: Transaction,
  userId: string,
  submissionId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ id: ledgerCustomers.id })
    .from(ledgerCustomers)
    .where(and(eq(ledgerCustomers.userId, userId), eq(ledgerCustomers.submissionId, submissionId)));
  return row?.id ?? null;
}

export async function insertCustomers(tx: Transaction, rows: CustomerRow[]): Promise<void> {
  // SQLite limits bound parameters per statement; 100 rows of 7 columns stay well inside it.
  for (let i = 0; i < rows.length; i += 100) await tx.insert(ledgerCustomers).values(rows.slice(i, i + 100));
}

/** Changes a customer's details; false when the member has no customer with that id. */
export async function updateCustomer(
  tx: Transaction,
  userId: string,
  id: string,
  details: Pick<CustomerRow, 'name' | 'company' | 'notes' | 'startingBalance'>,
): Promise<boolean> {
  const updated = await tx
    .update(ledgerCustomers)
    .set(details)
    .where(and(eq(ledgerCustomers.userId, userId), eq(ledgerCustomers.id, id)))
    .returning({ id: ledgerCustomers.id });
  return updated.length > 0;
}

/** Deletes a customer and every promise made to them; the number of promises, or null when there was no such customer. */
export async function deleteCustomer(tx: Transaction, userId: string, id: string): Promise<number | null> {
  const promises = await tx
    .delete(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, id)))
    .returning({ id: ledgerPromises.id });
  const customers = await tx
    .delete(ledgerCustomers)
    .where(and(eq(ledgerCustomers.userId, userId), eq(ledgerCustomers.id, id)))
    .returning({ id: ledgerCustomers.id });
  return customers.length > 0 ? promises.length : null;
}

export async function allCustomers(db: Reader, userId: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(ledgerCustomers)
    .where(eq(ledgerCustomers.userId, userId))
    .orderBy(sql`${ledgerCustomers.name} COLLATE NOCASE`, ledgerCustomers.id);
}

export type PromiseRow = typeof ledgerPromises.$inferSelect;

export async function insertPromise(tx: Transaction, row: PromiseRow): Promise<void> {
  await tx.insert(ledgerPromises).values(row);
}

/** The promise a form with this submission id recorded, if any. */
export async function promiseBySubmission(
  tx: Transaction,
  userId: string,
  submissionId: string,
): Promise<PromiseRow | null> {
  const [row] = await tx
    .select()
    .from(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.submissionId, submissionId)));
  return row ?? null;
}

export async function findPromise(db: Reader, userId: string, id: string): Promise<PromiseRow | null> {
  const [row] = await db
    .select()
    .from(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.id, id)));
  return row ?? null;
}

/** Records an outcome once: only while the promise is still open, so two clicks cannot both count. */
export async function setOutcome(
  tx: Transaction,
  userId: string,
  id: string,
  outcome: Outcome,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(ledgerPromises)
    .set({ outcome, resolvedAt: now })
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.id, id), isNull(ledgerPromises.outcome)))
    .returning({ id: ledgerPromises.id });
  return updated.length > 0;
}

/** Puts a recorded outcome back to open (undo), only if it is still the outcome recorded at `resolvedAt`. */
export async function reopenPromise(
  tx: Transaction,
  userId: string,
  id: string,
  outcome: Outcome,
  resolvedAt: Date,
): Promise<boolean> {
  const updated = await tx
    .update(ledgerPromises)
    .set({ outcome: null, resolvedAt: null })
    .where(
      and(
        eq(ledgerPromises.userId, userId),
        eq(ledgerPromises.id, id),
        eq(ledgerPromises.outcome, outcome),
        eq(ledgerPromises.resolvedAt, resolvedAt),
      ),
    )
    .returning({ id: ledgerPromises.id });
  return updated.length > 0;
}

/** Replaces a recorded outcome (a correction), only if it is still `from`; when it happened stays as recorded. */
export async function correctOutcome(
  tx: Transaction,
  userId: string,
  id: string,
  from: Outcome,
  to: Outcome,
): Promise<boolean> {
  const updated = await tx
    .update(ledgerPromises)
    .set({ outcome: to })
    .where(
      and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.id, id), eq(ledgerPromises.outcome, from)),
    )
    .returning({ id: ledgerPromises.id });
  return updated.length > 0;
}

/** Moves an open promise's due time (a renegotiation), only if it is still open and due at `from`. */
export async function moveDue(
  tx: Transaction,
  userId: string,
  id: string,
  from: Date,
  to: Date,
): Promise<boolean> {
  const updated = await tx
    .update(ledgerPromises)
    .set({ dueAt: to })
    .where(
      and(
        eq(ledgerPromises.userId, userId),
        eq(ledgerPromises.id, id),
        isNull(ledgerPromises.outcome),
        eq(ledgerPromises.dueAt, from),
      ),
    )
    .returning({ id: ledgerPromises.id });
  return updated.length > 0;
}

export type PromiseEventRow = typeof ledgerPromiseEvents.$inferSelect;

export async function insertPromiseEvent(tx: Transaction, row: PromiseEventRow): Promise<void> {
  await tx.insert(ledgerPromiseEvents).values(row);
}

/** The renegotiations, undos and corrections of one customer's promises (or, without a customer, all of the member's), oldest first. */
export async function promiseEvents(
  db: Reader,
  userId: string,
  customerId: string | null = null,
): Promise<PromiseEventRow[]> {
  const rows = await db
    .select({ e: ledgerPromiseEvents })
    .from(ledgerPromiseEvents)
    .innerJoin(ledgerPromises, eq(ledgerPromises.id, ledgerPromiseEvents.promiseId))
    .where(
      and(
        eq(ledgerPromiseEvents.userId, userId),
        customerId === null ? undefined : eq(ledgerPromises.customerId, customerId),
      ),
    )
    .orderBy(asc(ledgerPromiseEvents.at), ledgerPromiseEvents.id);
  return rows.map((r) => r.e);
}

/** When each of the member's promises was renegotiated (what balances need of the events). */
export async function renegotiations(db: Reader, userId: string): Promise<{ promiseId: string; at: Date }[]> {
  return db
    .select({ promiseId: ledgerPromiseEvents.promiseId, at: ledgerPromiseEvents.at })
    .from(ledgerPromiseEvents)
    .where(and(eq(ledgerPromiseEvents.userId, userId), eq(ledgerPromiseEvents.kind, 'renegotiated')));
}

export interface DueRow {
  id: string;
  customer_id: string;
  customer_name: string;
  text: string;
  channel: Channel;
  due_at: number;
}

const DUE_SQL = `SELECT p.id, p.customer_id, c.name AS customer_name, p.text, p.channel, p.due_at
  FROM ledger_promises p JOIN ledger_customers c ON c.id = p.customer_id
  WHERE p.user_id = ? AND p.outcome IS NULL AND p.due_at < ?
  ORDER BY p.due_at, p.id LIMIT ?`;

/** Open promises due before `before` (today's and overdue ones), earliest first, from the open-promise index. */
export async function openDueBefore(
  db: Database,
  userId: string,
  before: Date,
  limit: number,
): Promise<DueRow[]> {
  return readRows<DueRow>(db, DUE_SQL, [userId, before.getTime(), limit]);
}

const OPEN_COUNT_SQL = `SELECT count(*) AS n FROM ledger_promises
  WHERE user_id = ? AND outcome IS NULL AND due_at < ?`;

export async function countOpenDueBefore(db: Database, userId: string, before: Date): Promise<number> {
  const [row] = await readRows<{ n: number }>(db, OPEN_COUNT_SQL, [userId, before.getTime()]);
  return Number(row?.n ?? 0);
}

const BETWEEN_SQL = `SELECT p.id, p.customer_id, c.name AS customer_name, p.text, p.channel, p.due_at
  FROM ledger_promises p JOIN ledger_customers c ON c.id = p.customer_id
  WHERE p.user_id = ? AND p.outcome IS NULL AND p.due_at >= ? AND p.due_at < ?
  ORDER BY p.due_at, p.id LIMIT ?`;

/** Open promises due in [from, to) (the upcoming days), earliest first, from the open-promise index. */
export async function openDueBetween(
  db: Database,
  userId: string,
  from: Date,
  to: Date,
  limit: number,
): Promise<DueRow[]> {
  return readRows<DueRow>(db, BETWEEN_SQL, [userId, from.getTime(), to.getTime(), limit]);
}

export type OpenFilter = 'all' | 'overdue' | 'upcoming';

/**
 * One page of the member's open promises, soonest due first (the overdue ones, oldest first, on top: the most
 * urgent first), to one customer if given, and only those
 * overdue (due before `now`) or not yet due (`upcoming`).
 */
export async function openPromisePage(
  db: Database,
  userId: string,
  { customerId, filter, now }: { customerId: string | null; filter: OpenFilter; now: Date },
  limit: number,
  offset: number,
): Promise<{ rows: DueRow[]; total: number }> {
  const where = [
    'p.user_id = ?',
    'p.outcome IS NULL',
    ...(customerId === null ? [] : ['p.customer_id = ?']),
    ...(filter === 'overdue' ? ['p.due_at < ?'] : filter === 'upcoming' ? ['p.due_at >= ?'] : []),
  ].join(' AND ');
  const args: (string | number)[] = [
    userId,
    ...(customerId === null ? [] : [customerId]),
    ...(filter === 'all' ? [] : [now.getTime()]),
  ];
  const [rows, [total]] = await Promise.all([
    readRows<DueRow>(
      db,
      `SELECT p.id, p.customer_id, c.name AS customer_name, p.text, p.channel, p.due_at
        FROM ledger_promises p JOIN ledger_customers c ON c.id = p.customer_id
        WHERE ${where} ORDER BY p.due_at ASC, p.id LIMIT ? OFFSET ?`,
      [...args, limit, offset],
    ),
    readRows<{ n: number }>(db, `SELECT count(*) AS n FROM ledger_promises p WHERE ${where}`, args),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** How many promises the member made to one customer. */
export async function countPromisesOf(db: Reader, userId: string, customerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, customerId)));
  return row?.n ?? 0;
}

/** Every promise to one customer of the member, newest due first. */
export async function promisesOfCustomer(
  db: Reader,
  userId: string,
  customerId: string,
): Promise<PromiseRow[]> {
  return db
    .select()
    .from(ledgerPromises)
    .where(and(eq(ledgerPromises.userId, userId), eq(ledgerPromises.customerId, customerId)))
    .orderBy(desc(ledgerPromises.dueAt), ledgerPromises.id);
}

export interface FactsRow {
  id: string;
  customerId: string;
  dueAt: Date;
  outcome: Outcome | null;
  resolvedAt: Date | null;
}

/** What the balances and rates need of every promise of the member. */
export async function promiseFacts(db: Reader, userId: string): Promise<FactsRow[]> {
  return db
    .select({
      id: ledgerPromises.id,
      customerId: ledgerPromises.customerId,
      dueAt: ledgerPromises.dueAt,
      outcome: ledgerPromises.outcome,
      resolvedAt: ledgerPromises.resolvedAt,
    })
    .from(ledgerPromises)
    .where(eq(ledgerPromises.userId, userId));
}

const FACTS_SQL = 'SELECT due_at, outcome, resolved_at FROM ledger_promises WHERE user_id = ?';

/** The same facts for the today view's summary, through the read connection (thousands of rows, no mapping layer). */
export async function promiseFactsFast(
  db: Database,
  userId: string,
): Promise<{ dueAt: Date; outcome: Outcome | null; resolvedAt: Date | null }[]> {
  const rows = await readRows<{ due_at: number; outcome: Outcome | null; resolved_at: number | null }>(
    db,
    FACTS_SQL,
    [userId],
  );
  return rows.map((r) => ({
    dueAt: new Date(Number(r.due_at)),
    outcome: r.outcome,
    resolvedAt: r.resolved_at === null ? null : new Date(Number(r.resolved_at)),
  }));
}

export interface ExportRow extends PromiseRow {
  customerName: string;
  company: string;
}

export async function promisesForExport(db: Reader, userId: string): Promise<ExportRow[]> {
  const rows = await db
    .select({ p: ledgerPromises, customerName: ledgerCustomers.name, company: ledgerCustomers.company })
    .from(ledgerPromises)
    .innerJoin(ledgerCustomers, eq(ledgerCustomers.id, ledgerPromises.customerId))
    .where(eq(ledgerPromises.userId, userId))
    .orderBy(asc(ledgerPromises.madeAt), ledgerPromises.id);
  return rows.map((r) => ({ ...r.p, customerName: r.customerName, company: r.company }));
}

/** Open promises for the calendar feed, due from `from` on (and overdue ones a week back). */
export async function openPromisesFrom(
  db: Reader,
  userId: string,
  from: Date,
  limit: number,
): Promise<(PromiseRow & { customerName: string })[]> {
  const rows = await db
    .select({ p: ledgerPromises, customerName: ledgerCustomers.name })
    .from(ledgerPromises)
    .innerJoin(ledgerCustomers, eq(ledgerCustomers.id, ledgerPromises.customerId))
    .where(
      and(
        eq(ledgerPromises.userId, userId),
        isNull(ledgerPromises.outcome),
        sql`${ledgerPromises.dueAt} >= ${from.getTime()}`,
      ),
    )
    .orderBy(asc(ledgerPromises.dueAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.p, customerName: r.customerName }));
}

/** Members who opted in to the digest, with where to send it and the last local day claimed for them. */
export async function digestSubscribers(
  db: Reader,
): Promise<{ userId: string; email: string; timeZone: string; lastDay: string | null }[]> {
  return (
    db
      .select({
        userId: ledgerSettings.userId,
        email: users.email,
        timeZone: ledgerSettings.timeZone,
        lastDay: sql<
          string | null
        >`(SELECT max(${ledgerDigests.day}) FROM ${ledgerDigests} WHERE ${ledgerDigests.userId} = ${ledgerSettings.userId})`,
      })
      .from(ledgerSettings)
      .innerJoin(users, eq(users.id, ledgerSettings.userId))
      // Mail goes only to confirmed addresses.
      .where(and(eq(ledgerSettings.digest, true), isNotNull(users.emailVerifiedAt)))
  );
}

/** Claims a member's digest for a local day; false when it was claimed before (by this or another process). */
export async function claimDigestDay(
  tx: Transaction,
  userId: string,
  day: string,
  now: Date,
): Promise<boolean> {
  const inserted = await tx
    .insert(ledgerDigests)
    .values({ userId, day, createdAt: now })
    .onConflictDoNothing()
    .returning({ day: ledgerDigests.day });
  return inserted.length > 0;
}

export async function digestDays(db: Reader, userId: string): Promise<{ day: string; createdAt: Date }[]> {
  return db
    .select({ day: ledgerDigests.day, createdAt: ledgerDigests.createdAt })
    .from(ledgerDigests)
    .where(eq(ledgerDigests.userId, userId));
}

/** Open promises due before `before`, inside a transaction (the digest reads and claims in one). */
export async function openDueInTx(
  tx: Transaction,
  userId: string,
  before: Date,
  limit: number,
): Promise<{ text: string; customerName: string; dueAt: Date }[]> {
  return tx
    .select({ text: ledgerPromises.text, customerName: ledgerCustomers.name, dueAt: ledgerPromises.dueAt })
    .from(ledgerPromises)
    .innerJoin(ledgerCustomers, eq(ledgerCustomers.id, ledgerPromises.customerId))
    .where(
      and(
        eq(ledgerPromises.userId, userId),
        isNull(ledgerPromises.outcome),
        lt(ledgerPromises.dueAt, before),
      ),
    )
    .orderBy(asc(ledgerPromises.dueAt))
    .limit(limit);
}
