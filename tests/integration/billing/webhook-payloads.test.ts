/**
 * Correctly signed webhook deliveries the site can't use: acknowledged with a 2xx (Stripe would
 * otherwise redeliver them for days), logged for an operator, and nothing stored or granted.
 */
import { grants, stripeEvents } from '@db/schema';
import { describe, expect, it } from 'vitest';
import { useStripeServer } from '../../support/stripe';

const { fake, app } = useStripeServer();

const now = () => fake.now();
const cases: [string, (id: string) => string][] = [
  [
    'an event type the site does not use',
    (id) =>
      JSON.stringify({
        id,
        object: 'event',
        type: 'customer.created',
        created: now(),
        data: { object: { object: 'customer', id: 'cus_unknown1' } },
      }),
  ],
  ['a known type without data', (id) => JSON.stringify({ id, type: 'invoice.paid', created: now() })],
  [
    'a completed Checkout Session without an id',
    (id) => JSON.stringify({ id, type: 'checkout.session.completed', created: now(), data: { object: {} } }),
  ],
  [
    'a completed Checkout Session Stripe has never heard of',
    (id) =>
      JSON.stringify({
        id,
        type: 'checkout.session.completed',
        created: now(),
        data: { object: { object: 'checkout.session', id: 'cs_test_nosuchsession' } },
      }),
  ],
  [
    'an invoice whose subscription reference is a number',
    (id) =>
      JSON.stringify({
        id,
        type: 'invoice.paid',
        created: now(),
        data: {
          object: {
            object: 'invoice',
            id: 'in_123',
            parent: { subscription_details: { subscription: 12345 } },
          },
        },
      }),
  ],
  [
    'a subscription event whose object is not a subscription',
    (id) =>
      JSON.stringify({
        id,
        type: 'customer.subscription.updated',
        created: now(),
        data: { object: { object: 'invoice', id: 'in_1' } },
      }),
  ],
  [
    'a creation time that is not a number',
    (id) =>
      JSON.stringify({
        id,
        type: 'customer.subscription.updated',
        created: 'yesterday',
        data: { object: { object: 'subscription', id: 'sub_1' } },
      }),
  ],
  ['a JSON array', () => '[1, 2, 3]'],
  ['JSON null', () => 'null'],
  ['a body that is not JSON at all', () => 'id=evt_1&type=invoice.paid'],
];

describe('signed webhook payloads the site cannot use', () => {
  it.each(cases)('%s → 200, logged, nothing stored', async (_name, payloadFor) => {
    const id = `evt_unusable_${Math.random().toString(36).slice(2, 10)}`;
    const payload = payloadFor(id);
    const res = await fetch(`${app.server.origin}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': fake.signature(payload) },
      body: payload,
    });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toMatch(/^ignored: /);
    expect(body).not.toMatch(/\bat .*:\d+:\d+|Error:/);
    const stored = (await app.db.select().from(stripeEvents)).filter((e) => e.id === id);
    expect(stored).toHaveLength(0);
    expect(await app.db.select().from(grants)).toHaveLength(0);
    await expect.poll(() => app.server.output()).toContain('stripe webhook acknowledged but not applied');
    expect(app.server.output()).not.toContain('request failed');
  });

  it('still refuses the same payloads with a wrong signature (400)', async () => {
    const payload = JSON.stringify({ id: 'evt_unsigned_1', type: 'customer.created', created: now() });
    const res = await fetch(`${app.server.origin}/api/stripe/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': fake.signature(payload, undefined, 'whsec_wrong'),
      },
      body: payload,
    });
    expect(res.status).toBe(400);
  });
});
