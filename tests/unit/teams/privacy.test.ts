import { describe, expect, it } from 'vitest';
import {
  aggregateVisible,
  individualResultsVisible,
  keptRateVisible,
  MIN_AGGREGATE_GROUP,
  mayChangeMember,
  mayInvite,
  mayLeave,
  mayManageBilling,
  quizBreakdownVisible,
  receivesWeeklySummary,
  reportedOn,
  reportsVisible,
  repVisibleTo,
  teamAccess,
  type Viewer,
} from '../../../src/lib/teams/privacy';

const viewer = (membership: Viewer['membership'], siteRole: Viewer['siteRole'] = 'learner'): Viewer => ({
  userId: 'u1',
  siteRole,
  membership,
});

describe('rule 1: a team exists only for its members', () => {
  it('gives a manager of another team nothing (404)', () => {
    expect(teamAccess(viewer({ teamId: 'other', role: 'manager' }), 'team')).toBeNull();
    expect(teamAccess(viewer({ teamId: 'other', role: 'owner' }), 'team')).toBeNull();
  });
  it('gives a visitor and someone in no team nothing', () => {
    expect(teamAccess(null, 'team')).toBeNull();
    expect(teamAccess(viewer(null), 'team')).toBeNull();
  });
  it('gives a site admin outside the team nothing: the site role is not consulted', () => {
    expect(teamAccess(viewer(null, 'admin'), 'team')).toBeNull();
    expect(teamAccess(viewer({ teamId: 'other', role: 'member' }, 'admin'), 'team')).toBeNull();
    // An admin who is a plain member of the team sees it as a member, not more.
    expect(teamAccess(viewer({ teamId: 'team', role: 'member' }, 'admin'), 'team')).toBe('member');
  });
});

describe('rule 2: reports and controls are for owners and managers', () => {
  it('lets owners and managers manage, members only see', () => {
    expect(teamAccess(viewer({ teamId: 'team', role: 'owner' }), 'team')).toBe('manage');
    expect(teamAccess(viewer({ teamId: 'team', role: 'manager' }), 'team')).toBe('manage');
    expect(teamAccess(viewer({ teamId: 'team', role: 'member' }), 'team')).toBe('member');
  });
});

describe('rule 3: a rep is seen only while a member', () => {
  it('shows a current member and hides a former one or a member of another team', () => {
    expect(repVisibleTo('team', { membership: { teamId: 'team', role: 'member' } })).toBe(true);
    expect(repVisibleTo('team', { membership: null })).toBe(false);
    expect(repVisibleTo('team', { membership: { teamId: 'next', role: 'member' } })).toBe(false);
  });
});

describe('rule 4: assessment results', () => {
  it('shows an aggregate only from three members with a result', () => {
    expect(MIN_AGGREGATE_GROUP).toBe(3);
    expect(aggregateVisible(0)).toBe(false);
    expect(aggregateVisible(2)).toBe(false);
    expect(aggregateVisible(3)).toBe(true);
    expect(aggregateVisible(200)).toBe(true);
  });
  it('shows a rep’s own results only when they chose to share', () => {
    expect(individualResultsVisible({ sharesAssessment: false })).toBe(false);
    expect(individualResultsVisible({ sharesAssessment: true })).toBe(true);
  });
});

describe('rule 5: the ledger', () => {
  it('shows the kept-on-time rate only with consent', () => {
    expect(keptRateVisible({ sharesKeptRate: false })).toBe(false);
    expect(keptRateVisible({ sharesKeptRate: true })).toBe(true);
  });
});

describe('rule 2: reports', () => {
  it('are for owners and managers only: a rep and an outsider get nothing', () => {
    expect(reportsVisible('manage')).toBe(true);
    expect(reportsVisible('member')).toBe(false);
    expect(reportsVisible(null)).toBe(false);
    // An admin of the site who is a rep of the team sees no reports.
    expect(reportsVisible(teamAccess(viewer({ teamId: 'team', role: 'member' }, 'admin'), 'team'))).toBe(
      false,
    );
  });
});

describe('rule 6: quiz answers', () => {
  it('shows a quiz’s answers only once three reps have answered it', () => {
    expect(quizBreakdownVisible(0)).toBe(false);
    expect(quizBreakdownVisible(MIN_AGGREGATE_GROUP - 1)).toBe(false);
    expect(quizBreakdownVisible(MIN_AGGREGATE_GROUP)).toBe(true);
  });
});

describe('rule 7: whom reports cover, who gets the summary', () => {
  it('reports on the team’s current reps only: not its managers, not former or other teams’ reps', () => {
    expect(reportedOn('team', { membership: { teamId: 'team', role: 'member' } })).toBe(true);
    expect(reportedOn('team', { membership: { teamId: 'team', role: 'manager' } })).toBe(false);
    expect(reportedOn('team', { membership: { teamId: 'team', role: 'owner' } })).toBe(false);
    expect(reportedOn('team', { membership: null })).toBe(false);
    expect(reportedOn('team', { membership: { teamId: 'next', role: 'member' } })).toBe(false);
  });
  it('sends the weekly summary to owners and managers who kept it on, never to reps', () => {
    expect(receivesWeeklySummary({ role: 'owner', weeklySummary: true })).toBe(true);
    expect(receivesWeeklySummary({ role: 'manager', weeklySummary: true })).toBe(true);
    expect(receivesWeeklySummary({ role: 'manager', weeklySummary: false })).toBe(false);
    expect(receivesWeeklySummary({ role: 'member', weeklySummary: true })).toBe(false);
  });
});

describe('who may change whom', () => {
  const owner = { userId: 'o', role: 'owner' as const };
  const manager = { userId: 'm', role: 'manager' as const };
  const member = { userId: 'r', role: 'member' as const };
  it('lets the owner remove anyone else and move people between manager and member', () => {
    expect(mayChangeMember(owner, manager, 'remove')).toBe(true);
    expect(mayChangeMember(owner, member, 'remove')).toBe(true);
    expect(mayChangeMember(owner, member, 'make-manager')).toBe(true);
    expect(mayChangeMember(owner, manager, 'make-member')).toBe(true);
    expect(mayChangeMember(owner, manager, 'make-manager')).toBe(false);
    expect(mayChangeMember(owner, owner, 'remove')).toBe(false);
  });
  it('lets a manager remove members only', () => {
    expect(mayChangeMember(manager, member, 'remove')).toBe(true);
    expect(mayChangeMember(manager, member, 'make-manager')).toBe(false);
    expect(mayChangeMember(manager, { userId: 'm2', role: 'manager' }, 'remove')).toBe(false);
    expect(mayChangeMember(manager, owner, 'remove')).toBe(false);
  });
  it('lets a member change nobody', () => {
    expect(mayChangeMember(member, { userId: 'r2', role: 'member' }, 'remove')).toBe(false);
  });
  it('keeps invitations, billing and leaving to the right roles', () => {
    expect(mayInvite('owner', 'manager')).toBe(true);
    expect(mayInvite('manager', 'member')).toBe(true);
    expect(mayInvite('manager', 'manager')).toBe(false);
    expect(mayInvite('member', 'member')).toBe(false);
    expect(mayManageBilling('owner')).toBe(true);
    expect(mayManageBilling('manager')).toBe(false);
    expect(mayLeave('owner')).toBe(false);
    expect(mayLeave('member')).toBe(true);
  });
});
