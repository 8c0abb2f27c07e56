/**
 * `npm run billing -- reconcile`: after an outage (missed webhooks), re-reads every known subscription
 * from Stripe and repairs local state: subscription rows and the membership they grant. Uses the same
 * STRIPE_* and DATABASE_URL settings as the server.
 */
import { reconcileWithStripe } from '../lib/server/billing/service';
import { prepareDatabase } from '../lib/server/platform/db';
import { commandLine } from './args';

const USAGE = 'Usage: npm run billing -- reconcile';

async function main(): Promise<number> {
  const line = commandLine(USAGE, {});
  if (typeof line === 'number') return line;
  const [command, extra] = line.positionals;
  if (command !== 'reconcile' || extra !== undefined) {
    console.error(USAGE);
    return 2;
  }
  const now = new Date();
  // Migrated and seeded like the server's, but no loops: mail queued here is the server's to deliver.
  await prepareDatabase(now);
  const result = await reconcileWithStripe(now);
  if (result === null) {
    console.error(
      'Payments are not configured (STRIPE_SECRET_KEY is not set): there is nothing to reconcile with.',
    );
    return 1;
  }
  const s = (n: number): string => (n === 1 ? '' : 's');
  console.log(
    `Reconciled ${result.subscriptions} subscription${s(result.subscriptions)} of ${result.customers} customer${s(result.customers)} with Stripe.`,
  );
  for (const id of result.missing) console.warn(`Stripe no longer has subscription ${id}; left as it was.`);
  return 0;
}

process.exitCode = await main();
