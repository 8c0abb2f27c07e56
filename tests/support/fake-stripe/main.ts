/** The fake Stripe as its own process, for the browser tests: `FAKE_STRIPE_PORT`, `WEBHOOK_URL`. */
import { FakeStripe } from './server';

const fake = new FakeStripe({
  port: Number(process.env['FAKE_STRIPE_PORT'] ?? 0),
  webhookUrl: process.env['WEBHOOK_URL'] ?? '',
});
await fake.start();
console.log(`Fake Stripe listening on ${fake.url}`);
process.on('SIGTERM', () => {
  void fake.stop().then(() => process.exit(0));
});
