/** The signed one-click link that stops a member's booster email: HMAC-SHA-256 under a key of their own. */
import { createHmac } from 'node:crypto';

export function newStopKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
}

/** The signature of a member's stop link under their current stop key. */
export function stopSignature(userId: string, stopKey: string): string {
  return createHmac('sha256', stopKey).update(`stop-booster-email:${userId}`).digest('hex');
}

/** The stop link for a member's booster emails. Its query is removed from the outbox after delivery. */
export function stopUrl(siteUrl: URL, userId: string, stopKey: string): string {
  const url = new URL('/review/stop', siteUrl);
  url.searchParams.set('member', userId);
  url.searchParams.set('signature', stopSignature(userId, stopKey));
  return url.toString();
}
