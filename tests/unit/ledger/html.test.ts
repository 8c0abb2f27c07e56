import { describe, expect, it } from 'vitest';
import {
  customerOptionsHtml,
  dueListHtml,
  offeredOutcomes,
  outcomeButtonsHtml,
} from '../../../src/lib/ledger/html';

const now = new Date('2026-11-30T12:00:00Z');

describe('the today view’s HTML', () => {
  it('escapes every text it shows', () => {
    const html = dueListHtml(
      [
        {
          id: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
          customerId: 'bbbbbbbbbbbbbbbbbbbbbbbbbb',
          customerName: '<img src=x onerror=alert(1)>',
          text: '"quoted" & <b>bold</b>',
          channel: 'call',
          dueAt: new Date('2026-11-30T11:00:00Z'),
        },
      ],
      now,
      'UTC',
      '/ledger',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain(
      'Overdue since <time datetime="2026-11-30T11:00:00.000Z" data-ledger-time>Mon, 30 Nov 2026, 11 am</time>',
    );
    expect(html).not.toContain('counts as broken');
    const forgotten = dueListHtml(
      [
        {
          id: 'a',
          customerId: 'b',
          customerName: 'C',
          text: 't',
          channel: 'call',
          dueAt: new Date('2026-11-29T11:00:00Z'),
        },
      ],
      now,
      'UTC',
      '/ledger',
    );
    expect(forgotten).toContain('counts as broken until you record what happened');
    expect(customerOptionsHtml([{ id: 'c', name: '</option><script>', company: '"Co"' }], 'c')).toBe(
      '<option value="c" selected>&lt;/option&gt;&lt;script&gt; (&quot;Co&quot;)</option>',
    );
  });

  it('offers kept late only once due and renegotiation only before', () => {
    expect(offeredOutcomes(new Date('2026-11-30T11:00:00Z'), now)).toEqual(['kept', 'late', 'broken']);
    expect(offeredOutcomes(new Date('2026-11-30T13:00:00Z'), now)).toEqual([
      'kept',
      'renegotiated',
      'broken',
    ]);
    const form = outcomeButtonsHtml({ id: 'p', text: 'x', dueAt: now }, now, '/ledger/customers/c');
    expect(form).toContain('action="/ledger/promises/p/outcome?_action=ledger.recordOutcome"');
    expect(form).toContain('<input type="hidden" name="promise" value="p">');
    expect(form).toContain('name="back" value="/ledger/customers/c"');
  });
});
