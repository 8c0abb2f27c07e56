import { describe, expect, it } from 'vitest';
import {
  entitlementsFor,
  type Grant,
  NO_ENTITLEMENTS,
  type SubscriptionState,
  subscriptionGrant,
  subscriptionRefusal,
} from '../../../src/lib/billing/entitlements';
import { lessonAccess } from '../../../src/lib/content/access';

const now = new Date('2026-11-23T12:00:00Z');
const day = 86_400_000;
const grant = (product: Grant['product'], startOffsetDays: number, endOffsetDays: number | null): Grant => ({
  product,
  source: 'trial',
  startsAt: new Date(now.getTime() + startOffsetDays * day),
  endsAt: endOffsetDays === null ? null : new Date(now.getTime() + endOffsetDays * day),
});

describe('entitlementsFor', () => {
  it('gives an anonymous visitor nothing', () => {
    expect(entitlementsFor(null, now)).toEqual(NO_ENTITLEMENTS);
  });

  it('gives membership (and the assessment) inside a grant window, until its end', () => {
    expect(entitlementsFor({ grants: [grant('membership', -1, 6)] }, now)).toEqual({
      membership: true,
      assessment: true,
      until: new Date(now.getTime() + 6 * day),
    });
  });

  it('gives nothing once a grant has ended, or before it starts', () => {
    expect(
      entitlementsFor({ grants: [grant('membership', -8, -1), grant('membership', 1, 8)] }, now),
    ).toEqual(NO_ENTITLEMENTS);
    // The end instant itself is outside the window.
    expect(entitlementsFor({ grants: [grant('membership', -7, 0)] }, now).membership).toBe(false);
  });

  it('keeps the latest end among overlapping grants, and no end if any grant is open-ended', () => {
    expect(
      entitlementsFor({ grants: [grant('membership', -1, 3), grant('membership', -1, 30)] }, now).until,
    ).toEqual(new Date(now.getTime() + 30 * day));
    expect(
      entitlementsFor({ grants: [grant('membership', -1, 3), grant('membership', -1, null)] }, now).until,
    ).toBeNull();
  });

  it('gives the assessment alone without membership', () => {
    expect(entitlementsFor({ grants: [grant('assessment', -1, null)] }, now)).toEqual({
      membership: false,
      assessment: true,
      until: null,
    });
  });
});

describe('lessonAccess', () => {
  it('opens free lessons to everyone and member lessons to members only', () => {
    const member = entitlementsFor({ grants: [grant('membership', -1, 6)] }, now);
    expect(lessonAccess({ free: true }, NO_ENTITLEMENTS)).toBe('full');
    expect(lessonAccess({ free: false }, NO_ENTITLEMENTS)).toBe('preview');
    expect(lessonAccess({ free: false }, member)).toBe('full');
  });
});

describe('a subscription as a membership grant', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const day = 86_400_000;
  const at = (days: number): Date => new Date(now.getTime() + days * day);
  const base: SubscriptionState = {
    status: 'active',
    startedAt: at(-40),
    trialEnd: null,
    currentPeriodEnd: at(20),
    cancelAtPeriodEnd: false,
    endedAt: null,
    pastDueSince: null,
    refused: false,
  };
  const member = (over: Partial<SubscriptionState>, when = now): boolean =>
    entitlementsFor({ grants: [subscriptionGrant({ ...base, ...over }, now)] }, when).membership;

  it.each([
    ['trialing, inside the trial', { status: 'trialing', trialEnd: at(3) }, now, true],
    [
      'trialing, the trial just ended (the webhook is on its way)',
      { status: 'trialing', trialEnd: at(-0.01) },
      now,
      true,
    ],
    ['trialing, an hour and more past the trial', { status: 'trialing', trialEnd: at(-0.1) }, now, false],
    ['active, inside the period', {}, now, true],
    ['active, a day of slack for the renewal', {}, at(20.5), true],
    ['active, past the slack', {}, at(21.5), false],
    ['active, set to cancel: ends exactly at period end', { cancelAtPeriodEnd: true }, at(20.01), false],
    ['active, set to cancel, still inside', { cancelAtPeriodEnd: true }, at(19), true],
    ['past due, inside the grace period', { status: 'past_due', pastDueSince: at(-2) }, now, true],
    ['past due, past the grace period', { status: 'past_due', pastDueSince: at(-3.5) }, now, false],
    ['past due, first seen now', { status: 'past_due' }, at(2.9), true],
    ['canceled', { status: 'canceled', endedAt: at(-1) }, now, false],
    ['unpaid', { status: 'unpaid' }, now, false],
    ['incomplete', { status: 'incomplete' }, now, false],
    ['incomplete_expired', { status: 'incomplete_expired' }, now, false],
    ['paused', { status: 'paused' }, now, false],
    ['refused (a second trial or membership), though Stripe says active', { refused: true }, now, false],
    [
      'refused, though Stripe says trialing',
      { status: 'trialing', trialEnd: at(3), refused: true },
      now,
      false,
    ],
  ] as const)('%s', (_name, over, when, expected) => {
    expect(member(over as Partial<SubscriptionState>, when)).toBe(expected);
  });

  it('never ends before it started', () => {
    const grant = subscriptionGrant({ ...base, status: 'canceled', startedAt: now, endedAt: at(-5) }, now);
    expect(grant.endsAt?.getTime()).toBe(now.getTime());
  });
});

describe('one trial per person and one membership, when Stripe completes a subscription', () => {
  it.each([
    ['a first trial', true, false, false, null],
    ['a second trial', true, true, false, 'second-trial'],
    ['a second trial while the first still runs', true, true, true, 'second-trial'],
    ['a paid plan after an old trial', false, true, false, null],
    ['a paid plan beside a renewing one', false, true, true, 'second-membership'],
    ['a trial beside a renewing paid plan, never trialled', true, false, true, 'second-membership'],
  ] as const)('%s', (_name, startsWithTrial, hadTrial, otherRenewingMembership, expected) => {
    expect(subscriptionRefusal({ startsWithTrial }, { hadTrial, otherRenewingMembership })).toBe(expected);
  });
});
