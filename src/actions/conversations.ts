/** Conversation practice: start a run, answer one turn. One form post each; the pages redirect after (post/redirect/get). */
import { ActionError, defineAction } from 'astro:actions';
import { replyForm, startRunForm } from '../lib/conversations/forms';
import { replyToTurn, startRun } from '../lib/server/conversations/service';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

function signedIn(context: Ctx) {
  const { user } = context.locals;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please log in again.' });
  return user;
}

export const conversations = {
  start: defineAction({
    accept: 'form',
    input: startRunForm,
    handler: (input, context) => startRun(signedIn(context), context.locals.entitlements, input, new Date()),
  }),

  reply: defineAction({
    accept: 'form',
    input: replyForm,
    handler: (input, context) =>
      replyToTurn(signedIn(context), context.locals.entitlements, input, new Date()),
  }),
};
