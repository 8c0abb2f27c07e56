/**
 * The admin area's forms. The middleware admits admins only to `admin.*` actions (everyone else gets
 * 404, as on the pages); each action reads its form with src/lib/admin/forms.ts and calls one audited
 * service, then says where to go next (the page redirects there, 303) or what went wrong.
 */
import { defineAction } from 'astro:actions';
import { codeStatusForm, createCodeForm, grantForm, learnerForm, revokeForm } from '../lib/admin/forms';
import {
  createCodeFromForm,
  endSessionsAs,
  grantMembershipAs,
  type LearnerAction,
  resendVerificationAs,
  revokeMembershipAs,
  setCodeActiveAs,
} from '../lib/server/admin/service';
import { gatedUser } from '../lib/server/platform/gates';

/** A learner action's outcome as the learner's page takes it. */
function learnerOutcome(learner: string, result: LearnerAction) {
  if (result.kind === 'done')
    return { kind: 'ok' as const, next: `/admin/learners/${learner}?done=${result.done}` };
  if (result.kind === 'not-found')
    return { kind: 'not-found' as const, message: 'There is no such learner.' };
  return result;
}

export const admin = {
  createCode: defineAction({
    accept: 'form',
    input: createCodeForm,
    handler: async (input, context) => {
      const result = await createCodeFromForm(gatedUser(context.locals), input, new Date());
      if (result.kind !== 'created') return { kind: 'invalid' as const, fields: { form: result.message } };
      return {
        kind: 'ok' as const,
        next: `/admin/codes?done=created&code=${encodeURIComponent(result.code.code)}`,
      };
    },
  }),

  setCodeStatus: defineAction({
    accept: 'form',
    input: codeStatusForm,
    handler: async ({ code, intent }, context) => {
      const before = await setCodeActiveAs(gatedUser(context.locals), code, intent === 'enable', new Date());
      if (!before) return { kind: 'not-found' as const, message: 'There is no such code.' };
      return {
        kind: 'ok' as const,
        next: `/admin/codes?done=${intent}d&code=${encodeURIComponent(before.code)}`,
      };
    },
  }),

  grantMembership: defineAction({
    accept: 'form',
    input: grantForm,
    handler: async ({ learner, ...grant }, context) =>
      learnerOutcome(learner, await grantMembershipAs(gatedUser(context.locals), learner, grant, new Date())),
  }),

  revokeMembership: defineAction({
    accept: 'form',
    input: revokeForm,
    handler: async ({ learner, revokeReason }, context) =>
      learnerOutcome(
        learner,
        await revokeMembershipAs(gatedUser(context.locals), learner, revokeReason, new Date()),
      ),
  }),

  resendVerification: defineAction({
    accept: 'form',
    input: learnerForm,
    handler: async ({ learner }, context) =>
      learnerOutcome(learner, await resendVerificationAs(gatedUser(context.locals), learner, new Date())),
  }),

  endSessions: defineAction({
    accept: 'form',
    input: learnerForm,
    handler: async ({ learner }, context) =>
      learnerOutcome(learner, await endSessionsAs(gatedUser(context.locals), learner, new Date())),
  }),
};
