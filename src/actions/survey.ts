/** The customer trust survey's form actions: invite, close a round, share the report, answer, opt out. */
import { ActionError, defineAction } from 'astro:actions';
import { config } from '../lib/server/platform/config';
import { db } from '../lib/server/platform/db';
import { answer, optOut } from '../lib/server/survey/answers';
import { closeRound, invite } from '../lib/server/survey/invitations';
import { surveyToken } from '../lib/server/survey/link-cookie';
import { setSharing } from '../lib/server/survey/report';
import { answerForm, inviteForm, roundForm, shareForm } from '../lib/survey/forms';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

/** A signed-in person who may use the assessment (membership includes it), or an action error. */
function surveyor(context: Ctx) {
  const { user } = context.locals;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please log in again.' });
  if (!context.locals.entitlements.assessment) {
    throw new ActionError({ code: 'FORBIDDEN', message: 'The customer survey comes with the assessment.' });
  }
  return user;
}

export const survey = {
  invite: defineAction({
    accept: 'form',
    input: inviteForm,
    handler: async (input, context) =>
      invite(await db(), surveyor(context), input, { now: new Date(), siteUrl: config.siteUrl }),
  }),

  closeRound: defineAction({
    accept: 'form',
    input: roundForm,
    handler: async (input, context) => {
      const closed = await closeRound(await db(), surveyor(context).id, input.round, new Date());
      return closed ? { kind: 'ok' as const } : { kind: 'not-found' as const };
    },
  }),

  share: defineAction({
    accept: 'form',
    input: shareForm,
    handler: async (input, context) => {
      await setSharing(await db(), surveyor(context).id, input.share === 'on', new Date());
      return { kind: 'ok' as const, share: input.share };
    },
  }),

  answer: defineAction({
    accept: 'form',
    input: answerForm,
    handler: async (input, context) =>
      answer(
        await db(),
        surveyToken('/survey/answer', context.cookies),
        input,
        context.locals.user?.id ?? null,
        new Date(),
      ),
  }),

  neverEmail: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const done = await optOut(await db(), surveyToken('/survey/never-email', context.cookies), new Date());
      return { kind: done ? ('ok' as const) : ('invalid-link' as const) };
    },
  }),
};
