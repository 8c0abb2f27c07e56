/**
 * A stand-in for Stripe on loopback: the API endpoints the app calls (through the real SDK, pointed here
 * with its host/port/protocol options), the hosted Checkout and billing portal pages, and webhook events
 * signed as Stripe signs them. Tests drive what Stripe would do on its own: end a trial, fail a
 * payment, end a period, deliver an event twice, late or out of order, be slow or fail.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'qs';
import Stripe from 'stripe';
import { FAKE_PRICES, FAKE_SECRET_KEY, FAKE_WEBHOOK_SECRET } from './constants';
import * as make from './objects';

type Params = Record<string, unknown>;

interface Delivery {
  status: number;
  at: number;
}

export interface SentEvent {
  event: Stripe.Event;
  deliveries: Delivery[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const DAY = 86_400;
/** The id a path names, decoded, or null when the path doesn't match. */
const idIn = (path: string, pattern: RegExp): string | null => {
  const raw = path.match(pattern)?.[1];
  return raw === undefined ? null : decodeURIComponent(raw);
};
const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface FakeStripeOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  /** Deliver each event as it happens (Stripe does); off, events wait for `deliver`. */
  autoDeliver?: boolean;
  port?: number;
}

export class FakeStripe {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly subscriptions = new Map<string, Stripe.Subscription>();
  readonly coupons = new Map<string, Stripe.Coupon>();
  readonly promotionCodes = new Map<string, Stripe.PromotionCode>();
  readonly invoices = new Map<string, Stripe.Invoice>();
  /** Refunds made through the API, by PaymentIntent. */
  readonly refunds: Stripe.Refund[] = [];
  readonly events: SentEvent[] = [];
  /** Every API request, for asserting what was (not) created. */
  readonly requests: { method: string; path: string; idempotencyKey: string | null }[] = [];
  /** Fault injection for API requests: a delay, and failures for the next N requests. */
  readonly faults = { latencyMs: 0, failNext: 0, failStatus: 500 };
  webhookUrl: string | null;
  autoDeliver: boolean;
  private readonly webhookSecret: string;
  private readonly prices = new Map<string, Stripe.Price>();
  private readonly idempotent = new Map<string, { params: string; status: number; body: unknown }>();
  private readonly signer = new Stripe(FAKE_SECRET_KEY);
  private server: Server | null = null;
  private port: number;
  /** Seconds added to the clock, for a test that moves time on. */
  clockOffset = 0;

  constructor(options: FakeStripeOptions = {}) {
    this.webhookUrl = options.webhookUrl ?? null;
    this.webhookSecret = options.webhookSecret ?? FAKE_WEBHOOK_SECRET;
    this.autoDeliver = options.autoDeliver ?? true;
    this.port = options.port ?? 0;
    for (const p of Object.values(FAKE_PRICES)) this.prices.set(p.id, make.price(p, this.now()));
  }

  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that points the app at this fake. */
  appEnv(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_PRICE_MONTHLY: FAKE_PRICES.monthly.id,
      STRIPE_PRICE_YEARLY: FAKE_PRICES.yearly.id,
      STRIPE_PRICE_ASSESSMENT: FAKE_PRICES.assessment.id,
      STRIPE_API_URL: this.url,
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  // ——— what Stripe does on its own ———

  /** The hosted Checkout page's "pay" (or "start trial"): completes the session as Stripe would. */
  async completeCheckout(sessionId: string, withCard = true): Promise<Stripe.Checkout.Session> {
    const session = this.mustGet(this.sessions, sessionId, 'checkout session');
    if (session.status !== 'open') throw new ApiError(400, 'invalid_request_error', 'Session is not open.');
    const customerId = session.customer as string;
    const pending = this.pendingLine.get(sessionId);
    if (!pending) throw new Error('no line for session');
    const now = this.now();
    if (session.mode === 'subscription') {
      const id = newId('sub');
      const trialDays = pending.trialDays;
      const trialEnd = trialDays ? now + trialDays * DAY : null;
      const periodEnd = trialEnd ?? now + (pending.price.recurring?.interval === 'year' ? 365 : 30) * DAY;
      const sub = make.subscription({
        id,
        customer: customerId,
        status: trialEnd ? 'trialing' : 'active',
        item: make.subscriptionItem(id, pending.price, now, periodEnd, pending.quantity),
        created: now,
        trialStart: trialEnd ? now : null,
        trialEnd,
        defaultPaymentMethod: withCard ? `pm_${randomBytes(6).toString('hex')}` : null,
        metadata: pending.subscriptionMetadata,
        currency: pending.price.currency,
      });
      this.subscriptions.set(id, sub);
      session.subscription = id;
      session.status = 'complete';
      session.payment_status = trialEnd ? 'no_payment_required' : 'paid';
      const paid = trialEnd ? null : this.invoiceFor(sub, true);
      await this.emit('customer.subscription.created', sub);
      await this.emit('checkout.session.completed', session);
      if (paid) await this.emit('invoice.paid', paid);
    } else {
      session.status = 'complete';
      session.payment_status = 'paid';
      await this.emit('checkout.session.completed', session);
    }
    return session;
  }

  /** The trial is over: with a card it turns into a paid plan, without one it is cancelled. */
  async endTrial(subscriptionId: string): Promise<Stripe.Subscription> {
    const sub = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const now = this.now();
    sub.trial_end = now;
    if (sub.default_payment_method && !sub.cancel_at_period_end) {
      sub.status = 'active';
      this.setPeriod(sub, now);
      await this.emit('customer.subscription.updated', sub);
      await this.emit('invoice.paid', this.invoiceFor(sub, true));
    } else {
      this.cancelNow(sub, now);
      await this.emit('customer.subscription.deleted', sub);
    }
    return sub;
  }

  /** Three days before the trial ends, Stripe says so. */
  async trialWillEnd(subscriptionId: string): Promise<void> {
    await this.emit(
      'customer.subscription.trial_will_end',
      this.mustGet(this.subscriptions, subscriptionId, 'subscription'),
    );
  }

  /** A renewal's payment fails: past due while Stripe retries. */
  async failPayment(subscriptionId: string): Promise<Stripe.Subscription> {
    const sub = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    sub.status = 'past_due';
    await this.emit('invoice.payment_failed', this.invoiceFor(sub, false));
    await this.emit('customer.subscription.updated', sub);
    return sub;
  }

  /** The billing portal's "cancel plan": cancels at the end of the period. */
  async cancelAtPeriodEnd(subscriptionId: string): Promise<Stripe.Subscription> {
    const sub = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    sub.cancel_at_period_end = true;
    sub.canceled_at = this.now();
    sub.cancel_at = sub.items.data[0]?.current_period_end ?? null;
    await this.emit('customer.subscription.updated', sub);
    return sub;
  }

  /** The period is over: a subscription set to cancel ends; otherwise it renews and is paid. */
  async endPeriod(subscriptionId: string): Promise<Stripe.Subscription> {
    const sub = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    const now = this.now();
    if (sub.cancel_at_period_end) {
      this.cancelNow(sub, now);
      await this.emit('customer.subscription.deleted', sub);
    } else {
      sub.status = 'active';
      this.setPeriod(sub, now);
      await this.emit('customer.subscription.updated', sub);
      await this.emit('invoice.paid', this.invoiceFor(sub, true));
    }
    return sub;
  }

  /** Sends one event (again) to the app, `times` times at once; returns the statuses. */
  async deliver(eventId: string, times = 1): Promise<number[]> {
    const sent = this.events.find((e) => e.event.id === eventId);
    if (!sent) throw new Error(`no event ${eventId}`);
    return Promise.all(Array.from({ length: times }, () => this.post(sent)));
  }

  /** Events sent so far about one object, oldest first. */
  eventsFor(objectId: string): SentEvent[] {
    return this.events.filter((e) => (e.event.data.object as { id: string }).id === objectId);
  }

  /** The subscription a Checkout Session created. */
  subscriptionOf(sessionId: string): Stripe.Subscription {
    const session = this.mustGet(this.sessions, sessionId, 'checkout session');
    return this.mustGet(this.subscriptions, session.subscription as string, 'subscription');
  }

  /** Signs a payload as Stripe does (for tests that forge or replay deliveries). */
  signature(payload: string, timestamp = this.now(), secret = this.webhookSecret): string {
    return this.signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  // ——— internals ———

  private readonly pendingLine = new Map<
    string,
    {
      price: Stripe.Price;
      quantity: number;
      trialDays: number | null;
      subscriptionMetadata: Record<string, string>;
    }
  >();

  /** Quantity changes made through the API, with what Stripe would prorate for them (in cents). */
  readonly prorations: {
    subscription: string;
    from: number;
    to: number;
    behavior: string;
    amount: number;
  }[] = [];

  private setPeriod(sub: Stripe.Subscription, start: number): void {
    const item = sub.items.data[0];
    if (!item) return;
    item.current_period_start = start;
    item.current_period_end = start + (item.price.recurring?.interval === 'year' ? 365 : 30) * DAY;
  }

  private cancelNow(sub: Stripe.Subscription, now: number): void {
    sub.status = 'canceled';
    sub.ended_at = now;
    sub.canceled_at ??= now;
  }

  /** A new invoice for the subscription's current period, paid by a PaymentIntent or left open. */
  private invoiceFor(sub: Stripe.Subscription, paid: boolean): Stripe.Invoice {
    const item = sub.items.data[0];
    const invoice = make.invoice({
      id: newId('in'),
      customer: sub.customer as string,
      subscriptionId: sub.id,
      amount: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
      currency: sub.currency,
      paid,
      created: this.now(),
      periodStart: item?.current_period_start ?? this.now(),
      periodEnd: item?.current_period_end ?? this.now(),
      paymentIntent: paid ? newId('pi') : null,
    });
    this.invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  /** Records an event with a snapshot of its object, and delivers it unless deliveries are held. */
  private async emit(type: string, object: object): Promise<Stripe.Event> {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    const sent: SentEvent = { event, deliveries: [] };
    this.events.push(sent);
    if (this.autoDeliver) await this.post(sent);
    return event;
  }

  private async post(sent: SentEvent): Promise<number> {
    if (!this.webhookUrl) throw new Error('the fake has no webhook URL');
    const payload = JSON.stringify(sent.event, null, 2);
    const res = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Stripe-Signature': this.signature(payload),
      },
      body: payload,
    });
    await res.arrayBuffer();
    sent.deliveries.push({ status: res.status, at: Date.now() });
    return res.status;
  }

  private mustGet<T>(map: Map<string, T>, id: string, what: string): T {
    const found = map.get(id);
    if (!found)
      throw new ApiError(404, 'invalid_request_error', `No such ${what}: '${id}'`, 'resource_missing');
    return found;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (url.pathname.startsWith('/v1/')) return this.api(req, res, url, raw);
    if (url.pathname.startsWith('/hosted/')) return this.hosted(req, res, url, raw);
    if (url.pathname.startsWith('/__control/')) return this.control(req, res, url, raw);
    res.writeHead(404).end();
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const method = req.method ?? 'GET';
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.requests.push({ method, path: url.pathname, idempotencyKey: key });
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': newId('req') });
      res.end(JSON.stringify(body));
    };
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    // The client gave up waiting (its timeout): nothing to answer.
    if (req.socket.destroyed) return;
    if (this.faults.failNext > 0) {
      this.faults.failNext -= 1;
      const status = this.faults.failStatus;
      return send(status, {
        error: {
          type: status === 429 ? 'rate_limit_error' : 'api_error',
          message: status === 429 ? 'Too many requests.' : 'Something went wrong on Stripe’s end.',
        },
      });
    }
    const params = (
      method === 'GET' || method === 'DELETE' ? parse(url.search.slice(1)) : parse(raw)
    ) as Params;
    if (key && method === 'POST') {
      const seen = this.idempotent.get(key);
      if (seen) {
        if (seen.params !== raw)
          return send(400, {
            error: {
              type: 'idempotency_error',
              message:
                'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            },
          });
        return send(seen.status, seen.body);
      }
    }
    let status = 200;
    let body: unknown;
    try {
      body = this.route(method, url.pathname, params);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      body = {
        error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}) },
      };
    }
    if (key && method === 'POST') this.idempotent.set(key, { params: raw, status, body });
    send(status, body);
  }

  private route(method: string, path: string, p: Params): unknown {
    const now = this.now();
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const meta = (v: unknown): Record<string, string> =>
      v && typeof v === 'object' ? (v as Record<string, string>) : {};
    if (method === 'POST' && path === '/v1/customers') {
      const c = make.customer(
        newId('cus'),
        { email: str(p['email']) ?? null, name: str(p['name']) ?? null, metadata: meta(p['metadata']) },
        now,
      );
      this.customers.set(c.id, c);
      return c;
    }
    const customerId = idIn(path, /^\/v1\/customers\/([^/]+)$/);
    if (method === 'GET' && customerId) return this.mustGet(this.customers, customerId, 'customer');
    if (method === 'DELETE' && customerId) {
      // Deleting a customer cancels its subscriptions at once, as Stripe does.
      this.mustGet(this.customers, customerId, 'customer');
      this.customers.delete(customerId);
      for (const sub of this.subscriptions.values()) {
        if (sub.customer !== customerId || sub.status === 'canceled') continue;
        this.cancelNow(sub, now);
        void this.emit('customer.subscription.deleted', sub);
      }
      const deleted: Stripe.DeletedCustomer = { id: customerId, object: 'customer', deleted: true };
      return deleted;
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(p, now);
    const sessionId = idIn(path, /^\/v1\/checkout\/sessions\/([^/]+)$/);
    if (method === 'GET' && sessionId) return this.mustGet(this.sessions, sessionId, 'checkout session');
    const subscriptionId = idIn(path, /^\/v1\/subscriptions\/([^/]+)$/);
    if (method === 'GET' && subscriptionId)
      return this.mustGet(this.subscriptions, subscriptionId, 'subscription');
    if (method === 'POST' && subscriptionId) return this.updateSubscription(subscriptionId, p, now);
    if (method === 'DELETE' && subscriptionId) {
      const sub = this.mustGet(this.subscriptions, subscriptionId, 'subscription');
      if (sub.status === 'canceled')
        throw new ApiError(
          400,
          'invalid_request_error',
          `A canceled subscription can only update its cancellation_details and metadata.`,
        );
      this.cancelNow(sub, now);
      void this.emit('customer.subscription.deleted', sub);
      return sub;
    }
    const invoiceId = idIn(path, /^\/v1\/invoices\/([^/]+)$/);
    if (method === 'GET' && invoiceId) return this.mustGet(this.invoices, invoiceId, 'invoice');
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = str(p['payment_intent']) ?? '';
      const invoice = [...this.invoices.values()].find((i) =>
        i.payments?.data.some((x) => x.payment.payment_intent === intent),
      );
      if (!invoice)
        throw new ApiError(
          404,
          'invalid_request_error',
          `No such payment_intent: '${intent}'`,
          'resource_missing',
        );
      if (this.refunds.some((r) => r.payment_intent === intent))
        throw new ApiError(
          400,
          'invalid_request_error',
          `Charge for PaymentIntent ${intent} has already been refunded.`,
          'charge_already_refunded',
        );
      const refund = make.refund(newId('re'), intent, invoice.amount_paid, invoice.currency, now);
      this.refunds.push(refund);
      return refund;
    }
    if (method === 'GET' && path === '/v1/subscriptions') {
      const customerId = str(p['customer']);
      const data = [...this.subscriptions.values()].filter((s) => !customerId || s.customer === customerId);
      return { object: 'list', data, has_more: false, url: '/v1/subscriptions' };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const customerId = str(p['customer']) ?? '';
      this.mustGet(this.customers, customerId, 'customer');
      const id = newId('bps');
      return make.portalSession(
        id,
        customerId,
        str(p['return_url']) ?? null,
        `${this.url}/hosted/portal/${id}?customer=${customerId}&return_url=${encodeURIComponent(str(p['return_url']) ?? '')}`,
        now,
      );
    }
    if (method === 'POST' && path === '/v1/coupons') {
      const c = make.coupon(
        newId('co'),
        {
          ...(str(p['name']) ? { name: str(p['name']) as string } : {}),
          ...(p['percent_off'] ? { percent_off: Number(p['percent_off']) } : {}),
          ...(p['amount_off'] ? { amount_off: Number(p['amount_off']) } : {}),
          ...(str(p['currency']) ? { currency: str(p['currency']) as string } : {}),
          duration: (str(p['duration']) ?? 'once') as Stripe.Coupon.Duration,
          ...(p['duration_in_months'] ? { duration_in_months: Number(p['duration_in_months']) } : {}),
          metadata: meta(p['metadata']),
        },
        now,
      );
      this.coupons.set(c.id, c);
      return c;
    }
    if (method === 'POST' && path === '/v1/promotion_codes') {
      const promotion = meta(p['promotion']);
      const couponId = promotion['coupon'] ?? '';
      this.mustGet(this.coupons, couponId, 'coupon');
      const code = str(p['code']) ?? '';
      if ([...this.promotionCodes.values()].some((x) => x.code === code))
        throw new ApiError(
          400,
          'invalid_request_error',
          'An active promotion code with `code` already exists.',
        );
      const pc = make.promotionCode(
        newId('promo'),
        {
          code,
          couponId,
          expiresAt: p['expires_at'] ? Number(p['expires_at']) : null,
          maxRedemptions: p['max_redemptions'] ? Number(p['max_redemptions']) : null,
        },
        now,
      );
      this.promotionCodes.set(pc.id, pc);
      return pc;
    }
    throw new ApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  /**
   * A quantity change, prorated as Stripe does: the change in price for what is left of the period
   * (none in a trial, or with `proration_behavior: none`); `always_invoice` bills (or credits) it now.
   */
  private updateSubscription(id: string, p: Params, now: number): Stripe.Subscription {
    const sub = this.mustGet(this.subscriptions, id, 'subscription');
    if (sub.status === 'canceled')
      throw new ApiError(400, 'invalid_request_error', 'A canceled subscription can not be updated.');
    const items = (p['items'] ?? []) as { id?: string; quantity?: string }[];
    const change = items[0];
    const item = sub.items.data.find((i) => i.id === change?.id);
    if (change && !item)
      throw new ApiError(400, 'invalid_request_error', `No such subscription item: '${change.id ?? ''}'`);
    if (item && change?.quantity !== undefined) {
      const to = Number(change.quantity);
      if (!Number.isInteger(to) || to < 1)
        throw new ApiError(400, 'invalid_request_error', 'Invalid integer: quantity');
      const from = item.quantity ?? 1;
      const behavior =
        typeof p['proration_behavior'] === 'string' ? p['proration_behavior'] : 'create_prorations';
      const length = item.current_period_end - item.current_period_start;
      const left = Math.max(0, item.current_period_end - now);
      const amount =
        behavior === 'none' || sub.status === 'trialing' || length <= 0
          ? 0
          : Math.round(((item.price.unit_amount ?? 0) * (to - from) * left) / length);
      item.quantity = to;
      this.prorations.push({ subscription: id, from, to, behavior, amount });
      if (amount !== 0 && behavior === 'always_invoice') {
        const invoice = make.invoice({
          id: newId('in'),
          customer: sub.customer as string,
          subscriptionId: sub.id,
          amount,
          currency: sub.currency,
          paid: amount > 0,
          created: now,
          periodStart: now,
          periodEnd: item.current_period_end,
          paymentIntent: amount > 0 ? newId('pi') : null,
        });
        this.invoices.set(invoice.id, invoice);
        sub.latest_invoice = invoice.id;
      }
    }
    // Ending at the close of the period, or renewing again (as the billing portal does).
    if (p['cancel_at_period_end'] !== undefined)
      sub.cancel_at_period_end = String(p['cancel_at_period_end']) === 'true';
    void this.emit('customer.subscription.updated', sub);
    return sub;
  }

  private createSession(p: Params, now: number): Stripe.Checkout.Session {
    const mode = p['mode'] as Stripe.Checkout.Session.Mode;
    const customerId = typeof p['customer'] === 'string' ? p['customer'] : null;
    if (customerId) this.mustGet(this.customers, customerId, 'customer');
    const lines = (p['line_items'] ?? []) as { price?: string; quantity?: string }[];
    const priceId = lines[0]?.price ?? '';
    const price = this.prices.get(priceId);
    if (!price)
      throw new ApiError(400, 'invalid_request_error', `No such price: '${priceId}'`, 'resource_missing');
    if ((mode === 'subscription') !== (price.type === 'recurring'))
      throw new ApiError(400, 'invalid_request_error', 'The price type does not match the session mode.');
    const subData = (p['subscription_data'] ?? {}) as Params;
    const trialDays = subData['trial_period_days'] ? Number(subData['trial_period_days']) : null;
    const discounts = (p['discounts'] ?? []) as { promotion_code?: string }[];
    const promoId = discounts[0]?.promotion_code;
    let discount = 0;
    if (promoId) {
      const promo = this.mustGet(this.promotionCodes, promoId, 'promotion code');
      if (!promo.active || (promo.expires_at !== null && promo.expires_at <= now))
        throw new ApiError(400, 'invalid_request_error', 'This promotion code cannot be redeemed.');
      const couponId = (promo.promotion as { coupon: string }).coupon;
      const c = this.mustGet(this.coupons, couponId, 'coupon');
      const amount = price.unit_amount ?? 0;
      discount = c.percent_off
        ? Math.round((amount * c.percent_off) / 100)
        : Math.min(amount, c.amount_off ?? 0);
    }
    const id = newId('cs_test');
    const quantity = Number(lines[0]?.quantity ?? 1);
    if (!Number.isInteger(quantity) || quantity < 1)
      throw new ApiError(400, 'invalid_request_error', 'Invalid integer: quantity');
    const subtotal = (price.unit_amount ?? 0) * quantity;
    const session = make.checkoutSession({
      id,
      url: `${this.url}/hosted/checkout/${id}`,
      mode,
      customer: customerId,
      clientReferenceId: typeof p['client_reference_id'] === 'string' ? p['client_reference_id'] : null,
      successUrl: typeof p['success_url'] === 'string' ? p['success_url'] : null,
      cancelUrl: typeof p['cancel_url'] === 'string' ? p['cancel_url'] : null,
      metadata: (p['metadata'] ?? {}) as Record<string, string>,
      amountSubtotal: subtotal,
      amountTotal: trialDays ? 0 : subtotal - discount,
      currency: price.currency,
      discounts: promoId ? [{ coupon: null, promotion_code: promoId }] : null,
      paymentMethodCollection:
        (p['payment_method_collection'] as Stripe.Checkout.Session.PaymentMethodCollection | undefined) ??
        null,
      created: now,
    });
    this.sessions.set(id, session);
    this.pendingLine.set(id, {
      price,
      quantity,
      trialDays,
      subscriptionMetadata: (subData['metadata'] ?? {}) as Record<string, string>,
    });
    return session;
  }

  /** The hosted pages a browser sees: Checkout and the billing portal. */
  private async hosted(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const page = (title: string, body: string): void => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
      );
    };
    const checkoutId = idIn(url.pathname, /^\/hosted\/checkout\/([^/]+)$/);
    if (checkoutId) {
      const session = this.mustGet(this.sessions, checkoutId, 'checkout session');
      if (req.method === 'POST') {
        const form = new URLSearchParams(raw);
        await this.completeCheckout(session.id, form.get('card') === 'yes');
        res
          .writeHead(303, {
            Location: (session.success_url ?? '').replace('{CHECKOUT_SESSION_ID}', session.id),
          })
          .end();
        return;
      }
      const pending = this.pendingLine.get(session.id);
      const cardOptional = session.payment_method_collection === 'if_required' && pending?.trialDays;
      return page(
        'Stripe Checkout (test stand-in)',
        `<p>Total due today: <strong>${((session.amount_total ?? 0) / 100).toFixed(2)} ${escapeHtml(session.currency ?? '')}</strong></p>
        ${session.discounts?.length ? '<p>Promotion code applied.</p>' : ''}
        ${pending?.trialDays ? `<p>${pending.trialDays}-day free trial</p>` : ''}
        <form method="post"><input type="hidden" name="card" value="yes"><button type="submit">Pay with test card 4242</button></form>
        ${cardOptional ? '<form method="post"><input type="hidden" name="card" value="no"><button type="submit">Start trial without a card</button></form>' : ''}
        <p><a href="${escapeHtml(session.cancel_url ?? '/')}">Back</a></p>`,
      );
    }
    if (idIn(url.pathname, /^\/hosted\/portal\/([^/]+)$/)) {
      const customerId = url.searchParams.get('customer') ?? '';
      const returnUrl = url.searchParams.get('return_url') ?? '/';
      const subs = [...this.subscriptions.values()].filter(
        (s) => s.customer === customerId && s.status !== 'canceled',
      );
      if (req.method === 'POST') {
        const form = new URLSearchParams(raw);
        const id = form.get('subscription') ?? '';
        if (subs.some((s) => s.id === id)) await this.cancelAtPeriodEnd(id);
        res.writeHead(303, { Location: returnUrl }).end();
        return;
      }
      return page(
        'Billing portal (test stand-in)',
        `${subs
          .map(
            (s) =>
              `<section><p>Plan: ${escapeHtml(s.items.data[0]?.price.id ?? '')} — ${escapeHtml(s.status)}${s.cancel_at_period_end ? ' (cancels at period end)' : ''}</p>
              ${s.cancel_at_period_end ? '' : `<form method="post"><input type="hidden" name="subscription" value="${escapeHtml(s.id)}"><button type="submit">Cancel plan</button></form>`}</section>`,
          )
          .join('')}<p><a href="${escapeHtml(returnUrl)}">Return to Trust Academy</a></p>`,
      );
    }
    res.writeHead(404).end();
  }

  /** Controls for tests running the fake in another process (the browser tests). */
  private async control(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/__control/state') {
      return json(200, {
        customers: [...this.customers.values()],
        subscriptions: [...this.subscriptions.values()],
        sessions: [...this.sessions.values()],
        events: this.events.map((e) => ({ id: e.event.id, type: e.event.type, deliveries: e.deliveries })),
      });
    }
    const m = url.pathname.match(
      /^\/__control\/subscriptions\/([^/]+)\/(end-trial|fail-payment|end-period|trial-will-end)$/,
    );
    if (req.method === 'POST' && m) {
      const id = m[1] as string;
      const action = m[2];
      if (action === 'end-trial') return json(200, await this.endTrial(id));
      if (action === 'fail-payment') return json(200, await this.failPayment(id));
      if (action === 'end-period') return json(200, await this.endPeriod(id));
      await this.trialWillEnd(id);
      return json(200, {});
    }
    void raw;
    json(404, { error: 'unknown control' });
  }
}
