import { describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS, roundStatus } from '../../../src/lib/survey/rounds';

const now = new Date('2026-05-01T12:00:00Z');
const later = new Date(now.getTime() + INVITATION_TTL_MS);
const past = new Date(now.getTime() - 1);
const used = { used: true, expiresAt: later };
const waiting = { used: false, expiresAt: later };
const expired = { used: false, expiresAt: past };

describe('when a round closes', () => {
  it('links last 30 days', () => {
    expect(INVITATION_TTL_MS).toBe(30 * 24 * 3600 * 1000);
  });

  it('stays open while any link is waiting', () => {
    expect(roundStatus(null, [used, used, used, waiting], now, 3)).toEqual({ open: true });
    expect(roundStatus(null, [], now, 3)).toEqual({ open: true });
  });

  it('closes by itself when every link was used by at least three customers', () => {
    expect(roundStatus(null, [used, used, used], now, 3)).toEqual({ open: false, reason: 'all-answered' });
  });

  it('stays open when every link was used but fewer than three, so more can be invited', () => {
    expect(roundStatus(null, [used, used], now, 3)).toEqual({ open: true });
  });

  it('closes when the remaining links expired', () => {
    expect(roundStatus(null, [used, expired], now, 3)).toEqual({ open: false, reason: 'expired' });
  });

  it('closes when the member closes it, whatever is pending', () => {
    expect(roundStatus(now, [waiting], now, 3)).toEqual({ open: false, reason: 'closed-by-member' });
  });
});
