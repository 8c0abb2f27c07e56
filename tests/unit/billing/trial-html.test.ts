import { describe, expect, it } from 'vitest';
import { daysLeftText, trialStatusHtml } from '../../../src/lib/billing/trial-html';

const now = new Date('2026-12-03T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the trial’s status on My learning', () => {
  it('counts whole days left, rounded up, and says when it ends and what happens after', () => {
    const html = text(
      trialStatusHtml({ kind: 'trial', until: new Date('2026-12-08T10:00:00Z') }, now, 'UTC'),
    );
    expect(html).toContain('Trial: 5 days left , ends 8 Dec 2026');
    expect(html).toContain('After that the free lessons stay open');
    expect(html).toContain('nothing is charged');
    expect(trialStatusHtml({ kind: 'trial', until: later(DAY) }, now, 'UTC')).toContain('href="/pricing"');
  });

  it('says "1 day left", then the hour on the last day', () => {
    expect(daysLeftText(later(DAY + 1), now)).toBe('2 days left');
    expect(daysLeftText(later(DAY), now)).toBe('1 day left');
    expect(daysLeftText(later(DAY - 1), now)).toBe('less than a day left');
    expect(text(trialStatusHtml({ kind: 'trial', until: later(3 * 3_600_000) }, now, 'UTC'))).toContain(
      'less than a day left , ends Thu, 3 Dec 2026, 1 pm (UTC)',
    );
  });

  it('says when it ends in the person’s zone: their day, and on the last day their clock', () => {
    // 02:00 UTC on 8 Dec is still 7 Dec in Chicago.
    const late = new Date('2026-12-08T02:00:00Z');
    expect(text(trialStatusHtml({ kind: 'trial', until: late }, now, 'America/Chicago'))).toContain(
      'ends 7 Dec 2026',
    );
    expect(
      text(trialStatusHtml({ kind: 'trial', until: later(3 * 3_600_000) }, now, 'America/Chicago')),
    ).toContain('ends Thu, 3 Dec 2026, 7 am (America/Chicago)');
  });

  it('says a paid trial carries on as a charge, with the price', () => {
    const html = text(
      trialStatusHtml(
        { kind: 'paid-trial', until: later(2 * DAY), firstCharge: '$19.00 a month' },
        now,
        'UTC',
      ),
    );
    expect(html).toContain('Trial: 2 days left');
    expect(html).toContain('carries on at $19.00 a month');
  });

  it('mentions an ended trial for two weeks, then nothing; nothing without a trial', () => {
    expect(text(trialStatusHtml({ kind: 'trial-ended', endedAt: later(-3 * DAY) }, now, 'UTC'))).toContain(
      'Your free trial ended on 30 Nov 2026',
    );
    expect(trialStatusHtml({ kind: 'trial-ended', endedAt: later(-15 * DAY) }, now, 'UTC')).toBe('');
    expect(trialStatusHtml({ kind: 'none' }, now, 'UTC')).toBe('');
  });
});
