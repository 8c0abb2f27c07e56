/**
 * `npm run codes -- <command>`: manage redeemable codes.
 *   create <CODE> --kind trial [--days 7] | --kind free_product [--product assessment]
 *          | --kind discount (--percent N | --amount CENTS) [--duration once|repeating|forever] [--months N]
 *          [--expires YYYY-MM-DD] [--max N]
 *   list
 *   disable <CODE> / enable <CODE>
 */
import { describeCode, newCodeFrom } from '../lib/billing/codes';
import { appendAudit, CLI_ACTOR } from '../lib/server/admin/audit';
import { createCode, listCodes, setCodeActive } from '../lib/server/billing/service';
import { prepareDatabase } from '../lib/server/platform/db';
import { commandLine, stringOptions } from './args';

const USAGE = `Usage:
  npm run codes -- create <CODE> --kind trial [--days 7] [--expires YYYY-MM-DD] [--max N]
  npm run codes -- create <CODE> --kind free_product [--product assessment] [--expires …] [--max N]
  npm run codes -- create <CODE> --kind discount (--percent N | --amount CENTS)
                   [--duration once | repeating --months N | forever] [--expires …] [--max N]
  npm run codes -- list
  npm run codes -- disable <CODE>
  npm run codes -- enable <CODE>`;

async function main(): Promise<number> {
  const line = commandLine(
    USAGE,
    stringOptions('kind', 'days', 'product', 'percent', 'amount', 'duration', 'months', 'expires', 'max'),
  );
  if (typeof line === 'number') return line;
  const { positionals, values } = line;
  const [command, name] = positionals;
  const now = new Date();
  // Migrated and seeded like the server's, but no loops: mail queued here is the server's to deliver.
  await prepareDatabase(now);
  if (command === 'list') {
    for (const c of await listCodes()) {
      const limits = [
        c.maxRedemptions === null ? `${c.redemptions} used` : `${c.redemptions} of ${c.maxRedemptions} used`,
        c.expiresAt ? `expires ${c.expiresAt.toISOString().slice(0, 10)}` : 'no expiry',
        c.active ? 'active' : 'disabled',
      ];
      console.log(`${c.code.padEnd(16)} ${describeCode(c)} · ${limits.join(' · ')}`);
    }
    return 0;
  }
  if ((command === 'disable' || command === 'enable') && name) {
    const active = command === 'enable';
    const before = await setCodeActive(name, active, (tx, was) =>
      appendAudit(
        tx,
        CLI_ACTOR,
        { action: `code.${command}`, target: was.code, before: { active: was.active }, after: { active } },
        now,
      ),
    );
    if (before === null) {
      console.error(`There is no code ${name}.`);
      return 1;
    }
    console.log(`${before.code} is ${active ? 'active again' : 'disabled'}.`);
    return 0;
  }
  if (command === 'create' && name) {
    const code = newCodeFrom(name, values);
    if (typeof code === 'string') {
      console.error(code);
      return 2;
    }
    const created = await createCode(code, now, (tx) =>
      appendAudit(tx, CLI_ACTOR, { action: 'code.create', target: code.code, after: code }, now),
    );
    if (!created) {
      console.error(`The code ${code.code} already exists.`);
      return 1;
    }
    console.log(`Created ${code.code}: ${describeCode({ ...code, redemptions: 0 })}.`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

process.exitCode = await main();
