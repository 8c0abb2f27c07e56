/**
 * `npm run billing -- reconcile`: after an outage (missed webhooks), re-reads every known subscription
 * from Stripe and repairs local state: subscription rows and the membership they grant. Uses the same
 * STRIPE_* and DATABASE_URL settings as the server.
 */

import { createStripe } from '../lib/server/billing/stripe-client';
import { reconcile } from '../lib/server/billing/stripe-sync';
import { withDatabase } from './database';

const USAGE = 'Usage: npm run billing -- reconcile';

async function main(): Promise<number> {
  const [command] = process.argv.slice(2);
  if (command !== 'reconcile') {
    console.error(USAGE);
    return 2;
  }
  const key = process.env['STRIPE_SECRET_KEY'];
  if (!key) {
    console.error('STRIPE_SECRET_KEY is not set: there is no Stripe account to reconcile with.');
    return 1;
  }
  const apiUrl = process.env['STRIPE_API_URL'] ? new URL(process.env['STRIPE_API_URL']) : null;
  const siteUrl = new URL(process.env['SITE_URL'] ?? 'http://127.0.0.1:4321');
  return withDatabase(async (db) => {
    const stripe = createStripe(key, apiUrl);
    const result = await reconcile({ db, stripe, siteUrl }, new Date());
    console.log(
      `Reconciled ${result.subscriptions} subscription${result.subscriptions === 1 ? '' : 's'} of ${result.customers} customer${result.customers === 1 ? '' : 's'} with Stripe.`,
    );
    for (const id of result.missing) console.warn(`Stripe no longer has subscription ${id}; left as it was.`);
    return 0;
  });
}

process.exitCode = await main();
