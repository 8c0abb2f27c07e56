/** Grants: periods during which a person holds a product. Every source of access is reduced to these. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

export const grants = sqliteTable(
  'grants',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: text('product', { enum: ['membership', 'assessment'] }).notNull(),
    source: text('source', {
      enum: ['trial', 'subscription', 'purchase', 'code', 'admin', 'team'],
    }).notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    /** null: until revoked. */
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** What the grant stands for, when it mirrors something: a Stripe subscription or Checkout Session id. */
    reference: text('reference'),
    /** The code that led to it, for the code's outcomes. */
    code: text('code'),
  },
  (t) => [
    index('grants_user_idx').on(t.userId),
    uniqueIndex('grants_reference_idx').on(t.reference),
    /** The admin overview counts current members and trials ending soon. */
    index('grants_product_ends_idx').on(t.product, t.endsAt),
  ],
);

export const codes = sqliteTable('codes', {
  /** Upper case; codes are case-insensitive. */
  code: text('code').primaryKey(),
  kind: text('kind', { enum: ['trial', 'discount', 'free_product'] }).notNull(),
  trialDays: integer('trial_days'),
  product: text('product', { enum: ['membership', 'assessment'] }),
  percentOff: integer('percent_off'),
  amountOffCents: integer('amount_off_cents'),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
  maxRedemptions: integer('max_redemptions'),
  /** Kept in step with `code_redemptions` in the same transaction; the limit is checked against it. */
  redemptions: integer('redemptions').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** discount: how long it applies, as Stripe coupons say it. */
  discountDuration: text('discount_duration', { enum: ['once', 'repeating', 'forever'] }),
  discountMonths: integer('discount_months'),
  /** discount: its mirror in Stripe, created once. */
  stripeCouponId: text('stripe_coupon_id'),
  stripePromotionCodeId: text('stripe_promotion_code_id'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const codeRedemptions = sqliteTable(
  'code_redemptions',
  {
    id: text('id').primaryKey(),
    code: text('code')
      .notNull()
      .references(() => codes.code),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('code_redemptions_once_idx').on(t.code, t.userId)],
);

/** A person's Stripe customer, created once. */
export const billingCustomers = sqliteTable('billing_customers', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** The last state read from Stripe of each subscription; access itself is its grant (`grants.reference`). */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    /** Stripe's subscription id. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    status: text('status').notNull(),
    priceId: text('price_id'),
    /** Cents per interval, and the interval, for "next charge". */
    amountCents: integer('amount_cents'),
    currency: text('currency'),
    interval: text('interval'),
    trialStart: integer('trial_start', { mode: 'timestamp_ms' }),
    trialEnd: integer('trial_end', { mode: 'timestamp_ms' }),
    currentPeriodEnd: integer('current_period_end', { mode: 'timestamp_ms' }),
    cancelAtPeriodEnd: integer('cancel_at_period_end', { mode: 'boolean' }).notNull().default(false),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    /** When this process first saw it past due: the grace period counts from here. */
    pastDueSince: integer('past_due_since', { mode: 'timestamp_ms' }),
    code: text('code'),
    /**
     * Why this site refused the subscription when Stripe completed it ('second-trial' or
     * 'second-membership'): it grants nothing, and it is cancelled (and its payment refunded) in Stripe.
     */
    refused: text('refused', { enum: ['second-trial', 'second-membership'] }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId), index('subscriptions_trial_end_idx').on(t.trialEnd)],
);

/** Stripe events already applied: the id is inserted in the transaction that applies the effect. */
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  /** When Stripe created it, and when it was applied here (the webhook lag). */
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  appliedAt: integer('applied_at', { mode: 'timestamp_ms' }).notNull(),
});
