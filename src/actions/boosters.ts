/** Booster form mutations: answer one booster, save the settings, stop the email from a signed link. */
import { ActionError, defineAction } from 'astro:actions';
import { answerForm, settingsForm, stopForm } from '../lib/boosters/forms';
import { answerBooster, saveBoosterSettings, stopBoosterEmail } from '../lib/server/boosters/service';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

function signedIn(context: Ctx) {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Please log in again.' });
  return user;
}

export const boosters = {
  answer: defineAction({
    accept: 'form',
    input: answerForm,
    handler: (input, context) =>
      answerBooster(signedIn(context).id, context.locals.entitlements, input, new Date()),
  }),

  saveSettings: defineAction({
    accept: 'form',
    input: settingsForm,
    handler: (input, context) => saveBoosterSettings(signedIn(context).id, input, new Date()),
  }),

  // No login: the signed link is the proof (it reaches only whoever holds the email).
  stopEmail: defineAction({
    accept: 'form',
    input: stopForm,
    handler: (input) => stopBoosterEmail(input.member, input.signature, new Date()),
  }),
};
