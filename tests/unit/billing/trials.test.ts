/** Having had a trial (src/lib/billing/trials.ts): the one definition billing and the admin's figures share. */
import { describe, expect, it } from 'vitest';
import { firstTrialAt, hadTrial, type TrialEvidence } from '../../../src/lib/billing/trials';

const t = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const trialGrant = (iso: string): TrialEvidence => ({ kind: 'grant', source: 'trial', startsAt: t(iso) });
const sub = (id: string, trialStart: string | null, refused = false): TrialEvidence => ({
  kind: 'subscription',
  id,
  trialStart: trialStart === null ? null : t(trialStart),
  refused,
});

const cases: [string, TrialEvidence[], string | null, string | null][] = [
  ['nothing recorded', [], null, null],
  ['a local trial or trial code', [trialGrant('2026-03-01')], null, '2026-03-01'],
  [
    'an admin grant is not a trial',
    [{ kind: 'grant', source: 'admin', startsAt: t('2026-03-01') }],
    null,
    null,
  ],
  [
    'a free-product code is not a trial',
    [{ kind: 'grant', source: 'code', startsAt: t('2026-03-01') }],
    null,
    null,
  ],
  ['a subscription that began with a trial', [sub('sub_1', '2026-04-01')], null, '2026-04-01'],
  ['a subscription without a trial', [sub('sub_1', null)], null, null],
  ['a subscription this site refused gave no trial', [sub('sub_1', '2026-04-01', true)], null, null],
  ['the subscription being judged is left out', [sub('sub_1', '2026-04-01')], 'sub_1', null],
  [
    'another subscription still counts',
    [sub('sub_1', '2026-04-01'), sub('sub_2', '2026-05-01')],
    'sub_2',
    '2026-04-01',
  ],
  [
    'the earliest of several',
    [sub('sub_1', '2026-05-01'), trialGrant('2026-02-01'), trialGrant('2026-06-01')],
    null,
    '2026-02-01',
  ],
  [
    'a refused one does not make it earlier',
    [sub('sub_1', '2026-01-01', true), trialGrant('2026-02-01')],
    null,
    '2026-02-01',
  ],
];

describe('firstTrialAt and hadTrial', () => {
  it.each(cases)('%s', (_name, evidence, except, expected) => {
    expect(firstTrialAt(evidence, except)).toEqual(expected === null ? null : t(expected));
    expect(hadTrial(evidence, except)).toBe(expected !== null);
  });
});
