/** What the team pages say when something is refused: one wording per reason, shared by actions and pages. */
import { type BillingRefusal, TEAM_MAX_SEATS } from './billing';
import { type CreateRefusal, type JoinRefusal, TEAM_TRIAL_SEATS } from './service';

export const CREATE_MESSAGES: Record<CreateRefusal, string> = {
  unconfirmed: 'Please confirm your email address first: open the link we sent you, then create the team.',
  'in-a-team': 'You are already in a team. Leave it first to create your own.',
  'had-trial': 'You have already had your free team trial, so a new team can’t start another one.',
};

export const JOIN_MESSAGES: Record<JoinRefusal, string> = {
  'not-found': 'This invitation link is not valid. Ask your manager to invite you again.',
  used: 'This invitation has already been used.',
  revoked:
    'This invitation was withdrawn or replaced by a newer one. Look for the latest email, or ask your manager.',
  expired: 'This invitation has expired. Ask your manager to invite you again.',
  unconfirmed: 'Please confirm your email address first (open the link we sent you), then join.',
  'wrong-email':
    'This invitation was sent to another email address. Log in with the invited address to join, or ask your manager to invite this one.',
  'in-a-team': 'You are already in a team. Leave it first, then join this one.',
  'no-seats':
    'The team has no free seat right now. Your invitation stays open: ask the team’s owner to add a seat, then try again.',
};

export const SKIP_REASONS = {
  'already-member': 'already in the team',
  'too-often': 'invited several times recently; try again in an hour',
  role: 'only the owner can invite managers',
} as const;

export const BILLING_MESSAGES: Record<BillingRefusal, string> = {
  'not-owner': 'Only the team’s owner manages its plan and seats.',
  'not-configured': 'Payments are not set up on this site.',
  unavailable: 'We couldn’t reach our payment provider. Please try again in a minute.',
  'has-plan': 'The team already has a plan. Change its seats or manage billing below.',
  'no-plan': 'The team has no plan yet. Start one first.',
  'too-few': 'That is fewer seats than the team has members. Remove people first, then lower the seats.',
  'too-many': `A team plan holds at most ${TEAM_MAX_SEATS.toLocaleString('en-US')} seats.`,
  'trial-limit': `During the free trial a team has at most ${TEAM_TRIAL_SEATS} seats. Add more once the trial has turned into the paid plan.`,
};
