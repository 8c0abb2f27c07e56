import { describe, expect, it } from 'vitest';
import { zoneChoices } from '../../../src/lib/ledger/time';
import { zoneOptionsHtml } from '../../../src/lib/ledger/zone-options';

const winter = new Date(Date.UTC(2026, 0, 15, 12));

describe('zoneOptionsHtml', () => {
  const choices = zoneChoices('en-US', winter);

  it('marks exactly the chosen zone, in its group, and every zone once', () => {
    const html = zoneOptionsHtml(choices, 'America/Chicago');
    expect(html.match(/ selected>/g)).toHaveLength(1);
    expect(html).toContain(
      '<option value="America/Chicago" selected>America/Chicago — Central Time (UTC−6)</option>',
    );
    expect(html.startsWith('<optgroup label="Suggested: United States">')).toBe(true);
    expect(html).toContain('<optgroup label="More in United States">');
    const values = [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(values).size).toBe(values.length);
  });

  it('builds the list once and marks a different zone each time without changing it', () => {
    const first = zoneOptionsHtml(choices, 'UTC');
    const second = zoneOptionsHtml(choices, 'Europe/Berlin');
    expect(first).toContain('<option value="UTC" selected>');
    expect(second).not.toContain('<option value="UTC" selected>');
    expect(second).toContain('<option value="Europe/Berlin" selected>');
    expect(first.replace(' selected>', '>')).toBe(second.replace(' selected>', '>'));
  });

  it('selects nothing for a zone not in the list', () => {
    expect(zoneOptionsHtml(choices, 'Mars/Olympus')).not.toContain(' selected>');
  });
});
