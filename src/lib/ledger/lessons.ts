/** The lessons the ledger links to: keeping promises, and repairing trust when one is missed. */
export const LEDGER_LESSON_SLUGS = [
  'the-trust-account',
  'small-certain-promises',
  'punctuality-and-follow-up',
  'owning-a-miss',
  'repairing-a-burned-customer',
] as const;
