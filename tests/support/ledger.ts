/** Helpers for the promise ledger's integration tests. */
import { randomBytes } from 'node:crypto';
import type { Visitor } from './browser-less';
import { postForm } from './learning';

/** A fresh submission id field, as each ledger create form carries one. */
export function sub(): [string, string] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return ['submission', Array.from(randomBytes(26), (b) => alphabet[b % 32]).join('')];
}

/**
 * Where each ledger page's form posts: the page's path with its action (`?_action=`, src/actions/ledger.ts),
 * and the hidden id field the form carries. Tests name the page; the rendered forms are checked to point
 * at the same actions (ledger.test.ts, polish.test.ts).
 */
export function ledgerAction(path: string, fields: [string, string][]): [string, [string, string][]] {
  const intent = fields.find(([k]) => k === 'intent')?.[1];
  const without = (name: string) => fields.filter(([k]) => k !== name);
  const promise = /^\/ledger\/promises\/([^/?]+)\/(outcome|undo|correct|renegotiate)$/.exec(path);
  if (promise) {
    const name = {
      outcome: 'recordOutcome',
      undo: 'undoOutcome',
      correct: 'correctOutcome',
      renegotiate: 'renegotiate',
    }[promise[2] as 'outcome'];
    return [`${path}?_action=ledger.${name}`, [['promise', promise[1] ?? ''], ...fields]];
  }
  const customer = /^\/ledger\/customers\/([^/?]+)\/edit$/.exec(path);
  if (customer) {
    const name = intent === 'delete' ? 'removeCustomer' : 'editCustomer';
    return [`${path}?_action=ledger.${name}`, [['customer', customer[1] ?? ''], ...without('intent')]];
  }
  if (path === '/ledger/customers') return [`${path}?_action=ledger.addCustomer`, fields];
  if (path === '/ledger/promises/new') return [`${path}?_action=ledger.addPromise`, fields];
  if (path === '/ledger/import') return [`${path}?_action=ledger.importCustomers`, fields];
  if (path === '/ledger/settings' && intent === 'use')
    return [`${path}?_action=ledger.useTimeZone`, without('intent')];
  if (path === '/ledger/settings')
    return intent === 'settings' || intent === undefined
      ? [`${path}?_action=ledger.saveSettings`, without('intent')]
      : [`${path}?_action=ledger.feed`, fields];
  throw new Error(`no ledger form posts to ${path}`);
}

/** Submits a ledger page's form as the browser does. */
export function postLedger(v: Visitor, path: string, fields: [string, string][]): Promise<Response> {
  const [url, sent] = ledgerAction(path, fields);
  return postForm(v, url, sent);
}
