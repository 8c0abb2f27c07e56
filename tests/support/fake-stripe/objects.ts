/**
 * Stripe objects as the fake returns them, built as the SDK's own types: a field renamed or retyped in
 * the SDK fails the type check here. Nested objects the app never reads are filled with their empty
 * form through `nested`, the one place a shape is asserted rather than checked.
 */
import type Stripe from 'stripe';

/** A nested Stripe object the app doesn't read, in its empty form. */
const nested = <T>(value: Record<string, unknown>): T => value as T;

export interface FakePrice {
  id: string;
  unitAmount: number;
  currency: string;
  interval: 'month' | 'year' | null;
}

export function price(p: FakePrice, created: number): Stripe.Price {
  return {
    id: p.id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: p.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: `prod_${p.id}`,
    recurring: p.interval
      ? nested<Stripe.Price.Recurring>({ interval: p.interval, interval_count: 1, usage_type: 'licensed' })
      : null,
    tax_behavior: null,
    tiers_mode: null,
    transform_quantity: null,
    type: p.interval ? 'recurring' : 'one_time',
    unit_amount: p.unitAmount,
    unit_amount_decimal: null,
  };
}

export function customer(
  id: string,
  params: { email: string | null; name: string | null; metadata: Record<string, string> },
  created: number,
): Stripe.Customer {
  return {
    id,
    object: 'customer',
    balance: 0,
    created,
    default_source: null,
    description: null,
    email: params.email,
    invoice_settings: nested<Stripe.Customer.InvoiceSettings>({ default_payment_method: null }),
    livemode: false,
    metadata: params.metadata,
    shipping: null,
    name: params.name,
  };
}

export function subscriptionItem(
  subscriptionId: string,
  p: Stripe.Price,
  periodStart: number,
  periodEnd: number,
  quantity = 1,
): Stripe.SubscriptionItem {
  return {
    id: `si_${subscriptionId.slice(4)}`,
    quantity,
    object: 'subscription_item',
    billing_thresholds: null,
    created: periodStart,
    current_period_end: periodEnd,
    current_period_start: periodStart,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: nested<Stripe.Plan>({ id: p.id, object: 'plan' }),
    price: p,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

export function subscription(fields: {
  id: string;
  customer: string;
  status: Stripe.Subscription.Status;
  item: Stripe.SubscriptionItem;
  created: number;
  trialStart: number | null;
  trialEnd: number | null;
  defaultPaymentMethod: string | null;
  metadata: Record<string, string>;
  currency: string;
  latestInvoice?: string | null;
}): Stripe.Subscription {
  return {
    id: fields.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: nested<Stripe.Subscription.AutomaticTax>({ enabled: false, liability: null }),
    billing_cycle_anchor: fields.trialEnd ?? fields.created,
    billing_cycle_anchor_config: null,
    billing_mode: nested<Stripe.Subscription.BillingMode>({ type: 'flexible' }),
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: null,
    collection_method: 'charge_automatically',
    created: fields.created,
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: fields.defaultPaymentMethod,
    default_source: null,
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: nested<Stripe.Subscription.InvoiceSettings>({
      account_tax_ids: null,
      issuer: { type: 'self' },
    }),
    items: {
      object: 'list',
      data: [fields.item],
      has_more: false,
      url: `/v1/subscription_items?subscription=${fields.id}`,
    },
    latest_invoice: fields.latestInvoice ?? null,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: fields.created,
    status: fields.status,
    test_clock: null,
    transfer_data: null,
    trial_end: fields.trialEnd,
    trial_settings: nested<Stripe.Subscription.TrialSettings>({
      end_behavior: { missing_payment_method: 'cancel' },
    }),
    trial_start: fields.trialStart,
  };
}

export function checkoutSession(fields: {
  id: string;
  url: string;
  mode: Stripe.Checkout.Session.Mode;
  customer: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  metadata: Record<string, string>;
  amountSubtotal: number;
  amountTotal: number;
  currency: string;
  discounts: Stripe.Checkout.Session.Discount[] | null;
  paymentMethodCollection: Stripe.Checkout.Session.PaymentMethodCollection | null;
  created: number;
}): Stripe.Checkout.Session {
  return {
    id: fields.id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: fields.amountSubtotal,
    amount_total: fields.amountTotal,
    automatic_tax: nested<Stripe.Checkout.Session.AutomaticTax>({
      enabled: false,
      liability: null,
      status: null,
    }),
    billing_address_collection: null,
    cancel_url: fields.cancelUrl,
    client_reference_id: fields.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: fields.created,
    currency: fields.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: nested<Stripe.Checkout.Session.CustomText>({
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    }),
    customer: fields.customer,
    customer_account: null,
    customer_creation: null,
    customer_details: null,
    customer_email: null,
    discounts: fields.discounts,
    expires_at: fields.created + 86_400,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: fields.metadata,
    mode: fields.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: fields.paymentMethodCollection,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: fields.successUrl,
    total_details: null,
    ui_mode: 'hosted',
    url: fields.url,
    wallet_options: null,
  };
}

export function portalSession(
  id: string,
  customerId: string,
  returnUrl: string | null,
  url: string,
  created: number,
): Stripe.BillingPortal.Session {
  return {
    id,
    object: 'billing_portal.session',
    configuration: 'bpc_fake',
    created,
    customer: customerId,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: returnUrl,
    url,
  };
}

export function coupon(
  id: string,
  params: {
    name?: string;
    percent_off?: number;
    amount_off?: number;
    currency?: string;
    duration?: Stripe.Coupon.Duration;
    duration_in_months?: number;
    metadata?: Record<string, string>;
  },
  created: number,
): Stripe.Coupon {
  return {
    id,
    object: 'coupon',
    amount_off: params.amount_off ?? null,
    created,
    currency: params.currency ?? null,
    duration: params.duration ?? 'once',
    duration_in_months: params.duration_in_months ?? null,
    livemode: false,
    max_redemptions: null,
    metadata: params.metadata ?? {},
    name: params.name ?? null,
    percent_off: params.percent_off ?? null,
    redeem_by: null,
    times_redeemed: 0,
    valid: true,
  };
}

export function promotionCode(
  id: string,
  params: { code: string; couponId: string; expiresAt: number | null; maxRedemptions: number | null },
  created: number,
): Stripe.PromotionCode {
  return {
    id,
    object: 'promotion_code',
    active: true,
    code: params.code,
    created,
    customer: null,
    customer_account: null,
    expires_at: params.expiresAt,
    livemode: false,
    max_redemptions: params.maxRedemptions,
    metadata: {},
    promotion: nested<Stripe.PromotionCode.Promotion>({ type: 'coupon', coupon: params.couponId }),
    restrictions: nested<Stripe.PromotionCode.Restrictions>({
      first_time_transaction: false,
      minimum_amount: null,
      minimum_amount_currency: null,
    }),
    times_redeemed: 0,
  };
}

export function invoice(fields: {
  id: string;
  customer: string;
  subscriptionId: string;
  amount: number;
  currency: string;
  paid: boolean;
  created: number;
  periodStart: number;
  periodEnd: number;
  /** The PaymentIntent that paid it, listed in `payments` as Stripe lists an invoice's payments. */
  paymentIntent: string | null;
}): Stripe.Invoice {
  const status: Stripe.Invoice.Status = fields.paid ? 'paid' : 'open';
  const payments: Stripe.InvoicePayment[] = fields.paymentIntent
    ? [
        {
          id: `inpay_${fields.paymentIntent.slice(3)}`,
          object: 'invoice_payment',
          amount_paid: fields.paid ? fields.amount : null,
          amount_requested: fields.amount,
          created: fields.created,
          currency: fields.currency,
          invoice: fields.id,
          is_default: true,
          livemode: false,
          payment: { type: 'payment_intent', payment_intent: fields.paymentIntent },
          status: fields.paid ? 'paid' : 'open',
          status_transitions: { canceled_at: null, paid_at: fields.paid ? fields.created : null },
        },
      ]
    : [];
  return {
    id: fields.id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Trust Academy',
    account_tax_ids: null,
    amount_due: fields.amount,
    amount_overpaid: 0,
    amount_paid: fields.paid ? fields.amount : 0,
    amount_remaining: fields.paid ? 0 : fields.amount,
    amount_shipping: 0,
    application: null,
    attempt_count: 1,
    attempted: true,
    automatic_tax: nested<Stripe.Invoice.AutomaticTax>({ enabled: false, liability: null, status: null }),
    automatically_finalizes_at: null,
    billing_reason: 'subscription_cycle',
    collection_method: 'charge_automatically',
    created: fields.created,
    currency: fields.currency,
    custom_fields: null,
    customer: fields.customer,
    customer_account: null,
    customer_address: null,
    customer_email: null,
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: fields.created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    issuer: nested<Stripe.Invoice.Issuer>({ type: 'self' }),
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${fields.id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: fields.paid ? null : fields.created + 86_400,
    number: null,
    on_behalf_of: null,
    payments: { object: 'list', data: payments, has_more: false, url: `/v1/invoices/${fields.id}/payments` },
    parent: nested<Stripe.Invoice.Parent>({
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: null, subscription: fields.subscriptionId },
    }),
    payment_settings: nested<Stripe.Invoice.PaymentSettings>({
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    }),
    period_end: fields.periodEnd,
    period_start: fields.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status,
    status_transitions: nested<Stripe.Invoice.StatusTransitions>({
      finalized_at: fields.created,
      marked_uncollectible_at: null,
      paid_at: fields.paid ? fields.created : null,
      voided_at: null,
    }),
    subtotal: fields.amount,
    subtotal_excluding_tax: fields.amount,
    test_clock: null,
    total: fields.amount,
    total_discount_amounts: [],
    total_excluding_tax: fields.amount,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function refund(
  id: string,
  paymentIntent: string,
  amount: number,
  currency: string,
  created: number,
): Stripe.Refund {
  return {
    id,
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: null,
    created,
    currency,
    customer: null,
    customer_account: null,
    metadata: {},
    payment_intent: paymentIntent,
    payment_method: null,
    reason: 'requested_by_customer',
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
