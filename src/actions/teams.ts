/** Team forms: create, invite (one or a list), answer invitations, roles, leave, sharing. Each calls one service. */
import { ActionError, defineAction } from 'astro:actions';
import { clearLinkToken, linkToken } from '../lib/server/accounts/link-token';
import { paymentsConfigured } from '../lib/server/billing/service';
import { getCourse, quizSlugs } from '../lib/server/content/service';
import { config } from '../lib/server/platform/config';
import { db } from '../lib/server/platform/db';
import { createAssignment, removeAssignment } from '../lib/server/teams/assignments';
import { changeSeats, handOverTeam, startTeamCheckout, teamPortal } from '../lib/server/teams/billing';
import { BILLING_MESSAGES, CREATE_MESSAGES, JOIN_MESSAGES } from '../lib/server/teams/messages';
import {
  acceptInvitation,
  changeMember,
  createTeam,
  deleteTeam,
  type InviteReport,
  invite,
  leaveTeam,
  renameTeam,
  revokeInvitation,
  updateSharing,
  updateSummaryEmail,
} from '../lib/server/teams/service';
import { assignForm, dueAtOf, parseWhat, snapshotOf, unassignForm } from '../lib/teams/assignments';
import {
  createTeamForm,
  invitationForm,
  inviteForm,
  inviteListForm,
  memberForm,
  memberRoleForm,
  renameTeamForm,
  seatsForm,
  sharingForm,
  summaryEmailForm,
  transferForm,
} from '../lib/teams/forms';
import { parseInviteList } from '../lib/teams/invitations';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

function signedIn(context: Ctx) {
  const { user } = context.locals;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please log in again.' });
  return user;
}

const refused = (message: string) => ({ kind: 'refused' as const, message });
const NOT_FOUND =
  'That person or invitation is no longer in your team. Reload the page to see the team as it is now.';

async function sendInvites(context: Ctx, invites: Parameters<typeof invite>[2]) {
  const result = await invite(await db(), signedIn(context).id, invites, {
    now: new Date(),
    siteUrl: config.siteUrl,
  });
  if (result.kind === 'refused') {
    if (result.reason === 'limit')
      return {
        kind: 'rate-limited' as const,
        retryAfterSeconds: result.retryAfterSeconds ?? 3600,
        message: 'Your team has sent a lot of invitations today. Please try again later.',
      };
    return refused('Only the team’s owner and managers can invite people.');
  }
  return { kind: 'invited' as const, report: result.report satisfies InviteReport };
}

export const teams = {
  create: defineAction({
    accept: 'form',
    input: createTeamForm,
    handler: async (input, context) => {
      const user = signedIn(context);
      const result = await createTeam(await db(), user, input.name, {
        now: new Date(),
        localTrial: !paymentsConfigured(),
      });
      if (result.kind === 'refused') return refused(CREATE_MESSAGES[result.reason]);
      return { kind: 'ok' as const, teamId: result.teamId };
    },
  }),

  rename: defineAction({
    accept: 'form',
    input: renameTeamForm,
    handler: async (input, context) =>
      (await renameTeam(await db(), signedIn(context).id, input.name, new Date()))
        ? { kind: 'ok' as const }
        : refused('Only the team’s owner can rename it.'),
  }),

  invite: defineAction({
    accept: 'form',
    input: inviteForm,
    handler: (input, context) => sendInvites(context, [input]),
  }),

  inviteList: defineAction({
    accept: 'form',
    input: inviteListForm,
    handler: async (input, context) => {
      signedIn(context);
      const text = input.file && input.file.size > 0 ? await input.file.text() : input.list;
      const parsed = parseInviteList(text);
      if (parsed.kind === 'invalid') return { kind: 'invalid' as const, fields: { list: parsed.message } };
      if (parsed.problems.length > 0)
        // Nothing is sent until every line is an address: the list comes back to be corrected.
        return { kind: 'list-problems' as const, problems: parsed.problems };
      return sendInvites(context, parsed.invites);
    },
  }),

  revokeInvitation: defineAction({
    accept: 'form',
    input: invitationForm,
    handler: async (input, context) =>
      (await revokeInvitation(await db(), signedIn(context).id, input.invitationId, new Date())) === 'revoked'
        ? { kind: 'ok' as const }
        : refused(NOT_FOUND),
  }),

  /** An invitation listed on the team page for its (confirmed) addressee. */
  accept: defineAction({
    accept: 'form',
    input: invitationForm,
    handler: async (input, context) => {
      const result = await acceptInvitation(
        await db(),
        signedIn(context),
        { id: input.invitationId },
        new Date(),
      );
      if (result.kind === 'refused') return refused(JOIN_MESSAGES[result.reason]);
      return { kind: 'ok' as const, teamId: result.teamId };
    },
  }),

  /** The emailed link: its token is in a cookie scoped to the join page (`link-token.ts`). */
  join: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = signedIn(context);
      const token = linkToken('/teams/join', context.cookies) ?? '';
      const result = await acceptInvitation(await db(), user, { token }, new Date());
      if (result.kind === 'refused')
        return { ...refused(JOIN_MESSAGES[result.reason]), reason: result.reason };
      clearLinkToken('/teams/join', context.cookies);
      return { kind: 'ok' as const, teamId: result.teamId };
    },
  }),

  setRole: defineAction({
    accept: 'form',
    input: memberRoleForm,
    handler: async (input, context) => {
      const action = input.role === 'manager' ? 'make-manager' : 'make-member';
      const result = await changeMember(await db(), signedIn(context).id, input.userId, action, new Date());
      if (result === 'done') return { kind: 'ok' as const };
      return refused(
        result === 'not-found' ? NOT_FOUND : 'Only the team’s owner can change who is a manager.',
      );
    },
  }),

  remove: defineAction({
    accept: 'form',
    input: memberForm,
    handler: async (input, context) => {
      const result = await changeMember(await db(), signedIn(context).id, input.userId, 'remove', new Date());
      if (result === 'done') return { kind: 'ok' as const };
      return refused(
        result === 'not-found' ? NOT_FOUND : 'Managers can remove reps; only the owner can remove a manager.',
      );
    },
  }),

  leave: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const result = await leaveTeam(await db(), signedIn(context).id);
      if (result === 'left' || result === 'not-in-a-team') return { kind: 'ok' as const };
      return refused(
        'As the owner you pay for the team’s seats, so you can’t leave it. Remove the others first, then close the team.',
      );
    },
  }),

  close: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const result = await deleteTeam(await db(), signedIn(context).id);
      if (result === 'deleted') return { kind: 'ok' as const };
      return refused(
        result === 'has-members'
          ? 'Remove everyone else from the team first; then you can close it.'
          : result === 'billing'
            ? 'Cancel the team’s plan first (Manage billing); then you can close the team.'
            : 'Only the team’s owner can close it.',
      );
    },
  }),

  /** The owner hands the team to another member and stays on as a manager. */
  transfer: defineAction({
    accept: 'form',
    input: transferForm,
    handler: async (input, context) => {
      const user = signedIn(context);
      const result = await handOverTeam(user, input.userId, new Date());
      if (result.kind === 'transferred')
        return { kind: 'ok' as const, teamId: result.teamId, newOwner: result.newOwner };
      return refused(
        result.reason === 'not-in-team'
          ? 'That person is no longer in your team. Choose someone who is.'
          : result.reason === 'unavailable'
            ? 'We couldn’t reach our payment provider to end the plan you pay for, so nothing changed. Please try again in a minute.'
            : 'Only the team’s owner can hand the team over.',
      );
    },
  }),

  sharing: defineAction({
    accept: 'form',
    input: sharingForm,
    handler: async (input, context) =>
      (await updateSharing(await db(), signedIn(context).id, {
        sharesAssessment: input.sharesAssessment === 'on',
        sharesKeptRate: input.sharesKeptRate === 'on',
      }))
        ? { kind: 'ok' as const }
        : refused('You are not in a team any more.'),
  }),
  /** An owner's or manager's weekly summary email, on or off. */
  summaryEmail: defineAction({
    accept: 'form',
    input: summaryEmailForm,
    handler: async (input, context) =>
      (await updateSummaryEmail(await db(), signedIn(context).id, input.weeklySummary === 'on'))
        ? { kind: 'ok' as const }
        : refused('Only a team’s owner and managers get the weekly summary.'),
  }),
  /** The team plan through Stripe Checkout (with the team trial when the owner hasn't had one). */
  checkout: defineAction({
    accept: 'form',
    input: seatsForm,
    handler: async (input, context) => {
      const result = await startTeamCheckout(signedIn(context), input.seats, new Date());
      if (result.kind === 'refused') return refused(BILLING_MESSAGES[result.reason]);
      return result;
    },
  }),

  seats: defineAction({
    accept: 'form',
    input: seatsForm,
    handler: async (input, context) => {
      const result = await changeSeats(signedIn(context).id, input.seats, new Date());
      if (result.kind === 'refused') return refused(BILLING_MESSAGES[result.reason]);
      return { kind: 'ok' as const, seats: result.seats };
    },
  }),

  portal: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const result = await teamPortal(signedIn(context).id, new Date());
      if (result.kind === 'refused') return refused(BILLING_MESSAGES[result.reason]);
      return result;
    },
  }),
  assign: defineAction({
    accept: 'form',
    input: assignForm,
    handler: async (input, context) => {
      const user = signedIn(context);
      const course = await getCourse();
      const what = parseWhat(input.what, course);
      const dueAt = dueAtOf(input.due);
      if (!what)
        return { kind: 'invalid' as const, fields: { what: 'Choose what to assign from the list.' } };
      if (!dueAt)
        return {
          kind: 'invalid' as const,
          fields: { due: 'Enter the due date as a date, such as 2027-01-31.' },
        };
      const withQuiz = await quizSlugs();
      const snapshot = snapshotOf(what.kind, what.target, course, (slug) => withQuiz.has(slug));
      const result = await createAssignment(await db(), user.id, { ...what, ...snapshot, dueAt }, new Date());
      if (result === 'past')
        return { kind: 'invalid' as const, fields: { due: 'Choose a due date from today on.' } };
      if (result === 'not-manager') return refused('Only the team’s owner and managers assign training.');
      return { kind: 'ok' as const };
    },
  }),

  unassign: defineAction({
    accept: 'form',
    input: unassignForm,
    handler: async (input, context) =>
      (await removeAssignment(await db(), signedIn(context).id, input.assignmentId))
        ? { kind: 'ok' as const }
        : refused('That assignment is no longer there. Reload the page to see the team’s assignments.'),
  }),
};
