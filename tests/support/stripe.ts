/** The built app wired to a fake Stripe on loopback, for one test file. */
import { afterAll, beforeAll } from 'vitest';
import { FakeStripe } from './fake-stripe/server';
import { type LearningServer, useLearningServer } from './learning';

export interface StripeServer {
  fake: FakeStripe;
  app: LearningServer;
}

export function useStripeServer(env: Record<string, string> = {}): StripeServer {
  const fake = new FakeStripe();
  beforeAll(async () => {
    await fake.start();
  });
  const app = useLearningServer(() => ({ ...fake.appEnv(), ...env }));
  beforeAll(() => {
    fake.webhookUrl = `${app.server.origin}/api/stripe/webhook`;
  });
  afterAll(async () => {
    await fake.stop();
  });
  return { fake, app };
}
