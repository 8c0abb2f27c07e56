/**
 * `npm run codes -- <command>`: manage redeemable codes.
 *   create <CODE> --kind trial [--days 7] | --kind free_product [--product assessment]
 *          | --kind discount (--percent N | --amount CENTS)   [--expires YYYY-MM-DD] [--max N]
 *   list
 *   disable <CODE> / enable <CODE>
 */
import { parseArgs } from 'node:util';
import { write } from '@db/client';
import { codes } from '@db/schema';
import { eq } from 'drizzle-orm';
import { CODE_KINDS, type Code, type CodeKind, describeCode, normalizeCode } from '../lib/billing/codes';
import { withDatabase } from './database';

const USAGE = `Usage:
  npm run codes -- create <CODE> --kind trial [--days 7] [--expires YYYY-MM-DD] [--max N]
  npm run codes -- create <CODE> --kind free_product [--product assessment] [--expires …] [--max N]
  npm run codes -- create <CODE> --kind discount (--percent N | --amount CENTS) [--expires …] [--max N]
  npm run codes -- list
  npm run codes -- disable <CODE>
  npm run codes -- enable <CODE>`;

const whole = (raw: string | undefined, min: number, max: number): number | null | 'bad' => {
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : 'bad';
};

/** A new code from the options, or the reason it can't be made. */
function codeFrom(
  name: string,
  values: Record<string, string | undefined>,
): Omit<Code, 'redemptions'> | string {
  const code = normalizeCode(name);
  if (code === null) return `"${name}" can't be a code: use 2–32 letters, digits or hyphens.`;
  const kind = values['kind'] as CodeKind | undefined;
  if (!kind || !CODE_KINDS.includes(kind)) return `--kind must be one of ${CODE_KINDS.join(', ')}.`;
  const days = whole(values['days'], 1, 365);
  const max = whole(values['max'], 1, 1_000_000);
  const percent = whole(values['percent'], 1, 100);
  const amount = whole(values['amount'], 1, 10_000_000);
  if (days === 'bad') return '--days must be a whole number from 1 to 365.';
  if (max === 'bad') return '--max must be a whole number, 1 or more.';
  if (percent === 'bad') return '--percent must be a whole number from 1 to 100.';
  if (amount === 'bad') return '--amount must be a whole number of cents, 1 or more.';
  let expiresAt: Date | null = null;
  if (values['expires'] !== undefined) {
    expiresAt = new Date(`${values['expires']}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['expires']) || Number.isNaN(expiresAt.getTime())) {
      return '--expires must be a date such as 2027-01-31 (the code stops working at the start of that day, UTC).';
    }
  }
  if (kind === 'discount' && (percent === null) === (amount === null))
    return 'A discount needs exactly one of --percent and --amount.';
  const product = values['product'] ?? 'assessment';
  if (kind === 'free_product' && product !== 'assessment' && product !== 'membership') {
    return '--product must be assessment or membership.';
  }
  return {
    code,
    kind,
    trialDays: kind === 'trial' ? (days ?? 7) : null,
    product: kind === 'free_product' ? (product as 'assessment' | 'membership') : null,
    percentOff: kind === 'discount' ? percent : null,
    amountOffCents: kind === 'discount' ? amount : null,
    expiresAt,
    maxRedemptions: max,
    active: true,
  };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(
      ['kind', 'days', 'product', 'percent', 'amount', 'expires', 'max'].map((o) => [
        o,
        { type: 'string' as const },
      ]),
    ),
  });
  const [command, name] = positionals;
  return withDatabase(async (db) => {
    if (command === 'list') {
      const rows = await db.select().from(codes).orderBy(codes.createdAt);
      for (const c of rows) {
        const limits = [
          c.maxRedemptions === null
            ? `${c.redemptions} used`
            : `${c.redemptions} of ${c.maxRedemptions} used`,
          c.expiresAt ? `expires ${c.expiresAt.toISOString().slice(0, 10)}` : 'no expiry',
          c.active ? 'active' : 'disabled',
        ];
        console.log(`${c.code.padEnd(16)} ${describeCode(c)} · ${limits.join(' · ')}`);
      }
      return 0;
    }
    if ((command === 'disable' || command === 'enable') && name) {
      const code = normalizeCode(name) ?? '';
      const updated = await write(db, (tx) =>
        tx
          .update(codes)
          .set({ active: command === 'enable' })
          .where(eq(codes.code, code))
          .returning({ code: codes.code }),
      );
      if (updated.length === 0) {
        console.error(`There is no code ${name}.`);
        return 1;
      }
      console.log(`${code} is ${command === 'enable' ? 'active again' : 'disabled'}.`);
      return 0;
    }
    if (command === 'create' && name) {
      const code = codeFrom(name, values as Record<string, string | undefined>);
      if (typeof code === 'string') {
        console.error(code);
        return 2;
      }
      const inserted = await write(db, (tx) =>
        tx
          .insert(codes)
          .values({ ...code, createdAt: new Date() })
          .onConflictDoNothing()
          .returning({ code: codes.code }),
      );
      if (inserted.length === 0) {
        console.error(`The code ${code.code} already exists.`);
        return 1;
      }
      console.log(`Created ${code.code}: ${describeCode({ ...code, redemptions: 0 })}.`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  });
}

process.exitCode = await main();
