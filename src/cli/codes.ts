/**
 * `npm run codes -- <command>`: manage redeemable codes.
 *   create <CODE> --kind trial [--days 7] | --kind free_product [--product assessment]
 *          | --kind discount (--percent N | --amount CENTS) [--duration once|repeating|forever] [--months N]
 *          [--expires YYYY-MM-DD] [--max N]
 *   list
 *   disable <CODE> / enable <CODE>
 */
import { parseArgs } from 'node:util';
import { write } from '@db/client';
import { codes } from '@db/schema';
import { eq } from 'drizzle-orm';
import { describeCode, newCodeFrom, normalizeCode } from '../lib/billing/codes';
import { withDatabase } from './database';

const USAGE = `Usage:
  npm run codes -- create <CODE> --kind trial [--days 7] [--expires YYYY-MM-DD] [--max N]
  npm run codes -- create <CODE> --kind free_product [--product assessment] [--expires …] [--max N]
  npm run codes -- create <CODE> --kind discount (--percent N | --amount CENTS)
                   [--duration once | repeating --months N | forever] [--expires …] [--max N]
  npm run codes -- list
  npm run codes -- disable <CODE>
  npm run codes -- enable <CODE>`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(
      ['kind', 'days', 'product', 'percent', 'amount', 'duration', 'months', 'expires', 'max'].map((o) => [
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
      const code = newCodeFrom(name, values as Record<string, string | undefined>);
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
