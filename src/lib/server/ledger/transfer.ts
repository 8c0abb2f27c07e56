/** Moving a member's ledger in and out: CSV export, the customer import (checked, all rows or none), and the data download. */
import { write } from '@db/client';
import { toCsv } from '../../csv';
import { CUSTOMER_COLUMNS, type ImportRow, parseCustomersCsv } from '../../ledger/csv';
import { customerCapProblem } from '../../ledger/forms';
import { OUTCOME_LABELS } from '../../ledger/rules';
import { toLocalInput } from '../../ledger/time';
import { newId } from '../accounts/tokens';
import { db } from '../platform/db';
import * as q from './queries';

/**
 * The whole ledger, one promise a line, times as the member reads them: wall-clock `YYYY-MM-DD HH:mm` in
 * their time zone (which spreadsheets read as a date and time), the zone named in each time's header.
 */
export async function promisesCsv(userId: string, timeZone: string): Promise<string> {
  const rows = await q.promisesForExport(await db(), userId);
  const at = (date: Date | null) => (date === null ? '' : toLocalInput(date, timeZone).replace('T', ' '));
  return toCsv(
    [
      'customer',
      'company',
      'promise',
      'channel',
      `made_at (${timeZone})`,
      `due_at (${timeZone})`,
      'outcome',
      `recorded_at (${timeZone})`,
    ],
    rows.map((r) => [
      r.customerName,
      r.company,
      r.text,
      r.channel,
      at(r.madeAt),
      at(r.dueAt),
      r.outcome === null ? 'open' : OUTCOME_LABELS[r.outcome],
      at(r.resolvedAt),
    ]),
  );
}

/** The member's customers in the import format, so a file exported here imports back unchanged. */
export async function customersCsv(userId: string): Promise<string> {
  const rows = await q.allCustomers(await db(), userId);
  return toCsv(
    CUSTOMER_COLUMNS,
    rows.map((c) => [c.name, c.company, c.notes, c.startingBalance]),
  );
}

export type ImportCheck =
  | { kind: 'invalid-file'; message: string }
  | { kind: 'checked'; rows: ImportRow[]; errorCount: number };

/** Reads a customers file and checks each row, including names already in the member's ledger. */
export async function checkImport(userId: string, text: string): Promise<ImportCheck> {
  const parsed = parseCustomersCsv(text);
  if (parsed.kind !== 'ok') return parsed;
  const names = await q.customerNames(await db(), userId);
  const full = customerCapProblem(names.length, parsed.rows.length);
  if (full !== null) return { kind: 'invalid-file', message: full };
  const existing = new Set(names.map((n) => n.toLowerCase()));
  for (const row of parsed.rows) {
    if (existing.has(row.name.toLowerCase()))
      row.errors.push('A customer with this name is already in your ledger.');
  }
  return {
    kind: 'checked',
    rows: parsed.rows,
    errorCount: parsed.rows.filter((r) => r.errors.length > 0).length,
  };
}

/** Imports every row of a file in one transaction, or none when any row has a problem. */
export async function importCustomers(
  userId: string,
  text: string,
  now: Date,
): Promise<ImportCheck | { kind: 'imported'; count: number }> {
  const checked = await checkImport(userId, text);
  if (checked.kind !== 'checked' || checked.errorCount > 0) return checked;
  // Counted again in the transaction: two files imported at once can't pass the cap together.
  const full = await write(await db(), async (tx) => {
    const problem = customerCapProblem(await q.countCustomers(tx, userId), checked.rows.length);
    if (problem !== null) return problem;
    await q.insertCustomers(
      tx,
      checked.rows.map((r, i) => ({
        id: newId(),
        userId,
        name: r.name,
        company: r.company,
        notes: r.notes,
        startingBalance: r.startingBalance,
        // One millisecond apart keeps the file's order for equal names.
        createdAt: new Date(now.getTime() + i),
        submissionId: null,
      })),
    );
    return null;
  });
  if (full !== null) return { kind: 'invalid-file', message: full };
  return { kind: 'imported', count: checked.rows.length };
}

/** The member's ledger for "download my data". */
export async function ledgerData(userId: string): Promise<Record<string, unknown>> {
  const database = await db();
  const settings = await q.readSettings(database, userId);
  const [customers, promises, digests, events] = await Promise.all([
    q.allCustomers(database, userId),
    q.promisesForExport(database, userId),
    q.digestDays(database, userId),
    q.promiseEvents(database, userId),
  ]);
  return {
    settings: settings && {
      // Empty while none was chosen (a row the calendar feed made): times are then in UTC.
      timeZone: settings.timeZone || null,
      dailyDigest: settings.digest,
      calendarFeed: settings.hasFeed ? 'on (its secret is stored only as a hash)' : 'off',
    },
    customers: customers.map(({ userId: _u, submissionId: _s, ...c }) => c),
    promises: promises.map(({ userId: _u, company: _c, submissionId: _s, ...p }) => p),
    promiseChanges: events.map(({ userId: _u, ...e }) => e),
    digestsSent: digests,
  };
}
