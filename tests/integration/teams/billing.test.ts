/** The team plan through the fake Stripe (behind the real SDK): checkout with seats, the team trial, proration, the portal. */
import { grants, subscriptions, teams } from '@db/schema';
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { Visitor } from '../../support/browser-less';
import { FAKE_PRICES } from '../../support/fake-stripe/constants';
import { useStripeServer } from '../../support/stripe';

const { fake, app } = useStripeServer();
const MEMBER_LESSON = '/lessons/punctuality-and-follow-up';

async function createTeam(v: Visitor): Promise<string> {
  const res = await v.post('/teams?_action=teams.create', { name: 'Enterprise desk' });
  expect(res.status).toBe(303);
  return (res.headers.get('location') ?? '').slice('/teams/'.length, '/teams/'.length + 26);
}

/** Starts the team plan from the team page and returns the Checkout Session the app opened. */
async function checkout(v: Visitor, teamId: string, seats: number): Promise<Stripe.Checkout.Session> {
  const res = await v.post(`/teams/${teamId}?_action=teams.checkout`, { seats: String(seats) });
  expect(res.status).toBe(303);
  const id = (res.headers.get('location') ?? '').match(/\/hosted\/checkout\/(cs_test_[0-9a-f]+)/)?.[1];
  const session = id ? fake.sessions.get(id) : undefined;
  if (!session) throw new Error(`no checkout session: ${res.headers.get('location')}`);
  return session;
}

async function pay(session: Stripe.Checkout.Session, card: boolean): Promise<void> {
  const res = await fetch(`${fake.url}/hosted/checkout/${session.id}`, {
    method: 'POST',
    body: new URLSearchParams({ card: card ? 'yes' : 'no' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

const teamRow = async (id: string) => (await app.db.select().from(teams).where(eq(teams.id, id)))[0];

async function joinByLink(owner: Visitor, teamId: string, rep: { v: Visitor; email: string }) {
  await owner.post(`/teams/${teamId}?_action=teams.invite`, { email: rep.email, role: 'member' });
  // The SMTP-less server logs mail; the invitation is accepted from the team list instead of the link.
  const page = await (await rep.v.get('/teams')).text();
  const id = page.match(/name="invitationId" value="([a-z2-7]{26})"/)?.[1] ?? '';
  const res = await rep.v.post('/teams?_action=teams.accept', { invitationId: id });
  expect(res.status).toBe(303);
}

describe('the team plan through Stripe', () => {
  it('starts as a 7-day trial of N seats on one subscription, and its members hold membership', async () => {
    const owner = await app.person({ member: false });
    const rep = await app.person({ member: false });
    const teamId = await createTeam(owner.v);
    // With Stripe, a new team has no plan: only the owner's seat, and no membership yet.
    expect(await teamRow(teamId)).toMatchObject({ plan: 'subscription', seats: 1, subscriptionId: null });

    // The trial caps the seats.
    const tooMany = await owner.v.post(`/teams/${teamId}?_action=teams.checkout`, { seats: '11' });
    expect(tooMany.status).toBe(409);
    expect(await tooMany.text()).toContain('at most 10 seats');

    const session = await checkout(owner.v, teamId, 4);
    expect(session.amount_subtotal).toBe(4 * FAKE_PRICES.monthly.unitAmount);
    expect(session.payment_method_collection).toBe('if_required');
    await pay(session, false);
    const sub = fake.subscriptionOf(session.id);
    expect(sub.status).toBe('trialing');
    expect(sub.items.data[0]?.quantity).toBe(4);
    const team = await teamRow(teamId);
    expect(team).toMatchObject({ seats: 4, subscriptionId: sub.id, subscriptionStatus: 'trialing' });
    // A team's plan is the team's: no person's subscription row, no personal subscription grant.
    expect(await app.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))).toEqual([]);

    await joinByLink(owner.v, teamId, rep);
    const repGrants = await app.db
      .select()
      .from(grants)
      .where(and(eq(grants.userId, rep.userId), eq(grants.source, 'team')));
    expect(repGrants[0]?.endsAt?.getTime()).toBe(team?.membershipUntil.getTime());
    expect(await (await rep.v.get(MEMBER_LESSON)).text()).not.toContain('This lesson is for members');

    // The trial ends without a card: the plan is cancelled and the members' membership ends with it.
    await fake.endTrial(sub.id);
    expect((await teamRow(teamId))?.subscriptionStatus).toBe('canceled');
    expect(await (await rep.v.get(MEMBER_LESSON)).text()).toContain('This lesson is for members');
    // The team trial was the owner's one: the next checkout has none.
    const again = await checkout(owner.v, teamId, 2);
    expect(again.payment_method_collection).toBeNull();
    expect(again.amount_total).toBe(2 * FAKE_PRICES.monthly.unitAmount);
  });

  it('adds and removes seats with proration, never below the members, and opens the billing portal', async () => {
    const owner = await app.person({ member: false });
    const rep = await app.person({ member: false });
    const teamId = await createTeam(owner.v);
    const trial = await checkout(owner.v, teamId, 3);
    await pay(trial, true);
    const sub = fake.subscriptionOf(trial.id);
    // In the trial a change is free.
    expect((await owner.v.post(`/teams/${teamId}?_action=teams.seats`, { seats: '5' })).status).toBe(303);
    expect(fake.prorations.at(-1)).toMatchObject({ subscription: sub.id, from: 3, to: 5, amount: 0 });
    await fake.endTrial(sub.id);
    expect((await teamRow(teamId))?.subscriptionStatus).toBe('active');

    // Half-way through the paid month, two more seats: charged for the half month left, now.
    const item = sub.items.data[0] as Stripe.SubscriptionItem;
    const half = 15 * 86_400;
    item.current_period_start = fake.now() - half;
    item.current_period_end = fake.now() + half;
    const added = await owner.v.post(`/teams/${teamId}?_action=teams.seats`, { seats: '7' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/teams/${teamId}?notice=seats`);
    const proration = fake.prorations.at(-1);
    expect(proration).toMatchObject({ from: 5, to: 7, behavior: 'always_invoice' });
    expect(Math.abs((proration?.amount ?? 0) - FAKE_PRICES.monthly.unitAmount)).toBeLessThanOrEqual(2);
    expect((await teamRow(teamId))?.seats).toBe(7);
    expect(await (await owner.v.get(`/teams/${teamId}?notice=seats`)).text()).toContain('now has 7 seats');

    // Removing one is credited.
    await owner.v.post(`/teams/${teamId}?_action=teams.seats`, { seats: '6' });
    expect(fake.prorations.at(-1)?.amount).toBeLessThan(0);

    // Never fewer seats than members.
    await joinByLink(owner.v, teamId, rep);
    const tooFew = await owner.v.post(`/teams/${teamId}?_action=teams.seats`, { seats: '1' });
    expect(tooFew.status).toBe(409);
    expect(await tooFew.text()).toContain('fewer seats than the team has members');
    expect((await teamRow(teamId))?.seats).toBe(6);

    // The portal is the owner's; a rep gets a refusal.
    const portal = await owner.v.post(`/teams/${teamId}?_action=teams.portal`, {});
    expect(portal.status).toBe(303);
    expect(portal.headers.get('location')).toContain('/hosted/portal/');
    const notOwner = await rep.v.post(`/teams/${teamId}?_action=teams.portal`, {});
    expect(notOwner.status).toBe(409);
    expect((await rep.v.post(`/teams/${teamId}?_action=teams.seats`, { seats: '9' })).status).toBe(409);
  });

  it('hands the team over: the old owner’s plan ends at the close of the paid period, and the new owner starts their own', async () => {
    const owner = await app.person({ member: false });
    const rep = await app.person({ member: false, name: 'Hana Heir' });
    const teamId = await createTeam(owner.v);
    const trial = await checkout(owner.v, teamId, 3);
    await pay(trial, true);
    const sub = fake.subscriptionOf(trial.id);
    await fake.endTrial(sub.id);
    await joinByLink(owner.v, teamId, rep);
    const periodEnd = (sub.items.data[0]?.current_period_end ?? 0) * 1000;
    const page = await (await owner.v.get(`/teams/${teamId}`)).text();
    expect(page).toContain('a plan can’t move from one person’s card to another’s');

    const moved = await owner.v.post(`/teams/${teamId}?_action=teams.transfer`, { userId: rep.userId });
    expect(moved.status).toBe(303);
    expect(fake.subscriptions.get(sub.id)?.cancel_at_period_end).toBe(true);
    const team = await teamRow(teamId);
    expect(team).toMatchObject({ ownerId: rep.userId, subscriptionId: null, subscriptionStatus: null });
    // Members keep exactly what was paid for.
    expect(team?.membershipUntil.getTime()).toBe(periodEnd);
    expect(await (await rep.v.get(MEMBER_LESSON)).text()).not.toContain('This lesson is for members');

    // The old plan's later events no longer write to the team; the new owner is offered the plan.
    const heirPage = await (await rep.v.get(`/teams/${teamId}`)).text();
    expect(heirPage).toContain('The plan paid by the previous owner gives membership until');
    const own = await checkout(rep.v, teamId, 2);
    expect(own.customer).not.toBe(sub.customer);
    await pay(own, true);
    expect(await teamRow(teamId)).toMatchObject({ subscriptionId: fake.subscriptionOf(own.id).id });
  });
});
