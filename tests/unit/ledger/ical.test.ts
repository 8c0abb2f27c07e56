import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, foldLine, icalText } from '../../../src/lib/ledger/ical';

const now = new Date('2026-11-30T08:00:00Z');

describe('the calendar feed', () => {
  it('is valid iCalendar that a real parser reads back, event by event', () => {
    const text = buildCalendar(
      [
        {
          id: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
          text: 'I’ll call you tomorrow, with the status; promise \\ kept',
          customerName: 'Ana Müller',
          channel: 'call',
          dueAt: new Date('2026-12-01T16:00:00Z'),
        },
        {
          id: 'bbbbbbbbbbbbbbbbbbbbbbbbbb',
          text: `Send the revised quote ${'with every line item '.repeat(8).trim()}`,
          customerName: 'Ben',
          channel: 'email',
          dueAt: new Date('2026-12-02T09:30:00Z'),
        },
      ],
      { now, siteUrl: 'https://academy.example/ledger', host: 'academy.example' },
    );
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([
      'Promise to Ana Müller: I’ll call you tomorrow, with the status; promise \\ kept',
      `Promise to Ben: Send the revised quote ${'with every line item '.repeat(8).trim()}`,
    ]);
    expect(events[0]?.uid).toBe('promise-aaaaaaaaaaaaaaaaaaaaaaaaaa@academy.example');
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(events[0]?.endDate.toJSDate().toISOString()).toBe('2026-12-01T16:15:00.000Z');
    expect(events[1]?.description).toContain('https://academy.example/ledger');
  });

  it('an empty feed is still a calendar', () => {
    const calendar = new ICAL.Component(
      ICAL.parse(buildCalendar([], { now, siteUrl: 'https://a.example/ledger', host: 'a.example' })),
    );
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
  });

  it('escapes text and never folds inside a character', () => {
    expect(icalText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});
