/**
 * The admin's "create a code" form in words: the kinds to choose from, money typed in dollars and cents,
 * and what a code gives, with its currency. Pure.
 */
import { type Code, type CodeKind, DEFAULT_TRIAL_DAYS } from '../billing/codes';
import { formatMoney, PLANS } from '../billing/plans';

/** Discounts apply to membership, priced in the plans' currency. */
export const CODE_CURRENCY = PLANS.monthly.currency;
export const CURRENCY_LABEL = CODE_CURRENCY.toUpperCase();

export const KIND_CHOICES: { kind: CodeKind; label: string; description: string }[] = [
  {
    kind: 'trial',
    label: 'Membership trial',
    description: `Free membership for a number of days (${DEFAULT_TRIAL_DAYS} unless you say), no card needed.`,
  },
  {
    kind: 'discount',
    label: 'Discount on membership',
    description:
      'A percentage or an amount off the membership price at checkout, once, for some months or always.',
  },
  {
    kind: 'free_product',
    label: 'Free product',
    description: 'The trust self-assessment or membership, free and open-ended.',
  },
];

export function kindLabel(kind: CodeKind): string {
  return KIND_CHOICES.find((c) => c.kind === kind)?.label ?? kind;
}

export function isCodeKind(value: string | null | undefined): value is CodeKind {
  return KIND_CHOICES.some((c) => c.kind === value);
}

/** Shown when creating a trial code and on its row: the rule `hadTrial` enforces at redemption. */
export const TRIAL_CODE_WARNING =
  'Only for people who have never had a membership trial: anyone who had one before (from a code, the pricing page or a Stripe subscription) is told they can’t use it.';

/** "12.50", "12.5", "12", "$1,200.00" → cents; `null` when empty; `'bad'` for anything else (as "12,5"). */
export function centsFromAmount(text: string | undefined): number | null | 'bad' {
  const typed = (text ?? '').trim().replace(/^\$/, '').trim();
  if (typed === '') return null;
  // Commas only as thousands separators: "12,5" (a decimal comma) must not become 125 dollars.
  if (typed.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(typed)) return 'bad';
  const raw = typed.replace(/,/g, '');
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(raw);
  if (!match) return 'bad';
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : 'bad';
}

/** The amount for the form's field: 1250 → "12.50". */
export function amountFromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** What a code gives, for the admin's table: money with its currency. */
export function codeGives(code: Code): string {
  if (code.kind === 'trial') return `${code.trialDays ?? DEFAULT_TRIAL_DAYS} days of membership, free`;
  if (code.kind === 'free_product')
    return code.product === 'membership' ? 'Membership, free' : 'The trust self-assessment, free';
  const off =
    code.percentOff !== null
      ? `${code.percentOff}% off membership`
      : `${formatMoney(code.amountOffCents ?? 0, CODE_CURRENCY)} off membership`;
  const span =
    code.discountDuration === 'repeating'
      ? `for ${code.discountMonths} months`
      : code.discountDuration === 'forever'
        ? 'on every payment'
        : 'on the first payment';
  return `${off}, ${span}`;
}
