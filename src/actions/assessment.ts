/**
 * The assessment's forms: save a page (and go on or back), submit the reviewed answers, share a result.
 * Each reads its form with src/lib/assessment/forms.ts, calls one service, and says where to go next.
 */
import { defineAction } from 'astro:actions';
import { assessmentPageForm, assessmentSubmitForm, shareForm } from '../lib/assessment/forms';
import { instrument, itemField, savePage, setSharing, submit } from '../lib/server/assessment/service';
import { gatedUser } from '../lib/server/platform/gates';

type Ctx = Parameters<Parameters<typeof defineAction>[0]['handler']>[1];

const refused = (status: number, message: string) => ({ kind: 'refused' as const, status, message });

/** Without the assessment (the trial ended, say), every form leads to the page that offers it. */
const offer = { kind: 'ok' as const, next: '/assessment' };
const holds = (context: Ctx) => context.locals.entitlements.assessment;

export const assessment = {
  /**
   * Saves one page's answers into the draft, whatever else happens: "back" goes back, a page with
   * statements left blank comes back with every one named (and the answers kept), a full page goes on.
   */
  savePage: defineAction({
    accept: 'form',
    input: assessmentPageForm,
    handler: async (input, context) => {
      const user = gatedUser(context.locals);
      if (!holds(context)) return offer;
      const step = Number(input.step);
      const saved = await savePage(user.id, step, input.answers, new Date());
      if (saved.kind === 'bad-request')
        return refused(400, `${saved.message} Nothing on this page was saved.`);
      if (input.go === 'back')
        return { kind: 'ok' as const, next: step === 1 ? '/assessment' : `/assessment/${step - 1}` };
      const { pages } = await instrument();
      if (saved.missing.length === 0)
        return {
          kind: 'ok' as const,
          next: step === pages.length ? '/assessment/review' : `/assessment/${step + 1}`,
        };
      const page = pages[step - 1] ?? [];
      const before = pages.slice(0, step - 1).reduce((n, p) => n + p.length, 0);
      const blank = saved.missing.length;
      return {
        kind: 'invalid' as const,
        message: `Answer every statement on this page to go on: ${blank === 1 ? 'one is' : `${blank} are`} still blank. Your other answers are saved.`,
        fields: Object.fromEntries(
          page
            .map((item, n) => ({ item, n }))
            .filter(({ item }) => saved.missing.includes(item.id))
            .map(({ item, n }) => [
              itemField(item.id),
              `Statement ${before + n + 1}: ${item.response === 'frequency' ? 'choose how often.' : 'choose how much you agree.'}`,
            ]),
        ),
        answers: saved.answers,
      };
    },
  }),

  /** Scores the draft into a new result, once per submission id (a second press shows the same result). */
  submit: defineAction({
    accept: 'form',
    input: assessmentSubmitForm,
    handler: async ({ submission }, context) => {
      const user = gatedUser(context.locals);
      if (!holds(context)) return offer;
      const result = await submit(user.id, submission, new Date());
      if (result.kind === 'stored') return { kind: 'ok' as const, next: `/assessment/results/${result.id}` };
      if (result.kind === 'bad-request') return refused(400, result.message);
      const n = result.missing.length;
      return refused(400, `${n} statement${n === 1 ? ' is' : 's are'} still unanswered; answer them first.`);
    },
  }),

  /** Makes or withdraws a result's share link; someone else's result is not found. */
  share: defineAction({
    accept: 'form',
    input: shareForm,
    handler: async ({ result, share }, context) => {
      const user = gatedUser(context.locals);
      if (!(await setSharing(user.id, result, share === 'on')))
        return { kind: 'not-found' as const, message: 'There is no such result of yours.' };
      return { kind: 'ok' as const, next: `/assessment/results/${result}?shared=${share}#share` };
    },
  }),
};
