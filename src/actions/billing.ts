/**
 * Billing forms: redeem a code, buy a plan (our checkout, then Stripe's), start the free trial. Each reads
 * its form with src/lib/billing/forms.ts, calls one service, and says what happened or where to go.
 */
import { defineAction } from 'astro:actions';
import { safeNextPath } from '../lib/accounts/next-url';
import { REFUSALS } from '../lib/billing/codes';
import { checkoutForm, redeemForm, trialForm } from '../lib/billing/forms';
import { PLANS, planById } from '../lib/billing/plans';
import {
  checkoutView,
  mayTrial,
  paymentsConfigured,
  redeem,
  startCheckout,
  startLocalTrial,
} from '../lib/server/billing/service';
import { gatedUser } from '../lib/server/platform/gates';

/** A code the order can't use: 400, the refusal's sentence, and the code kept in the field. */
const codeRefused = (refusal: keyof typeof REFUSALS, code: string) => ({
  kind: 'refused' as const,
  status: 400,
  refusal,
  message: REFUSALS[refusal],
  code,
});

export const billing = {
  /**
   * Redeems a code that costs nothing. A visitor is sent to log in and back to the code; a code that
   * needs payment (a discount) comes back to be shown with its checkout buttons.
   */
  redeem: defineAction({
    accept: 'form',
    input: redeemForm,
    handler: async ({ code }, context) => {
      const user = context.locals.user;
      if (!user)
        return { kind: 'ok' as const, next: `/login?next=${encodeURIComponent(`/redeem?code=${code}`)}` };
      const result = await redeem(user, code, new Date());
      if (result.kind === 'refused') return codeRefused(result.refusal, code);
      return result;
    },
  }),

  /**
   * Buys a plan as its order summary shows it for this code: free is granted here, anything else goes
   * to Stripe Checkout (the same session for a second press within the hour).
   */
  checkout: defineAction({
    accept: 'form',
    input: checkoutForm,
    handler: async (input, context) => {
      const user = gatedUser(context.locals);
      const plan = planById(input.plan);
      if (!plan) return { kind: 'not-found' as const, message: 'There is no such plan.' };
      const now = new Date();
      const view = await checkoutView(user, plan, input.code || null, now);
      const result = await startCheckout(user, view, now);
      const code = input.code;
      if (result.kind === 'redirect') return { kind: 'ok' as const, next: result.url };
      if (result.kind === 'granted') return { kind: 'granted' as const, code };
      if (result.kind === 'refused') return codeRefused(result.refusal, code);
      if (result.kind === 'not-configured')
        return {
          kind: 'refused' as const,
          status: 503,
          message:
            'Online payment is not set up on this site, so this can only be had with a code that makes it free.',
          code,
        };
      return {
        kind: 'refused' as const,
        status: 503,
        retryAfterSeconds: 30,
        message:
          'Our payment provider is not answering right now. Nothing was charged; please try again in a minute.',
        code,
      };
    },
  }),

  /**
   * The free 7-day membership trial, once per person. With Stripe: the monthly plan's checkout page
   * (its trial, a card optional). Without (the embedded default): a local trial at once, and back to
   * where they were. Refused: the dashboard says why and offers what to do.
   */
  startTrial: defineAction({
    accept: 'form',
    input: trialForm,
    handler: async (input, context) => {
      const user = gatedUser(context.locals);
      const next = safeNextPath(input.next || null, '/lessons');
      const dashboard = (why: 'taken' | 'unconfirmed') => ({
        kind: 'ok' as const,
        next: `/dashboard?trial=${why}&next=${encodeURIComponent(next)}`,
      });
      if (!user.emailVerified) return dashboard('unconfirmed');
      if (paymentsConfigured()) {
        if (!(await mayTrial(user.id))) return dashboard('taken');
        return { kind: 'ok' as const, next: `/checkout/${PLANS.monthly.id}` };
      }
      const result = await startLocalTrial(user, new Date());
      if (result.kind === 'started') return { kind: 'ok' as const, next };
      return dashboard(result.refusal === 'unconfirmed' ? 'unconfirmed' : 'taken');
    },
  }),
};
