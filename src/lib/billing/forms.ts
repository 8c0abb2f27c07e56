/** The billing forms' schemas (redeem, checkout, the trial), read by src/actions/billing.ts. */
import { formSchema, z } from '../platform/forms';

const CODE_TOO_LONG = 'Codes are at most 32 letters and digits; check what you typed.';

/** Redeeming a code. What the code does is the service's to say; the form only needs one. */
export const redeemForm = formSchema({
  code: z
    .string({ error: 'Enter the code you were given.' })
    .trim()
    .min(1, 'Enter the code you were given.')
    .max(64, CODE_TOO_LONG),
});

/** Buying a plan, with the code shown on the order summary ('' for none). */
export const checkoutForm = formSchema({
  plan: z
    .string({ error: 'Reload the checkout page and try again.' })
    .min(1, 'Reload the checkout page and try again.')
    .max(32, 'Reload the checkout page and try again.'),
  code: z.string({ error: CODE_TOO_LONG }).trim().max(64, CODE_TOO_LONG).default(''),
});

/** Starting the free trial, and where to go afterwards (`safeNextPath` falls back to the course for anything odd). */
export const trialForm = formSchema({
  next: z.string({ error: 'Reload the page and start the trial again.' }).default(''),
});
