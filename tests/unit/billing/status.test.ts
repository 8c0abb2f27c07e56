import { describe, expect, it } from 'vitest';
import type { Grant } from '../../../src/lib/billing/entitlements';
import { membershipStatus, subscriptionSummary } from '../../../src/lib/billing/status';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);
const trial = (start: number, end: number): Grant => ({
  product: 'membership',
  source: 'trial',
  startsAt: at(start),
  endsAt: at(end),
});
const admin: Grant = { product: 'membership', source: 'admin', startsAt: at(-30), endsAt: null };
const blog: Grant = { product: 'assessment', source: 'code', startsAt: at(-1), endsAt: null };

describe('membership status', () => {
  it.each([
    ['no grants', [], { kind: 'none' }],
    ['only the assessment', [blog], { kind: 'none' }],
    ['a trial with 7 days left', [trial(0, 7)], { kind: 'trial', until: at(7), daysLeft: 7 }],
    [
      'a trial with half a day left counts as 1 day',
      [trial(-7, 0.5)],
      { kind: 'trial', until: at(0.5), daysLeft: 1 },
    ],
    ['a trial that ended', [trial(-10, -3)], { kind: 'trial-ended', endedAt: at(-3) }],
    ['a trial that ends exactly now has ended', [trial(-7, 0)], { kind: 'trial-ended', endedAt: at(0) }],
    ['an admin grant', [admin], { kind: 'member', until: null }],
    ['an admin grant during a trial is membership', [trial(0, 7), admin], { kind: 'member', until: null }],
    ['a trial that starts tomorrow is not on yet', [trial(1, 8)], { kind: 'none' }],
  ] as [string, Grant[], unknown][])('%s', (_name, grants, expected) => {
    expect(membershipStatus(grants, now)).toEqual(expected);
  });
});

describe('a subscription in the billing page’s words', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const at = (days: number): Date => new Date(now.getTime() + days * 86_400_000);
  const sub = {
    status: 'active',
    trialEnd: null,
    currentPeriodEnd: at(20),
    cancelAtPeriodEnd: false,
    endedAt: null,
    pastDueSince: null,
  };
  it.each([
    ['trialing', { status: 'trialing', trialEnd: at(2.5) }, { kind: 'trialing', daysLeft: 3 }],
    ['active', {}, { kind: 'active', nextChargeOn: at(20) }],
    ['active, cancelling', { cancelAtPeriodEnd: true }, { kind: 'canceling', accessUntil: at(20) }],
    [
      'trialing, cancelling',
      { status: 'trialing', trialEnd: at(4), cancelAtPeriodEnd: true },
      { kind: 'canceling', accessUntil: at(4) },
    ],
    ['past due', { status: 'past_due', pastDueSince: at(-1) }, { kind: 'past-due', accessUntil: at(2) }],
    ['canceled', { status: 'canceled', endedAt: at(-3) }, { kind: 'ended', endedAt: at(-3) }],
  ] as const)('%s', (_name, over, expected) => {
    expect(subscriptionSummary({ ...sub, ...over }, now)).toMatchObject(expected);
  });
});
