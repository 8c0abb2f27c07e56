/**
 * Which signed Stripe events the webhook can use. Stripe redelivers anything not answered 2xx for days,
 * so an event that is genuine but of no use here (a type we don't handle, a payload without what we
 * need) is acknowledged and logged, never failed: a redelivery would be just as unusable.
 */

/** The events the Stripe dashboard is told to send (README, "Stripe"); every other type is ignored. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.trial_will_end',
] as const;

const HANDLED: ReadonlySet<string> = new Set(HANDLED_EVENT_TYPES);
const STRIPE_ID = /^[a-z]{2,8}_[A-Za-z0-9_]{1,250}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Stripe reference: an id, an expanded object with one, or nothing. */
function validReference(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return STRIPE_ID.test(value);
  return isRecord(value) && typeof value['id'] === 'string' && STRIPE_ID.test(value['id']);
}

/** Why a verified event can't be applied, or null when it can. */
export function unusableEvent(event: unknown): string | null {
  if (!isRecord(event)) return 'the payload is not an event object';
  const { id, type, created, data } = event;
  if (typeof id !== 'string' || !/^evt_[A-Za-z0-9_]{1,250}$/.test(id)) return 'the event has no valid id';
  if (typeof type !== 'string') return 'the event has no type';
  if (!HANDLED.has(type)) return `events of type ${type.slice(0, 100)} are not used here`;
  if (typeof created !== 'number' || !Number.isFinite(created) || created <= 0)
    return 'the event has no creation time';
  const object = isRecord(data) ? data['object'] : undefined;
  if (!isRecord(object)) return 'the event carries no object';
  if (typeof object['id'] !== 'string' || !STRIPE_ID.test(object['id'])) return 'its object has no valid id';
  if (type === 'checkout.session.completed') {
    if (object['object'] !== 'checkout.session') return 'its object is not a Checkout Session';
  } else if (type.startsWith('invoice.')) {
    if (object['object'] !== 'invoice') return 'its object is not an invoice';
    const parent = object['parent'];
    const details = isRecord(parent) ? parent['subscription_details'] : undefined;
    if (parent !== undefined && parent !== null && !isRecord(parent))
      return 'its invoice parent is malformed';
    if (isRecord(details) && !validReference(details['subscription']))
      return 'its subscription reference is malformed';
  } else if (object['object'] !== 'subscription') {
    return 'its object is not a subscription';
  }
  return null;
}
