/**
 * The promise ledger's forms. The middleware admits members only to `ledger.*` actions; each action
 * reads its form with the schema in src/lib/ledger/forms.ts, calls one service, and says where to go
 * next (the page that posted redirects there, 303) or what went wrong (the page shows it).
 */
import { defineAction } from 'astro:actions';
import {
  addCustomerForm,
  addPromiseForm,
  correctionForm,
  editCustomerForm,
  feedForm,
  importForm,
  outcomeForm,
  removeCustomerForm,
  renegotiationForm,
  settingsForm,
  timeZoneForm,
  undoForm,
  withParam,
} from '../lib/ledger/forms';
import {
  addCustomer,
  addPromise,
  checkImport,
  correctPromise,
  createFeed,
  editCustomer,
  feedUrl,
  importCustomers,
  recordOutcome,
  removeCustomer,
  renegotiatePromise,
  revokeFeed,
  saveSettings,
  saveTimeZone,
  undoOutcome,
} from '../lib/server/ledger/service';
import { gatedUser } from '../lib/server/platform/gates';

const NOT_YOURS = 'That promise is not in your ledger.';

/** Where a change made from the today view or a customer's page goes back to. */
const backTo = (back: string) => (back.startsWith('/ledger/customers/') ? back : '/ledger');

export const ledger = {
  addCustomer: defineAction({
    accept: 'form',
    input: addCustomerForm,
    handler: async (input, context) => {
      const result = await addCustomer(gatedUser(context.locals).id, input, new Date());
      if (result.kind === 'full')
        return {
          kind: 'refused' as const,
          status: 409,
          message: `The customer was not added. ${result.message}`,
        };
      return { kind: 'ok' as const, next: `/ledger/customers/${result.id}?added=1` };
    },
  }),

  editCustomer: defineAction({
    accept: 'form',
    input: editCustomerForm,
    handler: async ({ customer, ...details }, context) => {
      const result = await editCustomer(gatedUser(context.locals).id, customer, details);
      if (result.kind === 'not-found')
        return { kind: 'not-found' as const, message: 'That customer is not in your ledger.' };
      return { kind: 'ok' as const, next: `/ledger/customers/${customer}?updated=1` };
    },
  }),

  removeCustomer: defineAction({
    accept: 'form',
    input: removeCustomerForm,
    handler: async ({ customer }, context) => {
      const result = await removeCustomer(gatedUser(context.locals).id, customer);
      if (result.kind === 'not-found')
        return { kind: 'not-found' as const, message: 'That customer is not in your ledger.' };
      return { kind: 'ok' as const, next: `/ledger/customers?deleted=${result.promises}` };
    },
  }),

  addPromise: defineAction({
    accept: 'form',
    input: addPromiseForm,
    handler: async ({ back, ...input }, context) => {
      const result = await addPromise(gatedUser(context.locals).id, input, new Date());
      if (result.kind !== 'ok') return result;
      const saved = withParam(back, 'saved', 'promise');
      return { kind: 'ok' as const, next: result.zoneSaved ? withParam(saved, 'zone', 'saved') : saved };
    },
  }),

  recordOutcome: defineAction({
    accept: 'form',
    input: outcomeForm,
    handler: async ({ promise, outcome, back }, context) => {
      const result = await recordOutcome(gatedUser(context.locals).id, promise, outcome, new Date());
      if (result.kind === 'not-found') return { kind: 'not-found' as const, message: NOT_YOURS };
      if (result.kind === 'bad-request')
        return { kind: 'refused' as const, message: `${result.message} Nothing was changed.` };
      // The note after it offers "Undo" for this promise.
      const note = withParam(
        withParam(backTo(back), 'recorded', result.outcome),
        'customer',
        result.customerId,
      );
      return { kind: 'ok' as const, next: withParam(note, 'promise', promise) };
    },
  }),

  undoOutcome: defineAction({
    accept: 'form',
    input: undoForm,
    handler: async ({ promise, back }, context) => {
      const result = await undoOutcome(gatedUser(context.locals).id, promise, new Date());
      if (result.kind === 'not-found') return { kind: 'not-found' as const, message: NOT_YOURS };
      if (result.kind === 'bad-request')
        return { kind: 'refused' as const, message: `${result.message} Nothing was changed.` };
      return {
        kind: 'ok' as const,
        next: withParam(withParam(backTo(back), 'undone', '1'), 'customer', result.customerId),
      };
    },
  }),

  correctOutcome: defineAction({
    accept: 'form',
    input: correctionForm,
    handler: async ({ promise, outcome }, context) => {
      const result = await correctPromise(gatedUser(context.locals).id, promise, outcome, new Date());
      if (result.kind === 'not-found') return { kind: 'not-found' as const, message: NOT_YOURS };
      if (result.kind === 'bad-request')
        return { kind: 'refused' as const, message: `${result.message} Nothing was changed.` };
      const page = `/ledger/customers/${result.customerId}`;
      return { kind: 'ok' as const, next: `${withParam(page, 'corrected', '1')}#ledger-title` };
    },
  }),

  renegotiate: defineAction({
    accept: 'form',
    input: renegotiationForm,
    handler: async ({ promise, due, back }, context) => {
      const result = await renegotiatePromise(gatedUser(context.locals).id, promise, due, new Date());
      if (result.kind === 'not-found') return { kind: 'not-found' as const, message: NOT_YOURS };
      if (result.kind === 'bad-request')
        return { kind: 'refused' as const, message: `${result.message} Nothing was changed.` };
      if (result.kind === 'invalid') return result;
      const note = withParam(withParam(backTo(back), 'renegotiated', promise), 'customer', result.customerId);
      return { kind: 'ok' as const, next: note };
    },
  }),

  /** The zone offered on a ledger page (the browser's, or a guess from its language), saved alone. */
  useTimeZone: defineAction({
    accept: 'form',
    input: timeZoneForm,
    handler: async ({ timeZone, back }, context) => {
      const result = await saveTimeZone(gatedUser(context.locals).id, timeZone, new Date());
      if (result.kind !== 'ok') return result;
      return { kind: 'ok' as const, next: withParam(back, 'zone', 'saved') };
    },
  }),

  saveSettings: defineAction({
    accept: 'form',
    input: settingsForm,
    handler: async (input, context) => {
      const result = await saveSettings(gatedUser(context.locals).id, input, new Date());
      if (result.kind !== 'ok') return result;
      return { kind: 'ok' as const, next: '/ledger/settings?saved=1' };
    },
  }),

  /** The feed's secret URL is shown once, on the page that answers this form (never in a redirect). */
  feed: defineAction({
    accept: 'form',
    input: feedForm,
    handler: async ({ intent }, context) => {
      const userId = gatedUser(context.locals).id;
      if (intent === 'feed-revoke') {
        await revokeFeed(userId, new Date());
        return { kind: 'ok' as const, next: '/ledger/settings?revoked=1' };
      }
      return { kind: 'feed' as const, url: feedUrl(await createFeed(userId, new Date())) };
    },
  }),

  /** A preview with per-row problems first, then the import: all rows or none. */
  importCustomers: defineAction({
    accept: 'form',
    input: importForm,
    handler: async ({ step, file, csv: pasted }, context) => {
      const userId = gatedUser(context.locals).id;
      const csv = file && file.size > 0 ? await file.text() : pasted;
      if (csv.trim() === '')
        return {
          kind: 'invalid' as const,
          fields: { file: 'Choose a CSV file (or paste its text) to import.' },
        };
      // Invalid UTF-8 decodes to U+FFFD: refuse it rather than store mangled names.
      if (csv.includes('\uFFFD'))
        return {
          kind: 'invalid' as const,
          fields: { file: 'That file is not UTF-8 text. Save it as “CSV UTF-8” and try again.' },
        };
      if (step === 'import') {
        const result = await importCustomers(userId, csv, new Date());
        if (result.kind === 'imported')
          return { kind: 'ok' as const, next: `/ledger/customers?imported=${result.count}` };
        return { kind: 'checked' as const, check: result, csv, imported: false };
      }
      return { kind: 'checked' as const, check: await checkImport(userId, csv), csv, imported: null };
    },
  }),
};
