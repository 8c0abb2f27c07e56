import { describe, expect, it } from 'vitest';
import { entitlementsFor, type Grant, NO_ENTITLEMENTS } from '../../../src/lib/billing/entitlements';
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
