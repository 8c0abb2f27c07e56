import { write } from '@db/client';
import {
  billingCustomers,
  codeRedemptions,
  codes,
  grants,
  outbox,
  stripeEvents,
  subscriptions,
} from '@db/schema';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/lib/server/accounts/tokens';
import type { Visitor } from '../../support/browser-less';
import { runCli } from '../../support/cli';
import { postForm } from '../../support/learning';
import { visibleText } from '../../support/phrases';
import { useStripeServer } from '../../support/stripe';

const { fake, app } = useStripeServer({ STRIPE_TIMEOUT_MS: '1500', DATABASE_BUSY_TIMEOUT_MS: '1000' });

const MEMBER_LESSON = '/lessons/punctuality-and-follow-up';
const text = async (res: Response): Promise<string> => visibleText(await res.text());
const sessionIdOf = (location: string): string => {
  const match = location.match(/\/hosted\/checkout\/(cs_test_[0-9a-f]+)/);
  if (!match?.[1]) throw new Error(`not a checkout URL: ${location}`);
  return match[1];
};

/** Starts a checkout from our page and returns the Checkout Session the app opened. */
async function checkout(v: Visitor, plan: string, code = ''): Promise<Stripe.Checkout.Session> {
  const res = await postForm(v, `/checkout/${plan}?_action=billing.checkout`, [
    ['plan', plan],
    ['code', code],
  ]);
  expect(res.status).toBe(303);
  const id = sessionIdOf(res.headers.get('location') ?? '');
  const session = fake.sessions.get(id);
  if (!session) throw new Error('no session');
  return session;
}

/** The hosted Checkout page's button, then the redirect back to our success page. */
async function pay(v: Visitor, session: Stripe.Checkout.Session, card: boolean): Promise<string> {
  const res = await fetch(`${fake.url}/hosted/checkout/${session.id}`, {
    method: 'POST',
    body: new URLSearchParams({ card: card ? 'yes' : 'no' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const success = new URL(res.headers.get('location') ?? '');
  return text(await v.get(success.pathname + success.search));
}

async function memberLessonOpen(v: Visitor): Promise<boolean> {
  const page = await text(await v.get(MEMBER_LESSON));
  return !page.includes('This lesson is for members');
}

const eventRows = (id: string) => app.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
const subRow = async (id: string) =>
  (await app.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0];
const mailTo = async (email: string) =>
  (await app.db.select().from(outbox)).filter((m) => m.to === email).map((m) => m.subject);

describe('a member on a free trial', () => {
  it('is offered the subscription at checkout, not told they already have it', async () => {
    const { v, userId } = await app.person({ member: false });
    const now = new Date();
    // A trial that isn't Stripe's: a trial code redeemed before payments were set up, say.
    await app.db.insert(grants).values({
      id: newId(),
      userId,
      product: 'membership',
      source: 'trial',
      startsAt: now,
      endsAt: new Date(now.getTime() + 7 * 86_400_000),
      createdAt: now,
    });
    const html = await (await v.get('/checkout/monthly')).text();
    expect(visibleText(html)).not.toContain('You already have this');
    expect(html).toMatch(/<button class="button" type="submit">Continue to payment<\/button>/);
  });
});

describe('the free trial through Stripe Checkout', () => {
  it('starts with card optional, opens member lessons, and ends without a card: locked again, email sent', async () => {
    const { v, userId, email } = await app.person({ member: false });
    expect(await memberLessonOpen(v)).toBe(false);

    // The paywall's button leads to our checkout page, which shows the trial and opens Checkout.
    const trial = await postForm(v, '/trial?_action=billing.startTrial', [['next', MEMBER_LESSON]]);
    expect(trial.headers.get('location')).toBe('/checkout/monthly');
    const page = await text(await v.get('/checkout/monthly'));
    expect(page).toContain('Free trial 7 days');
    expect(page).toContain('Due today $0');
    const session = await checkout(v, 'monthly');
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: userId,
      payment_method_collection: 'if_required',
    });
    const create = fake.requests.filter((r) => r.path === '/v1/checkout/sessions');
    expect(create.at(-1)?.idempotencyKey).toMatch(/^checkout:/);

    const success = await pay(v, session, false);
    expect(success).toContain('You are a member — your free trial runs until');
    // The next step is back into the course, by name (a new learner starts with the first lesson).
    expect(success).toContain('Continue with “Trust is expectations met”');
    expect(await memberLessonOpen(v)).toBe(true);
    const sub = fake.subscriptionOf(session.id);
    expect(await subRow(sub.id)).toMatchObject({ userId, status: 'trialing' });
    expect(await mailTo(email)).toContain('Your free Trust Academy trial has started');
    expect(await text(await v.get('/account/billing'))).toMatch(/Free trial until .* 7 days left/);

    await fake.trialWillEnd(sub.id);
    expect(await mailTo(email)).toContain('Your Trust Academy trial ends in 2 days');

    await fake.endTrial(sub.id);
    expect(await memberLessonOpen(v)).toBe(false);
    expect(await subRow(sub.id)).toMatchObject({ status: 'canceled' });
    expect(await mailTo(email)).toContain('Your Trust Academy membership has ended');

    // One trial per person, ever: the paywall now says so, and checkout has no trial and asks for a card.
    const again = await postForm(v, '/trial?_action=billing.startTrial', [['next', MEMBER_LESSON]]);
    expect(again.headers.get('location')).toContain('/dashboard?trial=taken');
    expect(await text(await v.get('/checkout/monthly'))).toContain('You have already had a free trial');
    const paid = await checkout(v, 'monthly');
    expect(paid.payment_method_collection).toBe('always');
    expect(fake.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(
      new Set(fake.customers.keys()).size,
    );
  });

  it('double-clicking "Start my free trial" opens one Checkout Session and one customer', async () => {
    const { v, userId } = await app.person({ member: false });
    const before = fake.sessions.size;
    const [a, b] = await Promise.all([
      postForm(v, '/checkout/monthly?_action=billing.checkout', [
        ['plan', 'monthly'],
        ['code', ''],
      ]),
      postForm(v, '/checkout/monthly?_action=billing.checkout', [
        ['plan', 'monthly'],
        ['code', ''],
      ]),
    ]);
    expect(a.headers.get('location')).toBe(b.headers.get('location'));
    expect(fake.sessions.size).toBe(before + 1);
    const customers = [...fake.customers.values()].filter((c) => c.metadata['user_id'] === userId);
    expect(customers).toHaveLength(1);
    expect(
      await app.db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)),
    ).toHaveLength(1);
  });
});

describe('the webhook', () => {
  async function trialing(): Promise<{
    email: string;
    userId: string;
    sub: Stripe.Subscription;
    session: Stripe.Checkout.Session;
  }> {
    const { v, userId, email } = await app.person({ member: false });
    const session = await checkout(v, 'monthly');
    await pay(v, session, true);
    return { email, userId, sub: fake.subscriptionOf(session.id), session };
  }

  it('refuses a missing, wrong or stale signature with 400 and stores nothing', async () => {
    const { sub } = await trialing();
    const sent = fake.eventsFor(sub.id)[0];
    if (!sent) throw new Error('no event');
    const payload = JSON.stringify({ ...sent.event, id: 'evt_forged_1' });
    const url = `${app.server.origin}/api/stripe/webhook`;
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: payload,
      });
    expect((await post({})).status).toBe(400);
    expect(
      (await post({ 'Stripe-Signature': fake.signature(payload, undefined, 'whsec_wrong') })).status,
    ).toBe(400);
    expect((await post({ 'Stripe-Signature': fake.signature(payload, fake.now() - 301) })).status).toBe(400);
    expect((await post({ 'Stripe-Signature': `${fake.signature(payload)}x` })).status).toBe(400);
    expect(await eventRows('evt_forged_1')).toHaveLength(0);
    // A correct signature is accepted even from another origin: the webhook is the one route exempt.
    const ok = await post({ 'Stripe-Signature': fake.signature(payload), Origin: 'https://evil.example' });
    expect(ok.status).toBe(200);
    expect(await eventRows('evt_forged_1')).toHaveLength(1);
  });

  it('applies an event delivered twice, or 20 times at once, exactly once', async () => {
    const { userId, email, session } = await trialing();
    const completed = fake.eventsFor(session.id).find((e) => e.event.type === 'checkout.session.completed');
    if (!completed) throw new Error('no event');
    const statuses = await fake.deliver(completed.event.id, 20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await fake.deliver(completed.event.id);
    expect(await eventRows(completed.event.id)).toHaveLength(1);
    expect(await app.db.select().from(grants).where(eq(grants.userId, userId))).toHaveLength(1);
    expect((await mailTo(email)).filter((s) => s.includes('trial has started'))).toHaveLength(1);
  });

  it('ends in Stripe’s current state whatever the order: updated before created, deleted then a stale updated', async () => {
    const { v, userId } = await app.person({ member: false });
    fake.autoDeliver = false;
    try {
      const session = await checkout(v, 'monthly');
      await fetch(`${fake.url}/hosted/checkout/${session.id}`, {
        method: 'POST',
        body: new URLSearchParams({ card: 'yes' }),
        redirect: 'manual',
      });
      const sub = fake.subscriptionOf(session.id);
      await fake.cancelAtPeriodEnd(sub.id);
      const [created, completed, updated] = fake
        .eventsFor(sub.id)
        .concat(fake.eventsFor(session.id))
        .map((e) => e.event);
      // Updated arrives first, then created and the session: the row is Stripe's current object.
      for (const e of [updated, created, completed]) if (e) await fake.deliver(e.id);
      expect(await subRow(sub.id)).toMatchObject({ userId, status: 'trialing', cancelAtPeriodEnd: true });

      await fake.endPeriod(sub.id);
      const deleted = fake.eventsFor(sub.id).at(-1)?.event;
      expect(deleted?.type).toBe('customer.subscription.deleted');
      if (deleted) await fake.deliver(deleted.id);
      // A stale "updated" from before the cancellation, delivered last, changes nothing.
      if (updated) await fake.deliver(updated.id);
      const staleCopy = { ...updated, id: 'evt_stale_copy' } as Stripe.Event;
      const payload = JSON.stringify(staleCopy);
      const res = await fetch(`${app.server.origin}/api/stripe/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': fake.signature(payload) },
        body: payload,
      });
      expect(res.status).toBe(200);
      expect(await subRow(sub.id)).toMatchObject({ status: 'canceled' });
      expect(await memberLessonOpen(v)).toBe(false);
    } finally {
      fake.autoDeliver = true;
    }
  });

  it('a crash before commit (the database locked past its busy timeout) answers 503; the redelivery applies once', async () => {
    const { v, userId } = await app.person({ member: false });
    fake.autoDeliver = false;
    const lock = createClient({ url: app.server.databaseUrl });
    try {
      const session = await checkout(v, 'monthly');
      await fetch(`${fake.url}/hosted/checkout/${session.id}`, {
        method: 'POST',
        body: new URLSearchParams({ card: 'no' }),
        redirect: 'manual',
      });
      const completed = fake.eventsFor(session.id).find((e) => e.event.type === 'checkout.session.completed');
      if (!completed) throw new Error('no event');
      const tx = await lock.transaction('write');
      // A remote client sends BEGIN IMMEDIATE with the transaction's first statement: take the lock now.
      await tx.execute('SELECT 1');
      const [failed] = await fake.deliver(completed.event.id);
      await tx.rollback();
      expect(failed).toBe(503);
      expect(await eventRows(completed.event.id)).toHaveLength(0);
      expect(await memberLessonOpen(v)).toBe(false);

      expect(await fake.deliver(completed.event.id, 3)).toEqual([200, 200, 200]);
      expect(await eventRows(completed.event.id)).toHaveLength(1);
      expect(await app.db.select().from(grants).where(eq(grants.userId, userId))).toHaveLength(1);
      expect(await memberLessonOpen(v)).toBe(true);
    } finally {
      lock.close();
      fake.autoDeliver = true;
    }
  });
});

describe('the success page', () => {
  it('grants nothing for a fabricated or someone else’s session id, and waits politely for the webhook', async () => {
    const owner = await app.person({ member: false });
    const other = await app.person({ member: false });
    fake.autoDeliver = false;
    try {
      const session = await checkout(owner.v, 'monthly');
      await fetch(`${fake.url}/hosted/checkout/${session.id}`, {
        method: 'POST',
        body: new URLSearchParams({ card: 'no' }),
        redirect: 'manual',
      });

      const foreign = await other.v.get(`/checkout/success?session_id=${session.id}`);
      expect(foreign.status).toBe(404);
      expect(await text(foreign)).toContain('find that order');
      const fabricated = await other.v.get('/checkout/success?session_id=cs_test_fabricated000');
      expect(fabricated.status).toBe(404);
      expect(await memberLessonOpen(other.v)).toBe(false);

      // Paid, but the webhook hasn't come: the owner sees "confirming", with a refresh, and no access yet.
      const waiting = await owner.v.get(`/checkout/success?session_id=${session.id}`);
      const html = await waiting.text();
      expect(html).toContain('http-equiv="refresh"');
      expect(visibleText(html)).toContain('Confirming your order');
      expect(await memberLessonOpen(owner.v)).toBe(false);

      for (const e of fake.eventsFor(session.id).concat(fake.eventsFor(fake.subscriptionOf(session.id).id)))
        await fake.deliver(e.event.id);
      expect(await text(await owner.v.get(`/checkout/success?session_id=${session.id}`))).toContain(
        'You are a member',
      );
    } finally {
      fake.autoDeliver = true;
    }
  });
});

describe('when Stripe is down or slow', () => {
  it('checkout answers a clear 503 within the client timeout, and retrying creates no duplicates', async () => {
    const { v, userId } = await app.person({ member: false });
    fake.faults.failNext = 100;
    fake.faults.failStatus = 500;
    const down = await postForm(v, '/checkout/monthly?_action=billing.checkout', [
      ['plan', 'monthly'],
      ['code', ''],
    ]);
    fake.faults.failNext = 0;
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect(await text(down)).toContain(
      'Our payment provider is not answering right now. Nothing was charged',
    );

    fake.faults.latencyMs = 2000;
    const started = Date.now();
    const slow = await postForm(v, '/checkout/monthly?_action=billing.checkout', [
      ['plan', 'monthly'],
      ['code', ''],
    ]);
    const waited = Date.now() - started;
    fake.faults.latencyMs = 0;
    expect(slow.status).toBe(503);
    expect(waited).toBeLessThan(15_000);

    const ok = await postForm(v, '/checkout/monthly?_action=billing.checkout', [
      ['plan', 'monthly'],
      ['code', ''],
    ]);
    expect(ok.status).toBe(303);
    const mine = (await app.db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)))
      .length;
    expect(mine).toBe(1);
    const customers = [...fake.customers.values()].filter((c) => c.metadata['user_id'] === userId);
    expect(customers).toHaveLength(1);
    const sessions = [...fake.sessions.values()].filter((s) => s.client_reference_id === userId);
    expect(sessions).toHaveLength(1);
  });

  it('rate limiting is an outage too', async () => {
    const { v } = await app.person({ member: false });
    fake.faults.failNext = 100;
    fake.faults.failStatus = 429;
    const limited = await postForm(v, '/checkout/yearly?_action=billing.checkout', [
      ['plan', 'yearly'],
      ['code', ''],
    ]);
    fake.faults.failNext = 0;
    expect(limited.status).toBe(503);
  });
});

describe('paying, discounts, the portal and reconciling', () => {
  it('a discount code is mirrored to Stripe once, applied at Checkout, and recorded when paid', async () => {
    const code = `SAVE${Date.now() % 100000}`;
    await write(app.db, (tx) =>
      tx.insert(codes).values({
        code,
        kind: 'discount',
        percentOff: 20,
        discountDuration: 'repeating',
        discountMonths: 3,
        createdAt: new Date(),
      }),
    );
    const first = await app.person({ member: false });
    const shown = await text(await first.v.get(`/checkout/yearly?code=${code.toLowerCase()}`));
    expect(shown).toContain('Applied: 20% off membership');
    expect(shown).toContain('−$38');
    const session = await checkout(first.v, 'yearly', code);
    expect(session.discounts?.[0]?.promotion_code).toMatch(/^promo_/);
    const second = await app.person({ member: false });
    await checkout(second.v, 'monthly', code);
    const mirrored = [...fake.coupons.values()].filter((c) => c.name === code);
    expect(mirrored).toHaveLength(1);
    expect(mirrored[0]).toMatchObject({ percent_off: 20, duration: 'repeating', duration_in_months: 3 });
    const [row] = await app.db.select().from(codes).where(eq(codes.code, code));
    expect(row?.stripePromotionCodeId).toBe(session.discounts?.[0]?.promotion_code);

    const success = await pay(first.v, session, true);
    expect(success).toContain('You are a member');
    const redemptions = await app.db.select().from(codeRedemptions).where(eq(codeRedemptions.code, code));
    expect(redemptions.map((r) => r.userId)).toEqual([first.userId]);
    const sub = fake.subscriptionOf(session.id);
    expect((await subRow(sub.id))?.code).toBe(code);
    // Used by them already: refused with the reason.
    expect(await text(await first.v.get(`/checkout/yearly?code=${code}`))).toContain(
      'You have already used this code.',
    );
  });

  it('refuses codes at checkout with the reason, and a free code is granted without a payment step', async () => {
    const { v, userId } = await app.person({ member: false });
    const unknown = await v.get('/checkout/monthly?code=NO-SUCH-CODE');
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('There is no such code');
    expect(await text(await v.get('/checkout/monthly?code=BLOG'))).toContain(
      'This code is not for this product.',
    );

    const before = fake.sessions.size;
    expect(await text(await v.get('/checkout/assessment?code=BLOG'))).toContain('Total $0');
    const free = await postForm(v, '/checkout/assessment?_action=billing.checkout', [
      ['plan', 'assessment'],
      ['code', 'BLOG'],
    ]);
    expect(free.status).toBe(200);
    expect(await text(free)).toContain('nothing to pay');
    expect(fake.sessions.size).toBe(before);
    const held = await app.db.select().from(grants).where(eq(grants.userId, userId));
    expect(held).toMatchObject([{ product: 'assessment', source: 'code', code: 'BLOG' }]);
  });

  it('buys the assessment on its own', async () => {
    const { v, userId } = await app.person({ member: false });
    const session = await checkout(v, 'assessment');
    expect(session.mode).toBe('payment');
    const success = await pay(v, session, true);
    expect(success).toContain('The trust self-assessment is yours');
    const held = await app.db.select().from(grants).where(eq(grants.userId, userId));
    expect(held).toMatchObject([{ product: 'assessment', source: 'purchase', reference: session.id }]);
    expect((await v.get('/assessment/1')).status).toBe(200);
  });

  it('a failed payment keeps access through the grace period and says so; the portal cancels at period end', async () => {
    const { v, email } = await app.person({ member: false });
    const session = await checkout(v, 'monthly');
    await pay(v, session, true);
    const sub = fake.subscriptionOf(session.id);
    await fake.endTrial(sub.id);
    const active = await text(await v.get('/account/billing'));
    expect(active).toContain('Status Active');
    expect(active).toMatch(/Next charge \$19 a month on/);

    await fake.failPayment(sub.id);
    expect(await memberLessonOpen(v)).toBe(true);
    expect(await text(await v.get('/account/billing'))).toContain(
      'Payment failed — your lessons stay open until',
    );
    expect(await mailTo(email)).toContain('Your Trust Academy payment did not go through');
    await fake.endPeriod(sub.id);

    const portal = await v.post('/account/billing/portal', {});
    expect(portal.status).toBe(303);
    const portalUrl = new URL(portal.headers.get('location') ?? '');
    expect(portalUrl.origin).toBe(fake.url);
    const cancel = await fetch(portalUrl, {
      method: 'POST',
      body: new URLSearchParams({ subscription: sub.id }),
      redirect: 'manual',
    });
    expect(cancel.headers.get('location')).toBe(`${app.server.origin}/account/billing`);
    expect(await text(await v.get('/account/billing'))).toContain('Cancelled — open until');
    expect(await memberLessonOpen(v)).toBe(true);
    await fake.endPeriod(sub.id);
    expect(await memberLessonOpen(v)).toBe(false);
  });

  it('`npm run billing -- reconcile` repairs what missed webhooks left behind', async () => {
    const { v } = await app.person({ member: false });
    const session = await checkout(v, 'monthly');
    await pay(v, session, true);
    const sub = fake.subscriptionOf(session.id);
    fake.autoDeliver = false;
    try {
      await fake.endTrial(sub.id);
      await fake.failPayment(sub.id);
    } finally {
      fake.autoDeliver = true;
    }
    expect(await subRow(sub.id)).toMatchObject({ status: 'trialing' });
    // Run without blocking this process: the fake Stripe answering the command lives here.
    const out = await runCli('billing', ['reconcile'], {
      ...fake.appEnv(),
      DATABASE_URL: app.server.databaseUrl,
    });
    expect(out).toMatch(/Reconciled \d+ subscriptions? of \d+ customers? with Stripe\./);
    expect(await subRow(sub.id)).toMatchObject({ status: 'past_due' });
  });

  it('deleting the account ends the paid plan and the Stripe customer first', async () => {
    const { v, userId } = await app.person({ member: false });
    const session = await checkout(v, 'monthly');
    await pay(v, session, true);
    const sub = fake.subscriptionOf(session.id);
    const customer = sub.customer as string;
    const data = (await (await v.get('/account/data.json')).json()) as {
      billing: { subscriptions: { id: string; status: string }[]; stripeCustomer: string };
    };
    expect(data.billing.subscriptions).toMatchObject([{ id: sub.id, status: 'trialing' }]);
    expect(data.billing.stripeCustomer).toBe(customer);

    fake.faults.failNext = 100;
    const refused = await v.post('/account?_action=account.delete', { password: 'a long enough passphrase' });
    fake.faults.failNext = 0;
    expect(await text(refused)).toContain('nothing was deleted');
    expect(await app.db.select().from(subscriptions).where(eq(subscriptions.userId, userId))).toHaveLength(1);

    await v.post('/account?_action=account.delete', { password: 'a long enough passphrase' });
    expect(fake.customers.has(customer)).toBe(false);
    expect(fake.subscriptions.get(sub.id)?.status).toBe('canceled');
    expect(await app.db.select().from(subscriptions).where(eq(subscriptions.userId, userId))).toHaveLength(0);
    expect(
      await app.db.select().from(billingCustomers).where(eq(billingCustomers.userId, userId)),
    ).toHaveLength(0);
  });
});

describe('one trial and one membership, held when Stripe completes (not only when Checkout opens)', () => {
  const mailsTo = async (email: string, subject: string) =>
    (await mailTo(email)).filter((s) => s === subject).length;
  const REFUSED = 'We cancelled a duplicate Trust Academy membership';

  it('two plans checked out side by side as trials: the second to complete is refused, cancelled, and said so', async () => {
    const { v, userId, email } = await app.person({ member: false });
    // Both Checkout Sessions open before either completes, so both offer the trial.
    const monthly = await checkout(v, 'monthly');
    const yearly = await checkout(v, 'yearly');
    await pay(v, monthly, false);
    expect(await pay(v, yearly, false)).toContain(
      'The free trial is once per person, and you have had yours, so we cancelled this second one. Nothing was charged',
    );

    const first = fake.subscriptionOf(monthly.id);
    const second = fake.subscriptionOf(yearly.id);
    expect(first.status).toBe('trialing');
    expect(second.status).toBe('canceled');
    expect(await subRow(first.id)).toMatchObject({ status: 'trialing', refused: null });
    expect(await subRow(second.id)).toMatchObject({ status: 'canceled', refused: 'second-trial' });
    // The refused one grants nothing (its grant ends where it starts); membership comes from the first.
    const [mirrored] = await app.db.select().from(grants).where(eq(grants.reference, second.id));
    expect(mirrored?.endsAt?.getTime()).toBe(mirrored?.startsAt.getTime());
    expect(await memberLessonOpen(v)).toBe(true);
    expect(await mailsTo(email, 'Your free Trust Academy trial has started')).toBe(1);
    expect(await mailsTo(email, REFUSED)).toBe(1);
    expect(await mailsTo(email, 'Your Trust Academy membership has ended')).toBe(0);
    expect(fake.refunds).toHaveLength(0);
    expect(await subRow(first.id)).toMatchObject({ userId });
  });

  it('a subscriber who buys the other plan as well: the second is cancelled and its payment refunded, once', async () => {
    const { v, userId, email } = await app.person({ member: false });
    // An old local trial, so both plans are paid at once.
    const longAgo = new Date('2025-01-01T00:00:00Z');
    await app.db.insert(grants).values({
      id: `trial-${userId}`,
      userId,
      product: 'membership',
      source: 'trial',
      startsAt: longAgo,
      endsAt: new Date(longAgo.getTime() + 7 * 86_400_000),
      createdAt: longAgo,
    });
    const monthly = await checkout(v, 'monthly');
    const yearly = await checkout(v, 'yearly');
    expect([monthly.payment_method_collection, yearly.payment_method_collection]).toEqual([
      'always',
      'always',
    ]);
    await pay(v, monthly, true);
    expect(await pay(v, yearly, true)).toContain(
      'You already have a membership, so we cancelled this second one. Its payment is refunded in full',
    );

    const kept = fake.subscriptionOf(monthly.id);
    const second = fake.subscriptionOf(yearly.id);
    expect(kept.status).toBe('active');
    expect(second.status).toBe('canceled');
    expect(await subRow(second.id)).toMatchObject({ status: 'canceled', refused: 'second-membership' });
    const intent = fake.invoices.get(second.latest_invoice as string)?.payments?.data[0]?.payment
      .payment_intent;
    expect(intent).toMatch(/^pi_/);
    const refundsOfSecond = () => fake.refunds.filter((r) => r.payment_intent === intent);
    expect(refundsOfSecond()).toHaveLength(1);
    expect(fake.refunds.filter((r) => r.payment_intent !== intent)).toHaveLength(0);
    expect(await memberLessonOpen(v)).toBe(true);
    expect(await mailsTo(email, REFUSED)).toBe(1);

    // Every event about the second delivered again: nothing more is refunded or sent.
    for (const sent of fake.eventsFor(second.id)) expect(await fake.deliver(sent.event.id)).toEqual([200]);
    expect(refundsOfSecond()).toHaveLength(1);
    expect(await mailsTo(email, REFUSED)).toBe(1);
    expect(await subRow(kept.id)).toMatchObject({ userId, status: 'active', refused: null });
  });
});
