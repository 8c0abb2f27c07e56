/**
 * Who sees what of a team: the one place every team page, export and email asks. Pure; the callers
 * bring the facts (the viewer's membership, the rep's membership and choices, how many have a result).
 *
 * The rules:
 * 1. A team's pages exist only for its current members; everyone else — a manager of another team, a
 *    former member, a site admin — gets 404, as if the team did not exist. A site admin's role gives
 *    nothing here: they see in the admin area what they saw before teams existed, no more.
 * 2. Reports, assignments, invitations and the roster's controls are for the team's owner and managers.
 * 3. A rep is seen by the team only while they are a member of it: after leaving or being removed,
 *    nothing of theirs — earlier or later — shows in the old team's pages, exports or emails.
 * 4. Assessment and survey results are shown as team aggregates only once at least
 *    `MIN_AGGREGATE_GROUP` members have one, and individually only for reps who chose to share them.
 * 5. A rep's promise ledger is never shown; only their kept-on-time rate, and only if they opted in.
 * 6. Quiz answers are shown per question as the share of the team's reps who chose each option, for a
 *    quiz only once at least `MIN_AGGREGATE_GROUP` reps have answered it, and never who chose what.
 * 7. Reports (the pages, the CSV files, the weekly summary) cover the team's reps (role member), by the
 *    rules above; the weekly summary goes to owners and managers who have not turned it off.
 */

export type TeamRole = 'owner' | 'manager' | 'member';

/** A person's place in a team, as stored. */
export interface Membership {
  teamId: string;
  role: TeamRole;
}

/** Someone asking to see a team's page. `siteRole` is listed to make clear it is not consulted. */
export interface Viewer {
  userId: string;
  siteRole: 'learner' | 'admin';
  membership: Membership | null;
}

/** What the viewer may do in the team: manage it, see it as a member, or nothing at all (404). */
export type TeamAccess = 'manage' | 'member' | null;

/** Rules 1 and 2. */
export function teamAccess(viewer: Viewer | null, teamId: string): TeamAccess {
  const membership = viewer?.membership;
  if (!membership || membership.teamId !== teamId) return null;
  return membership.role === 'member' ? 'member' : 'manage';
}

/** Rule 3: whether a rep's data may appear in a team's view. */
export function repVisibleTo(teamId: string, rep: { membership: Membership | null }): boolean {
  return rep.membership?.teamId === teamId;
}

/** Fewer people than this and an average would give away individuals' results. */
export const MIN_AGGREGATE_GROUP = 3;

/** Rule 4, the aggregate: shown once enough members have a result. */
export function aggregateVisible(membersWithResult: number): boolean {
  return membersWithResult >= MIN_AGGREGATE_GROUP;
}

/** Rule 4, one rep's own results: only when they chose to share them. */
export function individualResultsVisible(rep: { sharesAssessment: boolean }): boolean {
  return rep.sharesAssessment;
}

/** Rule 5: the ledger itself is never visible; the kept-on-time rate only with the rep's consent. */
export function keptRateVisible(rep: { sharesKeptRate: boolean }): boolean {
  return rep.sharesKeptRate;
}

/** Rule 6: a quiz's answers are shown as shares once enough reps have answered it. */
export function quizBreakdownVisible(repsWhoAnswered: number): boolean {
  return aggregateVisible(repsWhoAnswered);
}

/** Rule 2: reports (pages, CSV files) are for the team's owner and managers. */
export function reportsVisible(access: TeamAccess): boolean {
  return access === 'manage';
}

/** Rule 7: who gets the weekly summary — owners and managers who kept it on. */
export function receivesWeeklySummary(member: { role: TeamRole; weeklySummary: boolean }): boolean {
  return member.role !== 'member' && member.weeklySummary;
}

/** Rule 7: the people reports are about — the team's reps, while they are in it (rule 3). */
export function reportedOn(teamId: string, person: { membership: Membership | null }): boolean {
  return repVisibleTo(teamId, person) && person.membership?.role === 'member';
}

export type MemberAction = 'remove' | 'make-manager' | 'make-member';

/**
 * Who may change whom: the owner anyone but themself; a manager only plain members, and may only remove
 * them (promoting is the owner's). Nobody acts on the owner, who pays for the seats.
 */
export function mayChangeMember(
  actor: { userId: string; role: TeamRole },
  target: { userId: string; role: TeamRole },
  action: MemberAction,
): boolean {
  if (target.role === 'owner' || actor.userId === target.userId) return false;
  if (actor.role === 'owner') {
    if (action === 'make-manager') return target.role === 'member';
    if (action === 'make-member') return target.role === 'manager';
    return true;
  }
  if (actor.role === 'manager') return action === 'remove' && target.role === 'member';
  return false;
}

/** Owners invite managers and members; managers invite members. */
export function mayInvite(actor: TeamRole, role: 'manager' | 'member'): boolean {
  if (actor === 'owner') return true;
  return actor === 'manager' && role === 'member';
}

/** Billing (seats, the plan, the portal) is the owner's alone. */
export function mayManageBilling(role: TeamRole): boolean {
  return role === 'owner';
}

/** The owner can't simply leave (the seats are theirs); everyone else can. */
export function mayLeave(role: TeamRole): boolean {
  return role !== 'owner';
}
